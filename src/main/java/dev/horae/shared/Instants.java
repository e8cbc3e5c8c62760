package dev.horae.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The API's instant format, {@code YYYY-MM-DDThh:mm:ss.sssZ}, and the precision Horae stores. */
public final class Instants {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The years a date or instant of a request may fall in; PostgreSQL and java.time hold far more, no calendar needs it. */
  public static final int FIRST_YEAR = 1900;
  public static final int LAST_YEAR = 2200;

  private Instants() {}

  /** Whether the instant falls in the years {@value #FIRST_YEAR}–{@value #LAST_YEAR} (UTC). */
  public static boolean inRange(Instant instant) {
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }

  /** Whether the date falls in the years {@value #FIRST_YEAR}–{@value #LAST_YEAR}. */
  public static boolean inRange(java.time.LocalDate date) {
    return date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR;
  }

  /** The violation's wording for a value outside the range. */
  public static String outOfRange() {
    return "must be in the years " + FIRST_YEAR + "–" + LAST_YEAR;
  }

  public static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }

  /** The instant as a UTC {@code OffsetDateTime}, the type JDBC binds to {@code timestamptz}. */
  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** Millisecond precision, the precision of the API, so a stored value reads back equal. */
  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }
}
