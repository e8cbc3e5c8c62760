package dev.horae.participation;

import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import dev.horae.api.PresenceTracked;
import java.util.Map;

/** The {@code participation} object of create and update requests. */
class ParticipationFields extends PresenceTracked {
  @Size(max = TextLimits.ID) String id;
  @Size(max = TextLimits.REVISION) String revision;
  @Size(max = TextLimits.ID) String eventId;
  @Size(max = TextLimits.ID) String scheduleId;
  @Size(max = TextLimits.EXTERNAL_ID) String externalId;
  @Valid Participation.Participant participant;
  Integer partySize;
  Participation.Status status;
  Map<String, Object> extendedFields;

  public void setId(String v) { id = v; }
  public void setRevision(String v) { revision = v; }
  public void setEventId(String v) { eventId = v; mark("eventId"); }
  public void setScheduleId(String v) { scheduleId = v; mark("scheduleId"); }
  public void setExternalId(String v) { externalId = v; mark("externalId"); }
  public void setParticipant(Participation.Participant v) { participant = v; mark("participant"); }
  public void setPartySize(Integer v) { partySize = v; mark("partySize"); }
  public void setStatus(Participation.Status v) { status = v; mark("status"); }
  public void setExtendedFields(Map<String, Object> v) { extendedFields = v; mark("extendedFields"); }

  ParticipationChanges changes() {
    return new ParticipationChanges(change("eventId", eventId), change("scheduleId", scheduleId),
        change("externalId", externalId), change("participant", participant), change("partySize", partySize),
        change("status", status), change("extendedFields", extendedFields));
  }
}
