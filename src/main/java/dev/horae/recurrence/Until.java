package dev.horae.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The inclusive bound of a rule: a UTC instant (RFC 5545 requires it when the start has a time zone)
 * or a wall time (floating and all-day starts, and the Calendar V3 {@code until.localDate}).
 */
public sealed interface Until {

  boolean excludes(LocalDateTime local, Instant instant);

  record AtInstant(Instant last) implements Until {
    public AtInstant {
      Objects.requireNonNull(last);
    }

    @Override
    public boolean excludes(LocalDateTime local, Instant instant) {
      return instant.isAfter(last);
    }
  }

  record AtWallTime(LocalDateTime last) implements Until {
    public AtWallTime {
      Objects.requireNonNull(last);
    }

    @Override
    public boolean excludes(LocalDateTime local, Instant instant) {
      return local.isAfter(last);
    }
  }
}
