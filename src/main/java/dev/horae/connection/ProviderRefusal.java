package dev.horae.connection;

/** What a provider said when it would not let us in or could not be reached; never carries credentials. */
public final class ProviderRefusal extends Exception {
  public enum Reason { BAD_CREDENTIALS, UNREACHABLE, NOT_A_CALENDAR_SERVER, CALENDAR_DELETED, PRECONDITION_FAILED }

  private final Reason reason;

  public ProviderRefusal(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
