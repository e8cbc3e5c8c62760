package dev.horae.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When an event happens, as the user wrote it: wall-clock times in the event's time zone. The
 * instants are derived, never stored as the truth, so a time-zone rule change or a schedule moving
 * zone keeps the wall time.
 *
 * <p>Wall time to instant follows RFC 5545 §3.3.5: a time inside a DST gap moves forward by the
 * gap's length (02:30 on a spring-forward night becomes 03:30), a time inside an overlap takes the
 * first occurrence (the earlier offset). {@link ZonedDateTime#ofLocal} with no preferred offset does
 * exactly that.
 */
public sealed interface EventTime {

  LocalDateTime startLocal();

  LocalDateTime endLocal();

  default Instant startIn(ZoneId zone) {
    return instant(startLocal(), zone);
  }

  /**
   * The end instant; never at or before the start. An end in an overlap takes its first occurrence,
   * unless that is not after the start: then its second (a series occurrence at 02:30 on a
   * fall-back night that keeps its exact hour ends at the second 02:30). When the start moved
   * forward out of a DST gap onto (or past) the end's instant (a series' first occurrence at
   * 02:30–03:30 on a spring-forward night), the end keeps the written wall-clock length after the start.
   */
  default Instant endIn(ZoneId zone) {
    Instant start = startIn(zone);
    ZonedDateTime end = ZonedDateTime.ofLocal(endLocal(), zone, null);
    if (end.toInstant().isAfter(start)) {
      return end.toInstant();
    }
    Instant later = end.withLaterOffsetAtOverlap().toInstant();
    return later.isAfter(start) ? later : start.plus(java.time.Duration.between(startLocal(), endLocal()));
  }

  static Instant instant(LocalDateTime local, ZoneId zone) {
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }

  /** A timed event: {@code [start, end)} in wall time, end after start. */
  record Timed(LocalDateTime start, LocalDateTime end) implements EventTime {
    @Override
    public LocalDateTime startLocal() {
      return start;
    }

    @Override
    public LocalDateTime endLocal() {
      return end;
    }
  }

  /** An all-day event: from the first day to the day after the last ({@code endExclusive}). */
  record AllDay(LocalDate first, LocalDate endExclusive) implements EventTime {
    @Override
    public LocalDateTime startLocal() {
      return first.atStartOfDay();
    }

    @Override
    public LocalDateTime endLocal() {
      return endExclusive.atStartOfDay();
    }
  }
}
