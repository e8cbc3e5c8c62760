package dev.horae.event;

import dev.horae.event.EventEnums.EventStatus;
import dev.horae.event.EventEnums.EventType;
import dev.horae.event.EventEnums.InheritableField;
import dev.horae.event.EventEnums.RecurrenceType;
import dev.horae.event.EventEnums.Transparency;
import dev.horae.schedule.ConferencingDetails;
import dev.horae.schedule.Location;
import dev.horae.schedule.Permission;
import dev.horae.schedule.Schedule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A mutable copy of an event while a change is applied to it; {@link #build()} checks nothing. */
final class EventDraft {
  String id;
  UUID scheduleId;
  String externalScheduleId;
  String appId;
  EventType type = EventType.DEFAULT;
  EventStatus status = EventStatus.CONFIRMED;
  String title;
  EventTime time;
  ZoneId timeZone;
  RecurrenceType recurrenceType = RecurrenceType.NONE;
  Map<String, Object> recurrenceRule;
  String recurringEventId;
  LocalDateTime originalStart;
  Transparency transparency = Transparency.OPAQUE;
  Location location;
  List<EventResource> resources = List.of();
  Integer totalCapacity;
  int participantsTotal;
  int participantsPending;
  ConferencingDetails conferencingDetails;
  String notes;
  Set<InheritableField> inheritedFields = EnumSet.noneOf(InheritableField.class);
  List<Permission> permissions;
  Map<String, Object> extendedFields;
  long revision;
  Instant createdDate;
  Instant updatedDate;

  static EventDraft of(Event e) {
    EventDraft d = new EventDraft();
    d.id = e.id();
    d.scheduleId = e.scheduleId();
    d.externalScheduleId = e.externalScheduleId();
    d.appId = e.appId();
    d.type = e.type();
    d.status = e.status();
    d.title = e.title();
    d.time = e.time();
    d.timeZone = e.timeZone();
    d.recurrenceType = e.recurrenceType();
    d.recurrenceRule = e.recurrenceRule();
    d.recurringEventId = e.recurringEventId();
    d.originalStart = e.originalStart();
    d.transparency = e.transparency();
    d.location = e.location();
    d.resources = e.resources();
    d.totalCapacity = e.totalCapacity();
    d.participantsTotal = e.participantsTotal();
    d.participantsPending = e.participantsPending();
    d.conferencingDetails = e.conferencingDetails();
    d.notes = e.notes();
    d.inheritedFields = e.inheritedFields().isEmpty() ? EnumSet.noneOf(InheritableField.class) : EnumSet.copyOf(e.inheritedFields());
    d.permissions = e.permissions();
    d.extendedFields = e.extendedFields();
    d.revision = e.revision();
    d.createdDate = e.createdDate();
    d.updatedDate = e.updatedDate();
    return d;
  }

  /**
   * Sets {@code field} to the schedule's default for it; false (and nothing changed) when the field
   * comes from a MASTER rather than a schedule (TIME, RESOURCES, PARTICIPANTS).
   */
  boolean takeScheduleDefault(Schedule s, InheritableField field) {
    switch (field) {
      case TITLE -> title = s.defaultTitle();
      case TIME_ZONE -> timeZone = s.timeZone();
      case LOCATION -> location = s.defaultLocation();
      case CAPACITY -> totalCapacity = s.defaultCapacity();
      case CONFERENCING_DETAILS -> conferencingDetails = s.defaultConferencingDetails();
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Remaining places: capacity minus the places participations hold; null when unlimited. */
  Integer remainingCapacity() {
    return totalCapacity == null ? null : totalCapacity - participantsTotal;
  }

  Event build() {
    return new Event(
        id, scheduleId, externalScheduleId, appId, type, status, title, time, timeZone, recurrenceType,
        recurrenceRule, recurringEventId, originalStart, transparency, location, resources, totalCapacity, remainingCapacity(),
        participantsTotal, participantsPending, conferencingDetails, notes, inheritedFields, permissions,
        extendedFields, revision, createdDate, updatedDate);
  }
}
