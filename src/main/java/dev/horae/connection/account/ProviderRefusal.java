package dev.horae.connection.account;

/** What a provider said when it would not let us in or could not be reached; never carries credentials. */
public class ProviderRefusal extends Exception {
  public enum Reason {
    BAD_CREDENTIALS, UNREACHABLE, NOT_A_CALENDAR_SERVER, CALENDAR_DELETED, PRECONDITION_FAILED,
    /** The provider kept answering "slow down" (429, Google's 403 rateLimitExceeded) or 5xx after every retry. */
    RATE_LIMITED,
    /** The provider no longer accepts the sync token or delta link (Google and Graph: 410): start over with a full sync. */
    SYNC_TOKEN_EXPIRED,
    /** The answer is larger than Horae reads (an ICS feed over {@code horae.ics.max-bytes}). */
    TOO_LARGE,
    /** The call was interrupted on this side (the node is shutting down): no fact about the provider at all. */
    INTERRUPTED
  }

  private final Reason reason;

  public ProviderRefusal(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
