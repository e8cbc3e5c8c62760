package dev.horae.shared;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one exponential backoff of the service, with "equal jitter": the n-th retry waits a random
 * time between half and all of {@code base·2^(n-1)}, never more than {@code cap}. Provider calls,
 * connection syncs and webhook deliveries all wait this way, so that clients retrying together
 * spread out instead of arriving in step.
 */
public final class Backoffs {
  private Backoffs() {}

  /** The wait before retry number {@code attempt} (1 for the first retry). */
  public static Duration equalJitter(int attempt, Duration base, Duration cap) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(Math.max(attempt, 1) - 1, 30));
    return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling - ceiling / 2 + 1));
  }
}
