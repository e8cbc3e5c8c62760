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

  private Instants() {}

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
