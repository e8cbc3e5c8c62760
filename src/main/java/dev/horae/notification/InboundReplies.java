package dev.horae.notification;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Attendee;
import dev.horae.participation.ChangingParticipation;
import dev.horae.participation.Participation;
import dev.horae.shared.TenantId;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replies to invitations (RFC 6047 iMIP, METHOD:REPLY), delivered as raw MIME by an MTA pipe or a
 * mail-to-webhook service. A reply counts only when everything matches what Horae sent: the entry's
 * UID, an ATTENDEE (and the message's From) that Horae invited to exactly that entry. Anything else
 * (no calendar part, another method, an address Horae never wrote to, a From that is not the
 * attendee) changes nothing and is answered with the reason.
 */
@Component
class InboundReplies {
  private static final Session SESSION = Session.getInstance(new Properties());

  private final NotificationRepository repository;
  private final ChangingParticipation participations;

  InboundReplies(NotificationRepository repository, ChangingParticipation participations) {
    this.repository = repository;
    this.participations = participations;
  }

  enum Outcome {
    APPLIED,
    IGNORED
  }

  /** What became of one delivered message. */
  record Result(Outcome outcome, String reason, String participationId, Participation.ReplyStatus status) {
    static Result ignored(String reason) {
      return new Result(Outcome.IGNORED, reason, null, null);
    }
  }

  @Transactional
  Result apply(TenantId tenant, byte[] raw) {
    MimeMessage message;
    String calendar;
    try {
      message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
      calendar = calendarPart(message);
    } catch (MessagingException | IOException | RuntimeException unreadable) {
      return Result.ignored("NOT_A_MESSAGE");
    }
    if (calendar == null) {
      return Result.ignored("NO_CALENDAR_PART");
    }
    ICalendar ical;
    try {
      ical = Biweekly.parse(calendar).first();
    } catch (RuntimeException unreadable) {
      ical = null;
    }
    if (ical == null || ical.getEvents().isEmpty()) {
      return Result.ignored("NO_EVENT");
    }
    if (ical.getMethod() == null || !ical.getMethod().isReply()) {
      return Result.ignored("NOT_A_REPLY");
    }
    VEvent v = ical.getEvents().get(0);
    if (v.getUid() == null || v.getUid().getValue() == null || v.getAttendees().size() != 1) {
      return Result.ignored("NOT_ONE_ATTENDEE");
    }
    Attendee a = v.getAttendees().get(0);
    if (a.getEmail() == null || a.getParticipationStatus() == null) {
      return Result.ignored("NO_ANSWER");
    }
    Participation.ReplyStatus answer;
    switch (a.getParticipationStatus().getValue().toUpperCase(Locale.ROOT)) {
      case "ACCEPTED" -> answer = Participation.ReplyStatus.ACCEPTED;
      case "DECLINED" -> answer = Participation.ReplyStatus.DECLINED;
      case "TENTATIVE" -> answer = Participation.ReplyStatus.TENTATIVE;
      default -> {
        return Result.ignored("NO_ANSWER");
      }
    }
    String attendee = a.getEmail().replaceFirst("(?i)^mailto:", "");
    if (!fromIs(message, attendee)) {
      return Result.ignored("FROM_IS_NOT_THE_ATTENDEE");
    }
    Optional<UUID> invited = repository.invited(tenant, v.getUid().getValue(), attendee);
    if (invited.isEmpty()) {
      return Result.ignored("NOT_INVITED");
    }
    return participations.replied(tenant, invited.get(), answer)
        .map(p -> new Result(Outcome.APPLIED, null, p.id().toString(), answer))
        .orElseGet(() -> Result.ignored("PARTICIPATION_GONE"));
  }

  private static boolean fromIs(MimeMessage m, String attendee) {
    try {
      var from = m.getFrom();
      return from != null && from.length == 1 && from[0] instanceof InternetAddress ia && ia.getAddress() != null
          && ia.getAddress().equalsIgnoreCase(attendee);
    } catch (MessagingException e) {
      return false;
    }
  }

  /** The first text/calendar part, or an attached .ics (application/ics), at any depth. */
  private static String calendarPart(Part p) throws MessagingException, IOException {
    if (p.isMimeType("text/calendar") || p.isMimeType("application/ics")
        || (p.getFileName() != null && p.getFileName().toLowerCase(Locale.ROOT).endsWith(".ics"))) {
      Object content = p.getContent();
      if (content instanceof String s) {
        return s;
      }
      try (InputStream in = content instanceof InputStream is ? is : p.getInputStream()) {
        return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
      }
    }
    if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart child = mp.getBodyPart(i);
        String found = calendarPart(child);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
