package dev.horae.notification;

import java.time.Instant;
import java.util.UUID;

/** One message to one recipient about one change: what was rendered, and how its sending went. */
record Notification(
    UUID tenantId,
    UUID id,
    UUID changeId,
    String eventId,
    UUID participationId,
    String senderName,
    String fromAddress,
    String replyTo,
    String recipient,
    String recipientName,
    NotificationKind kind,
    String icalUid,
    int icalSequence,
    String messageId,
    String subject,
    String bodyText,
    String bodyHtml,
    String ical,
    NotificationStatus status,
    String statusReason,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant sentAt) {

  @Override
  public String toString() {
    return "Notification[id=" + id + ", kind=" + kind + ", status=" + status + ", attempts=" + attempts + "]"; // no addresses in logs
  }
}
