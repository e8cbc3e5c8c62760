package dev.horae.notification;

import dev.horae.event.Event;
import dev.horae.event.EventTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.util.HtmlUtils;

/**
 * What a message says, in plain words: what, when and where, in the event's own time zone (the one
 * its participants booked in), what changed, and the sender's note; as text and as HTML.
 */
final class Wording {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private Wording() {}

  record Message(String subject, String text, String html) {}

  static Message of(NotificationKind kind, Event e, Event previous, String note, String senderName) {
    String title = e.title() == null || e.title().isBlank() ? "(no title)" : e.title();
    String when = when(e);
    String subject = switch (kind) {
      case INVITATION -> "Invitation: ";
      case UPDATE -> "Updated: ";
      case CANCELLATION -> "Cancelled: ";
    } + title + " - " + when;
    String lead = switch (kind) {
      case INVITATION -> "You are booked for " + title + ".";
      case UPDATE -> title + " has changed.";
      case CANCELLATION -> title + " has been cancelled.";
    };
    String where = e.location() == null ? null : CalendarPart.where(e);
    String wasWhen = previous != null && !when(previous).equals(when) ? when(previous) : null;
    String wasWhere = previous != null && previous.location() != null && !Objects.equals(CalendarPart.where(previous), where)
        ? CalendarPart.where(previous) : null;
    String repeats = e.recurring() ? repeats(e) : null;

    StringBuilder text = new StringBuilder(lead).append("\n\n");
    text.append("When: ").append(when).append('\n');
    if (wasWhen != null) {
      text.append("  (was: ").append(wasWhen).append(")\n");
    }
    if (repeats != null) {
      text.append("Repeats: ").append(repeats).append('\n');
    }
    if (where != null && !where.isBlank()) {
      text.append("Where: ").append(where).append('\n');
    }
    if (wasWhere != null) {
      text.append("  (was: ").append(wasWhere).append(")\n");
    }
    if (note != null && !note.isBlank()) {
      text.append('\n').append(note).append('\n');
    }
    text.append('\n').append(kind == NotificationKind.CANCELLATION
        ? "The attached cancellation removes the entry from your calendar."
        : "The attached invitation keeps the entry in your calendar up to date.").append('\n');
    text.append("\n-- \n").append(senderName).append('\n');

    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(subject))
        .append("</title></head><body style=\"font-family:Helvetica,Arial,sans-serif;color:#1d1d1f;max-width:600px;margin:24px auto\">");
    html.append("<h2 style=\"margin:0 0 16px 0").append(kind == NotificationKind.CANCELLATION ? ";text-decoration:line-through" : "").append("\">")
        .append(esc(title)).append("</h2>");
    html.append("<p>").append(esc(lead)).append("</p><table style=\"border-collapse:collapse\">");
    row(html, "When", when, wasWhen);
    if (repeats != null) {
      row(html, "Repeats", repeats, null);
    }
    if (where != null && !where.isBlank()) {
      row(html, "Where", where, wasWhere);
    }
    html.append("</table>");
    if (note != null && !note.isBlank()) {
      html.append("<p style=\"white-space:pre-wrap;border-left:3px solid #0a84ff;padding-left:12px\">").append(esc(note)).append("</p>");
    }
    html.append("<p style=\"color:#6e6e73;font-size:13px\">").append(esc(senderName)).append("</p></body></html>");
    return new Message(subject, text.toString(), html.toString());
  }

  private static void row(StringBuilder html, String label, String value, String was) {
    html.append("<tr><th style=\"text-align:left;padding:4px 16px 4px 0;vertical-align:top\">").append(label).append("</th><td style=\"padding:4px 0\">")
        .append(esc(value));
    if (was != null) {
      html.append("<br><span style=\"color:#6e6e73;text-decoration:line-through\">").append(esc(was)).append("</span>");
    }
    html.append("</td></tr>");
  }

  /** "Monday, 5 April 2027, 09:00-10:00 (Europe/Berlin)"; all-day events by dates. */
  static String when(Event e) {
    if (e.time() instanceof EventTime.AllDay day) {
      var last = day.endExclusive().minusDays(1);
      return DAY.format(day.first()) + (last.isAfter(day.first()) ? " - " + DAY.format(last) : "") + " (all day)";
    }
    ZonedDateTime start = e.start().atZone(e.timeZone());
    ZonedDateTime end = e.end().atZone(e.timeZone());
    String span = start.toLocalDate().equals(end.toLocalDate())
        ? DAY.format(start) + ", " + TIME.format(start) + "-" + TIME.format(end)
        : DAY.format(start) + ", " + TIME.format(start) + " - " + DAY.format(end) + ", " + TIME.format(end);
    return span + " (" + e.timeZone().getId() + ")";
  }

  private static String repeats(Event e) {
    Map<String, Object> rule = e.recurrenceRule();
    if (rule == null) {
      return null;
    }
    if (rule.get("rrule") instanceof String text) {
      return text;
    }
    Object interval = rule.getOrDefault("interval", 1);
    String frequency = String.valueOf(rule.get("frequency")).toLowerCase(Locale.ROOT);
    String every = "1".equals(String.valueOf(interval)) ? frequency : "every " + interval + " " + switch (frequency) {
      case "daily" -> "days";
      case "weekly" -> "weeks";
      case "monthly" -> "months";
      case "yearly" -> "years";
      default -> frequency;
    };
    if (rule.get("days") instanceof java.util.List<?> days && !days.isEmpty()) {
      every += " on " + String.join(", ", days.stream().map(d -> {
        String s = String.valueOf(d).toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
      }).toList());
    }
    if (rule.get("until") instanceof Map<?, ?> u && u.get("localDate") != null) {
      every += " until " + DAY.format(java.time.LocalDateTime.parse(String.valueOf(u.get("localDate"))));
    }
    return every;
  }

  private static String esc(String s) {
    return HtmlUtils.htmlEscape(s == null ? "" : s);
  }
}
