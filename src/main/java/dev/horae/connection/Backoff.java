package dev.horae.connection;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** How provider adapters wait before retrying a call the provider asked them to slow down on. */
public final class Backoff {
  private Backoff() {}

  /**
   * Waits the provider's {@code Retry-After} (seconds) when it names one, else an exponential
   * backoff with jitter: a random time between half and all of {@code base·2^(attempt-1)}; never
   * more than {@code cap}.
   */
  public static void pause(int attempt, String retryAfter, Duration base, Duration cap) throws ProviderRefusal {
    long millis;
    try {
      millis = retryAfter == null ? -1 : Math.min(cap.toMillis(), Long.parseLong(retryAfter.strip()) * 1000);
    } catch (NumberFormatException httpDate) {
      millis = -1;
    }
    if (millis < 0) {
      long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
      millis = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderRefusal(ProviderRefusal.Reason.INTERRUPTED, "interrupted");
    }
  }
}
