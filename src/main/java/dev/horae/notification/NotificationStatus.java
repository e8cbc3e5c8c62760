package dev.horae.notification;

/** Where one message stands. */
public enum NotificationStatus {
  /** Waiting to be sent (or retried). */
  QUEUED,
  /** Accepted by the SMTP relay. */
  SENT,
  /** Never sent, on purpose: see the reason (no SMTP configured). */
  NOT_SENT,
  /** Given up: refused for good by the relay, or still failing after the last attempt. */
  FAILED
}
