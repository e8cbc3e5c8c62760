package dev.horae.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * The suite's SMTP server: GreenMail on a free loopback port, one for the whole run (the service's
 * {@code horae.mail.*} points at it). Tests tell their messages apart by their recipients.
 */
public final class Smtp {
  private static GreenMail server;

  private Smtp() {}

  public static synchronized GreenMail server() {
    if (server == null) {
      int port;
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }
    return server;
  }

  public static int port() {
    return server().getSmtp().getPort();
  }

  /** The messages received so far for {@code address} (compared without case, as mail systems do). */
  public static List<MimeMessage> to(String address) {
    return Arrays.stream(server().getReceivedMessages()).filter(m -> {
      try {
        Address[] all = m.getAllRecipients();
        String wanted = address.toLowerCase(java.util.Locale.ROOT);
        return all != null && Arrays.stream(all).anyMatch(a -> a.toString().toLowerCase(java.util.Locale.ROOT).contains(wanted));
      } catch (MessagingException e) {
        return false;
      }
    }).toList();
  }
}
