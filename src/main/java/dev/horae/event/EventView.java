package dev.horae.event;

import dev.horae.api.Revisions;
import dev.horae.event.EventEnums.EventStatus;
import dev.horae.event.EventEnums.EventType;
import dev.horae.event.EventEnums.InheritableField;
import dev.horae.event.EventEnums.RecurrenceType;
import dev.horae.event.EventEnums.Transparency;
import dev.horae.schedule.ConferencingDetails;
import dev.horae.schedule.Location;
import dev.horae.schedule.Permission;
import dev.horae.shared.Instants;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * An event as Calendar V3 shows it. {@code participants}, {@code conferencingDetails} and {@code
 * notes} are personal information, present only when asked for. {@code adjustedStart}/{@code
 * adjustedEnd} re-express the times in the request's time zone (the event's own when none).
 */
record EventView(
    String id,
    String scheduleId,
    String externalScheduleId,
    String scheduleName,
    EventType type,
    EventStatus status,
    String title,
    ZonedDate start,
    ZonedDate end,
    ZonedDate adjustedStart,
    ZonedDate adjustedEnd,
    String timeZone,
    boolean allDay,
    RecurrenceType recurrenceType,
    Map<String, Object> recurrenceRule,
    String recurringEventId,
    Transparency transparency,
    Location location,
    List<EventResource> resources,
    Integer totalCapacity,
    Integer remainingCapacity,
    Participants participants,
    ConferencingDetails conferencingDetails,
    String notes,
    List<InheritableField> inheritedFields,
    String appId,
    List<Permission> permissions,
    Map<String, Object> extendedFields,
    String revision,
    String createdDate,
    String updatedDate) {

  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  static final int MAX_LISTED_PARTICIPANTS = 50;

  /** Calendar V3 {@code ZonedDate}; {@code utcDate} is absent on adjusted dates. */
  record ZonedDate(String localDate, String timeZone, String utcDate) {}

  /** The participants summary; {@code status} is PENDING_CONFIRMATION while anyone is unconfirmed. */
  record Participants(int total, List<ParticipantLists.Participant> list, boolean hasMore, String status) {}

  static EventView of(EventEntry entry, ZoneId requestZone, List<ParticipantLists.Participant> participants) {
    Event e = entry.event();
    ZoneId adjusted = requestZone == null ? e.timeZone() : requestZone;
    boolean pi = participants != null;
    return new EventView(
        e.id(), e.scheduleId().toString(), e.externalScheduleId(), entry.scheduleName(), e.type(), e.status(), e.title(),
        zoned(e.time().startLocal(), e.timeZone(), Instants.format(e.start())),
        zoned(e.time().endLocal(), e.timeZone(), Instants.format(e.end())),
        zoned(LocalDateTime.ofInstant(e.start(), adjusted), adjusted, null),
        zoned(LocalDateTime.ofInstant(e.end(), adjusted), adjusted, null),
        e.timeZone().getId(), e.allDay(), e.recurrenceType(), e.recurrenceRule(), e.recurringEventId(),
        e.transparency(), e.location(), e.resources(), e.totalCapacity(), e.remainingCapacity(),
        pi ? participantsOf(e, participants) : null,
        pi ? e.conferencingDetails() : null,
        pi ? e.notes() : null,
        e.inheritedFields().stream().sorted().toList(), e.appId(), e.permissions(), e.extendedFields(),
        Revisions.format(e.revision()), Instants.format(e.createdDate()), Instants.format(e.updatedDate()));
  }

  private static Participants participantsOf(Event e, List<ParticipantLists.Participant> list) {
    String status = e.participantsPending() > 0 ? "PENDING_CONFIRMATION" : "CONFIRMED";
    return new Participants(e.participantsTotal(), list, list.size() >= MAX_LISTED_PARTICIPANTS, status);
  }

  private static ZonedDate zoned(LocalDateTime local, ZoneId zone, String utc) {
    return new ZonedDate(LOCAL.format(local), zone.getId(), utc);
  }
}
