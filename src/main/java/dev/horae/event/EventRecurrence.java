package dev.horae.event;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A series' recurrence as iCalendar text, for what Horae writes out (invitations). */
public final class EventRecurrence {
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private EventRecurrence() {}

  /**
   * The RRULE value (without {@code RRULE:}) of a MASTER: the stored rule as written, or the Calendar
   * V3 shape spelled as a rule, with its wall-time {@code until} as UTC (RFC 5545 §3.3.10: UNTIL is
   * UTC when DTSTART has a zone). Empty for anything but a series.
   */
  public static Optional<String> rrule(Event e) {
    if (!e.recurring() || e.recurrenceRule() == null) {
      return Optional.empty();
    }
    Map<String, Object> rule = e.recurrenceRule();
    if (rule.get("rrule") instanceof String text) {
      return Optional.of(text.replaceFirst("(?i)^RRULE:", ""));
    }
    StringBuilder out = new StringBuilder("FREQ=").append(rule.get("frequency"));
    out.append(";INTERVAL=").append(rule.getOrDefault("interval", 1));
    if (rule.get("days") instanceof List<?> days && !days.isEmpty()) {
      out.append(";BYDAY=");
      for (int i = 0; i < days.size(); i++) {
        out.append(i == 0 ? "" : ",").append(String.valueOf(days.get(i)), 0, 2);
      }
    }
    if (rule.get("until") instanceof Map<?, ?> u && u.get("localDate") instanceof String local) {
      LocalDateTime until = LocalDateTime.parse(local);
      out.append(";UNTIL=").append(e.allDay() ? DATE.format(until)
          : UTC.format(EventTime.instant(until, e.timeZone()).atOffset(ZoneOffset.UTC)));
    }
    return Optional.of(out.toString());
  }

  /** The series' excluded wall-time starts ({@code exdates}). */
  public static List<LocalDateTime> exdates(Event e) {
    List<LocalDateTime> out = new ArrayList<>();
    if (e.recurrenceRule() != null && e.recurrenceRule().get("exdates") instanceof List<?> list) {
      for (Object item : list) {
        out.add(LocalDateTime.parse(String.valueOf(item)));
      }
    }
    return out;
  }
}
