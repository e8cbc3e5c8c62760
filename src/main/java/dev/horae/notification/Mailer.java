package dev.horae.notification;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP side: Spring's {@link JavaMailSenderImpl} over Jakarta Mail, configured from {@link
 * MailProperties}, and the MIME shape of one message (RFC 6047 §2.4): {@code multipart/alternative}
 * with text/plain, text/html and {@code text/calendar; method=…}, the way Google and Outlook send
 * invitations, so every client shows the text and offers the entry. Message-ID is the row's.
 */
final class Mailer {
  private final JavaMailSenderImpl sender;

  Mailer(MailProperties p) {
    sender = new JavaMailSenderImpl();
    sender.setHost(p.host());
    sender.setPort(p.port());
    sender.setDefaultEncoding("UTF-8");
    Properties props = new Properties();
    String protocol = p.security() == MailProperties.Security.TLS ? "smtps" : "smtp";
    sender.setProtocol(protocol);
    String timeout = Long.toString(p.timeout().toMillis());
    props.put("mail." + protocol + ".connectiontimeout", timeout);
    props.put("mail." + protocol + ".timeout", timeout);
    props.put("mail." + protocol + ".writetimeout", timeout);
    // the name in EHLO, said outright: Jakarta Mail would otherwise resolve this host's name for every connection
    props.put("mail." + protocol + ".localhost", localName());
    if (p.security() == MailProperties.Security.STARTTLS) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
    }
    if (p.security() != MailProperties.Security.NONE) {
      props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    }
    if (p.username() != null && !p.username().isEmpty()) {
      props.put("mail." + protocol + ".auth", "true");
      sender.setUsername(p.username());
      sender.setPassword(p.password());
    }
    sender.setJavaMailProperties(props);
  }

  private static String localName() {
    String host = System.getenv("HOSTNAME");
    return host != null && host.matches("[A-Za-z0-9.-]{1,253}") ? host : "horae.localdomain";
  }

  /** What became of each message of a batch: null when the relay accepted it. */
  java.util.Map<Notification, Exception> sendAll(java.util.List<Notification> batch) {
    java.util.Map<Notification, Exception> outcome = new java.util.LinkedHashMap<>();
    java.util.Map<MimeMessage, Notification> written = new java.util.LinkedHashMap<>();
    for (Notification n : batch) {
      try {
        written.put(mime(sender.getSession(), n), n);
        outcome.put(n, null);
      } catch (MessagingException | UnsupportedEncodingException e) {
        outcome.put(n, new Refused(e.getMessage(), e)); // a message we cannot even write: retrying won't help
      }
    }
    if (written.isEmpty()) {
      return outcome;
    }
    try {
      sender.send(written.keySet().toArray(MimeMessage[]::new)); // one SMTP conversation for the batch
    } catch (org.springframework.mail.MailSendException e) {
      if (e.getFailedMessages().isEmpty()) {
        written.values().forEach(n -> outcome.put(n, e)); // could not connect at all
      }
      e.getFailedMessages().forEach((message, failure) -> {
        Notification n = written.get(message);
        if (n != null) {
          outcome.put(n, refusedForGood(failure) ? new Refused(failure.getMessage(), failure) : failure);
        }
      });
    } catch (MailException e) {
      written.values().forEach(n -> outcome.put(n, refusedForGood(e) ? new Refused(e.getMessage(), e) : e));
    }
    return outcome;
  }

  private static boolean refusedForGood(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SendFailedException s && s.getInvalidAddresses() != null && s.getInvalidAddresses().length > 0) {
        return true;
      }
      if (t instanceof org.springframework.mail.MailSendException m) {
        for (Exception inner : m.getFailedMessages().values()) {
          if (refusedForGood(inner)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static MimeMessage mime(Session session, Notification n) throws MessagingException, UnsupportedEncodingException {
    MimeMessage m = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", n.messageId());
      }
    };
    m.setFrom(new InternetAddress(n.fromAddress(), n.senderName(), "UTF-8"));
    if (n.replyTo() != null) {
      m.setReplyTo(new InternetAddress[] {new InternetAddress(n.replyTo())});
    }
    m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(n.recipient(), n.recipientName(), "UTF-8"));
    m.setSubject(n.subject(), "UTF-8");
    m.setSentDate(Date.from(n.createdAt()));
    m.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no vacation replies to a machine
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(n.bodyText(), "UTF-8", "plain");
    alternative.addBodyPart(text);
    MimeBodyPart html = new MimeBodyPart();
    html.setText(n.bodyHtml(), "UTF-8", "html");
    alternative.addBodyPart(html);
    MimeBodyPart calendar = new MimeBodyPart();
    String type = "text/calendar; method=" + n.kind().method() + "; charset=UTF-8";
    calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(n.ical().getBytes(StandardCharsets.UTF_8), type)));
    calendar.setHeader("Content-Type", type);
    calendar.setHeader("Content-Transfer-Encoding", "base64");
    alternative.addBodyPart(calendar);
    m.setContent(alternative);
    m.saveChanges();
    return m;
  }

  /** The relay refused the message for good. */
  static final class Refused extends Exception {
    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
