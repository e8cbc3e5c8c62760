package dev.horae.notification;

/** What a message tells its recipient, and the iTIP method (RFC 5546) of its iCalendar part. */
public enum NotificationKind {
  INVITATION("REQUEST"),
  UPDATE("REQUEST"),
  CANCELLATION("CANCEL");

  private final String method;

  NotificationKind(String method) {
    this.method = method;
  }

  public String method() {
    return method;
  }
}
