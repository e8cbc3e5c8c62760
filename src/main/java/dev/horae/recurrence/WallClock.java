package dev.horae.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Wall time to instant, by RFC 5545. One rule for written values (§3.3.5): a time in a gap moves
 * forward by the gap's length, a time in an overlap takes its first occurrence; this is
 * {@link ZonedDateTime#ofLocal} with no preferred offset. For times a rule generates (§3.3.10) a
 * time that does not exist is not an occurrence at all: {@link #exists} tells which.
 */
public final class WallClock {

  private WallClock() {}

  public static Instant instant(LocalDateTime local, ZoneId zone) {
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }

  public static boolean exists(LocalDateTime local, ZoneId zone) {
    return !zone.getRules().getValidOffsets(local).isEmpty();
  }
}
