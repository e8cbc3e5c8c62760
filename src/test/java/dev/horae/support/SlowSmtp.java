package dev.horae.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal SMTP sink (RFC 5321's EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) that takes {@code
 * delayMillis} to accept each message, so sends are in flight long enough for a test to kill the
 * node making them. It records each accepted message's recipient and Message-ID.
 */
public final class SlowSmtp implements AutoCloseable {
  public record Accepted(String recipient, String messageId) {}

  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "slow-smtp");
    t.setDaemon(true);
    return t;
  });
  private final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
  private final java.util.Set<String> receiving = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final int delayMillis;

  public SlowSmtp(int delayMillis) throws IOException {
    this.delayMillis = delayMillis;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.submit(this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The Message-IDs of the messages whose data has arrived and that this sink is taking its time to accept. */
  public java.util.Set<String> receiving() {
    return java.util.Set.copyOf(receiving);
  }

  public List<Accepted> accepted() {
    synchronized (accepted) {
      return List.copyOf(accepted);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        pool.submit(() -> session(s));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void session(Socket s) {
    try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream()) {
      say(out, "220 slow-smtp ESMTP");
      List<String> recipients = new ArrayList<>();
      for (String line; (line = in.readLine()) != null; ) {
        String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
        switch (verb) {
          case "EHLO", "HELO" -> say(out, "250 slow-smtp");
          case "MAIL", "NOOP" -> say(out, "250 OK");
          case "RSET" -> {
            recipients.clear();
            say(out, "250 OK");
          }
          case "RCPT" -> {
            recipients.add(line.replaceAll("(?i)^RCPT TO:\\s*<?([^>\\s]*)>?.*$", "$1"));
            say(out, "250 OK");
          }
          case "DATA" -> {
            say(out, "354 go ahead");
            String messageId = null;
            String data;
            while ((data = in.readLine()) != null && !data.equals(".")) {
              if (messageId == null && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                messageId = data.substring(11).strip();
              }
            }
            if (data == null) {
              return; // cut off mid-message: not accepted
            }
            if (messageId != null) {
              receiving.add(messageId);
            }
            Thread.sleep(delayMillis);
            for (String r : recipients) {
              accepted.add(new Accepted(r, messageId)); // accepted even if the client is gone by now: as an MTA would
            }
            if (messageId != null) {
              receiving.remove(messageId);
            }
            recipients.clear();
            say(out, "250 OK queued");
          }
          case "QUIT" -> {
            say(out, "221 bye");
            return;
          }
          default -> say(out, "502 not implemented");
        }
      }
    } catch (IOException | InterruptedException gone) {
      // the client went away (or was killed)
    }
  }

  private static void say(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
