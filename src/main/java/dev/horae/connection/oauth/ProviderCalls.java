package dev.horae.connection.oauth;

import dev.horae.connection.account.ProviderRefusal.Reason;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.shared.Backoffs;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The one policy for calls to an OAuth provider's API, whatever the provider: a 401 refreshes the
 * access token once and tries again; "slow down" answers (429, 5xx, a provider's own rate-limit
 * codes) are retried up to {@code attempts} times, waiting {@code Retry-After} or the service's
 * backoff ({@link Backoffs}), then are {@link Reason#RATE_LIMITED}; every other status becomes a
 * refusal reason. An adapter supplies only what differs: what it counts as slowing down, and its
 * own reading of a status.
 */
public final class ProviderCalls {

  /** How often and how long to retry. */
  public record Policy(int attempts, Duration retryBase, Duration retryCap) {}

  /** A provider's answer other than 2xx: its status, the provider's error code (empty if none) and {@code Retry-After}. */
  public static final class Answered extends Exception {
    private final int status;
    private final String code;
    private final String retryAfter;

    public Answered(int status, String code, String retryAfter) {
      super("answered " + status, null, false, false);
      this.status = status;
      this.code = code == null ? "" : code;
      this.retryAfter = retryAfter;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }
  }

  /** A 404 or 410 where "not there" is an answer, not a failure (deleting what is gone already). */
  public static final class Gone extends ProviderRefusal {
    public Gone(String message) {
      super(Reason.CALENDAR_DELETED, message);
    }
  }

  /** One attempt with the given access token: the result, or the provider's answer as {@link Answered}. */
  public interface Attempt<T> {
    T send(String accessToken) throws Answered, IOException, ProviderRefusal;
  }

  /** What an adapter reads differently from the usual. */
  public interface Reading {
    /** Whether the answer asks to slow down (429 and 5xx always do). */
    default boolean slowDown(Answered a) {
      return false;
    }

    /** The refusal the answer means, or null for the usual reading ({@link ProviderCalls#usual}). */
    default ProviderRefusal refusal(String provider, Answered a) {
      return null;
    }
  }

  private final String provider;
  private final Policy policy;
  private final Reading reading;
  private final Clock clock;

  public ProviderCalls(String provider, Policy policy, Reading reading, Clock clock) {
    this.provider = provider;
    this.policy = policy;
    this.reading = reading;
    this.clock = clock;
  }

  public <T> T call(OAuthAccounts.Session session, Attempt<T> attempt) throws ProviderRefusal {
    String token = session.accessToken();
    boolean refreshed = false;
    for (int tries = 1; ; tries++) {
      try {
        return attempt.send(token);
      } catch (Answered a) {
        if (a.status == 401 && !refreshed) {
          token = session.refreshed();
          refreshed = true;
          tries--;
          continue;
        }
        if (a.status == 429 || a.status >= 500 || reading.slowDown(a)) {
          if (tries < policy.attempts()) {
            pause(tries, a.retryAfter);
            continue;
          }
          throw new ProviderRefusal(Reason.RATE_LIMITED, provider + " answered " + a.status + describe(a) + " " + policy.attempts() + " times");
        }
        ProviderRefusal own = reading.refusal(provider, a);
        throw own != null ? own : usual(provider, a);
      } catch (IOException e) {
        throw new ProviderRefusal(Reason.UNREACHABLE, provider + " is unreachable: " + e.getClass().getSimpleName());
      }
    }
  }

  /** The usual meaning of a status: access refused, not there, changed meanwhile, a cursor expired, or unreachable. */
  public static ProviderRefusal usual(String provider, Answered a) {
    return switch (a.status) {
      case 401, 403 -> new ProviderRefusal(Reason.BAD_CREDENTIALS, provider + " refused access (" + a.status + describe(a) + ")");
      case 404 -> new Gone(provider + " has no such calendar or event (404" + describe(a) + ")");
      case 409, 412 -> new ProviderRefusal(Reason.PRECONDITION_FAILED, provider + ": " + (a.status == 409 ? "the id exists already" : "the event changed")
          + " (" + a.status + ")");
      case 410 -> new ProviderRefusal(Reason.SYNC_TOKEN_EXPIRED, provider + ": the sync cursor expired (410" + describe(a) + ")");
      default -> new ProviderRefusal(Reason.UNREACHABLE, provider + " answered " + a.status + describe(a));
    };
  }

  private static String describe(Answered a) {
    return a.code.isEmpty() ? "" : " " + a.code;
  }

  private void pause(int attempt, String retryAfter) throws ProviderRefusal {
    try {
      Thread.sleep(Backoffs.delay(attempt, retryAfter, clock.instant(), policy.retryBase(), policy.retryCap()).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderRefusal(Reason.INTERRUPTED, "interrupted");
    }
  }
}
