package dev.horae.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry policy of the service. The n-th retry waits with "equal jitter": a random time
 * between half and all of {@code base·2^(n-1)}, never more than {@code cap}, so clients retrying
 * together spread out instead of arriving in step; where the other side said when to come back
 * ({@code Retry-After}), that is the wait instead (up to {@code cap}). Provider calls, connection
 * syncs and webhook deliveries all wait this way.
 */
public final class Backoffs {
  private Backoffs() {}

  /** The wait before retry number {@code attempt} (1 for the first retry). */
  public static Duration equalJitter(int attempt, Duration base, Duration cap) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(Math.max(attempt, 1) - 1, 30));
    return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling - ceiling / 2 + 1));
  }

  /**
   * The wait before retry number {@code attempt}: what {@code retryAfter} asks for when it is a
   * valid {@code Retry-After} (RFC 9110 §10.2.3: delay-seconds or an HTTP-date), else {@link
   * #equalJitter}; never more than {@code cap}.
   */
  public static Duration delay(int attempt, String retryAfter, Instant now, Duration base, Duration cap) {
    return retryAfter(retryAfter, now).map(asked -> asked.compareTo(cap) > 0 ? cap : asked).orElseGet(() -> equalJitter(attempt, base, cap));
  }

  /** A {@code Retry-After} value as a wait from {@code now}; empty when absent or unreadable. */
  public static Optional<Duration> retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException | ArithmeticException tooLong) {
        return Optional.empty();
      }
    }
    try {
      Duration until = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      return Optional.of(until.isNegative() ? Duration.ZERO : until);
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }
}
