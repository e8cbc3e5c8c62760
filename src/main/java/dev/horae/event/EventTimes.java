package dev.horae.event;

import dev.horae.shared.Instants;
import dev.horae.shared.Violations;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Parses {@code start.localDate}/{@code end.localDate} ({@code YYYY-MM-DDThh:mm:ss}, no offset) and
 * builds the event's {@link EventTime}. Seconds are ignored, as Calendar V3 does. All-day events
 * need midnights: the first day and the day after the last.
 */
final class EventTimes {
  /** Calendar V3: an end no later than the year 2100 and no more than 100 years after the start. */
  static final LocalDateTime LATEST_END = LocalDateTime.of(2101, 1, 1, 0, 0);

  /** The years a local date-time of the API may name (documented; PostgreSQL and time zones hold them all). */
  static final int FIRST_YEAR = Instants.FIRST_YEAR;
  static final int LAST_YEAR = Instants.LAST_YEAR;

  private EventTimes() {}

  static LocalDateTime parse(String value, String field, Violations v) {
    if (value == null) {
      v.add(field, "is required");
      return null;
    }
    LocalDateTime parsed = parseWithin(value, field, v, "must be a local date-time YYYY-MM-DDThh:mm:ss without offset or Z");
    return parsed == null ? null : parsed.truncatedTo(ChronoUnit.MINUTES);
  }

  /** A local date-time in the years {@value #FIRST_YEAR}–{@value #LAST_YEAR}; null (and a violation) otherwise. */
  static LocalDateTime parseWithin(String value, String field, Violations v, String shape) {
    LocalDateTime parsed;
    try {
      parsed = LocalDateTime.parse(value);
    } catch (DateTimeParseException e) {
      v.add(field, shape);
      return null;
    }
    return inYears(parsed.getYear(), field, v) ? parsed : null;
  }

  /**
   * A query bound: an instant with an offset or {@code Z} as written, or else a local date-time read
   * in {@code zone}; null (and a violation saying {@code shape}) when it is neither or out of range.
   */
  static Instant bound(String value, String field, ZoneId zone, Violations v, String shape) {
    // a wall time (the usual bound) is told apart first, without the cost of a failed parse's exception
    if (hasOffset(value)) {
      try {
        java.time.OffsetDateTime instant = java.time.OffsetDateTime.parse(value);
        return inYears(instant.withOffsetSameInstant(java.time.ZoneOffset.UTC).getYear(), field, v) ? instant.toInstant() : null;
      } catch (DateTimeParseException notAnInstant) {
        // read as a wall time below, which names the problem
      }
    }
    LocalDateTime local = parseWithin(value, field, v, shape);
    return local == null ? null : EventTime.instant(local, zone);
  }

  /** Whether a date-time text ends with an offset ({@code Z}, {@code +01:00}, {@code -05:00}) after its time. */
  static boolean hasOffset(String value) {
    int t = value.indexOf('T');
    if (t < 0) {
      t = value.indexOf('t');
    }
    if (t < 0) {
      return false;
    }
    char last = value.charAt(value.length() - 1);
    return last == 'Z' || last == 'z' || value.indexOf('+', t) > 0 || value.indexOf('-', t) > 0;
  }

  private static boolean inYears(int year, String field, Violations v) {
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      v.add(field, "must be in the years " + FIRST_YEAR + "–" + LAST_YEAR + ", not " + year);
      return false;
    }
    return true;
  }

  /**
   * The same time with wall times that exist in {@code zone}: a start inside a DST gap moves forward
   * by the gap's length (RFC 5545 §3.3.5), and the end moves with it so the event keeps its length;
   * an end alone inside a gap moves forward the same way. A time in an overlap stays as written and
   * means its first occurrence. All-day events go by dates and are never moved.
   */
  static EventTime existing(EventTime time, java.time.ZoneId zone) {
    if (!(time instanceof EventTime.Timed timed)) {
      return time;
    }
    LocalDateTime start = existing(timed.start(), zone);
    LocalDateTime end = timed.end().plus(java.time.Duration.between(timed.start(), start));
    end = existing(end, zone);
    return start.equals(timed.start()) && end.equals(timed.end()) ? time : new EventTime.Timed(start, end);
  }

  private static LocalDateTime existing(LocalDateTime local, java.time.ZoneId zone) {
    return java.time.ZonedDateTime.ofLocal(local, zone, null).toLocalDateTime();
  }

  static EventTime of(LocalDateTime start, LocalDateTime end, boolean allDay, Violations v) {
    if (start == null || end == null) {
      return null;
    }
    if (!end.isAfter(start)) {
      v.add("event.end.localDate", "must be after event.start.localDate");
      return null;
    }
    if (!end.isBefore(LATEST_END) || end.isAfter(start.plusYears(100))) {
      v.add("event.end.localDate", "must be no later than the year 2100 and within 100 years of the start");
      return null;
    }
    if (!allDay) {
      return new EventTime.Timed(start, end);
    }
    v.check(start.toLocalTime().equals(LocalTime.MIDNIGHT), "event.start.localDate", "must be midnight (00:00:00) for an all-day event");
    v.check(end.toLocalTime().equals(LocalTime.MIDNIGHT), "event.end.localDate", "must be midnight of the day after the last day for an all-day event");
    return new EventTime.AllDay(start.toLocalDate(), end.toLocalDate());
  }
}
