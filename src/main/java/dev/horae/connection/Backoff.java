package dev.horae.connection;

import dev.horae.connection.account.ProviderRefusal;
import dev.horae.shared.Backoffs;
import java.time.Duration;

/** How provider adapters wait before retrying a call the provider asked them to slow down on. */
public final class Backoff {
  private Backoff() {}

  /**
   * Waits the provider's {@code Retry-After} (seconds) when it names one, else the service's
   * backoff ({@link Backoffs#equalJitter}); never more than {@code cap}.
   */
  public static void pause(int attempt, String retryAfter, Duration base, Duration cap) throws ProviderRefusal {
    long millis;
    try {
      millis = retryAfter == null ? -1 : Math.min(cap.toMillis(), Long.parseLong(retryAfter.strip()) * 1000);
    } catch (NumberFormatException httpDate) {
      millis = -1;
    }
    if (millis < 0) {
      millis = Backoffs.equalJitter(attempt, base, cap).toMillis();
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderRefusal(ProviderRefusal.Reason.INTERRUPTED, "interrupted");
    }
  }
}
