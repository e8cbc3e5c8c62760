package dev.horae.event;

import dev.horae.event.EventEnums.EventStatus;
import dev.horae.event.EventEnums.EventType;
import dev.horae.event.EventEnums.InheritableField;
import dev.horae.event.EventEnums.RecurrenceType;
import dev.horae.event.EventEnums.Transparency;
import dev.horae.schedule.ConferencingDetails;
import dev.horae.schedule.Location;
import dev.horae.schedule.Permission;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A Calendar V3 event. One type for every recurrence kind: NONE (single occurrence), MASTER (the
 * series: its {@code recurrenceRule}, and its first occurrence's times), INSTANCE and EXCEPTION
 * (one occurrence each, with {@code recurringEventId} and the wall-time start the rule named for it,
 * {@code originalStart}, which never changes even when an exception moves).
 *
 * <p>{@code totalCapacity} null means unlimited; then {@code remainingCapacity} is null as well.
 * {@code participantsTotal} is the sum of the party sizes of its participations.
 */
public record Event(
    String id,
    UUID scheduleId,
    String externalScheduleId,
    String appId,
    EventType type,
    EventStatus status,
    String title,
    EventTime time,
    ZoneId timeZone,
    RecurrenceType recurrenceType,
    Map<String, Object> recurrenceRule,
    String recurringEventId,
    LocalDateTime originalStart,
    Transparency transparency,
    Location location,
    List<EventResource> resources,
    Integer totalCapacity,
    Integer remainingCapacity,
    int participantsTotal,
    int participantsPending,
    ConferencingDetails conferencingDetails,
    String notes,
    Set<InheritableField> inheritedFields,
    List<Permission> permissions,
    Map<String, Object> extendedFields,
    long revision,
    Instant createdDate,
    Instant updatedDate) {

  public Event {
    resources = resources == null ? List.of() : List.copyOf(resources);
    inheritedFields = Set.copyOf(inheritedFields);
  }

  public Instant start() {
    return time.startIn(timeZone);
  }

  public Instant end() {
    return time.endIn(timeZone);
  }

  public boolean allDay() {
    return time instanceof EventTime.AllDay;
  }

  public boolean recurring() {
    return recurrenceType == RecurrenceType.MASTER;
  }

  public boolean occurrence() {
    return recurrenceType == RecurrenceType.INSTANCE || recurrenceType == RecurrenceType.EXCEPTION;
  }

  public boolean cancelled() {
    return status == EventStatus.CANCELLED;
  }
}
