package dev.horae.shared;

import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Calendar V3's {@code participantNotification}: whether the participants a change affects are told
 * by email, and with what note. Accepted by Update Event, Bulk Update, Restore Defaults, Cancel,
 * Bulk Cancel, Update Schedule and Cancel Schedule.
 *
 * @param notifyParticipants default false
 * @param message the note every message carries, 1–5000 characters
 * @param metadata Wix's internal metadata: at most 10 keys of up to 64 characters; accepted and not used
 */
public record ParticipantNotification(
    Boolean notifyParticipants,
    @Size(min = 1, max = 5000) String message,
    @Size(max = 10) Map<@Size(max = 64) String, Object> metadata) {

  public static final ParticipantNotification NONE = new ParticipantNotification(false, null, null);

  public static ParticipantNotification orNone(ParticipantNotification given) {
    return given == null ? NONE : given;
  }

  public boolean notifies() {
    return Boolean.TRUE.equals(notifyParticipants);
  }
}
