package dev.horae.notification;

import dev.horae.event.Event;
import dev.horae.event.EventTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a message says, in plain words: what, when and where, in the event's own time zone (the one
 * its participants booked in), what changed, and the sender's note; rendered through the tenant's
 * {@link Templates} (or the defaults) as subject, text and HTML.
 */
final class Wording {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private Wording() {}

  record Message(String subject, String text, String html) {}

  static Message of(NotificationKind kind, Event e, Event previous, String note, String senderName, Templates.Template template) {
    return Templates.render(template, model(kind, e, previous, note, senderName));
  }

  /** The values a template can use. */
  static Map<String, Object> model(NotificationKind kind, Event e, Event previous, String note, String senderName) {
    String title = e.title() == null || e.title().isBlank() ? "(no title)" : e.title();
    String when = when(e);
    String where = e.location() == null ? null : CalendarPart.where(e);
    Map<String, Object> m = new HashMap<>();
    m.put("title", title);
    m.put("lead", switch (kind) {
      case INVITATION -> "You are booked for " + title + ".";
      case UPDATE -> title + " has changed.";
      case CANCELLATION -> title + " has been cancelled.";
    });
    m.put("when", when);
    m.put("wasWhen", previous != null && !when(previous).equals(when) ? when(previous) : null);
    m.put("repeats", e.recurring() ? repeats(e) : null);
    m.put("where", where);
    m.put("wasWhere", previous != null && previous.location() != null && !Objects.equals(CalendarPart.where(previous), where)
        ? CalendarPart.where(previous) : null);
    m.put("message", note);
    m.put("sender", senderName);
    m.put("cancelled", kind == NotificationKind.CANCELLATION);
    m.put("footer", kind == NotificationKind.CANCELLATION
        ? "The attached cancellation removes the entry from your calendar."
        : "The attached invitation keeps the entry in your calendar up to date.");
    return m;
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
}
