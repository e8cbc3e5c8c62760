package dev.horae.participation;

import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Who takes part in an event (or a whole schedule) and with how many places. A participation in an
 * event holds {@code partySize} places of its capacity for as long as it exists.
 */
public record Participation(
    UUID id,
    String eventId,
    UUID scheduleId,
    String externalId,
    Participant participant,
    int partySize,
    Status status,
    String appId,
    Map<String, Object> extendedFields,
    long revision,
    Instant createdDate,
    Instant updatedDate,
    Reply reply) {

  /** What the participant answered to an emailed invitation (an iMIP REPLY); Horae's, not Calendar V3's. */
  public record Reply(ReplyStatus status, Instant date) {}

  /** RFC 5545 PARTSTAT values a REPLY may carry for an event. */
  public enum ReplyStatus {
    ACCEPTED,
    DECLINED,
    TENTATIVE
  }

  public enum Status {
    CONFIRMED,
    PENDING_CONFIRMATION,
    UNKNOWN_STATUS
  }

  public record Participant(
      @Size(max = TextLimits.NAME) String name,
      @Size(max = TextLimits.PHONE) String phone,
      @Size(max = TextLimits.EMAIL) String email,
      @Size(max = TextLimits.ID) String contactId) {
    @Override
    public String toString() {
      return "Participant[***]";
    }
  }

  /** Places this participation holds that are not yet confirmed. */
  int pendingPlaces() {
    return status == Status.PENDING_CONFIRMATION ? partySize : 0;
  }
}
