package dev.horae.event;

import dev.horae.event.EventEnums.InheritableField;
import dev.horae.schedule.FindingSchedules;
import dev.horae.schedule.Schedule;
import dev.horae.shared.Instants;
import dev.horae.shared.ParticipantNotification;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Restore Event Defaults: the listed fields take the schedule's defaults again and inherit them
 * from then on; every other field stays as it is. Calendar V3 sends no revision here, so one is
 * checked only when given. An INSTANCE or EXCEPTION restores from its MASTER instead, including
 * TIME and RESOURCES (PARTICIPANTS are per occurrence in Horae and are not restorable).
 */
@Component
public class RestoringEventDefaults {
  static final Set<InheritableField> FROM_SCHEDULE = EnumSet.of(
      InheritableField.TITLE, InheritableField.TIME_ZONE, InheritableField.LOCATION,
      InheritableField.CAPACITY, InheritableField.CONFERENCING_DETAILS);

  private final EventRepository events;
  private final FindingSchedules schedules;
  private final Series series;
  private final EventLog log;
  private final Clock clock;
  private final EventNotices notices;

  RestoringEventDefaults(EventRepository events, FindingSchedules schedules, Series series, EventLog log, Clock clock,
      EventNotices notices) {
    this.notices = notices;
    this.events = events;
    this.schedules = schedules;
    this.series = series;
    this.log = log;
    this.clock = clock;
  }

  /** Restore Event Defaults, telling the participants when {@code how} asks for it. */
  @Transactional
  public EventEntry restore(TenantId tenant, String id, Long revision, Set<InheritableField> fields, ParticipantNotification how) {
    if (!how.notifies()) {
      return restore(tenant, id, revision, fields);
    }
    Event before = events.findForUpdate(tenant, id).orElseThrow(() -> Rejection.notFound("Event", id)).event();
    EventEntry after = restore(tenant, id, revision, fields);
    notices.changed(tenant, how, before, after.event());
    return after;
  }

  @Transactional
  public EventEntry restore(TenantId tenant, String id, Long revision, Set<InheritableField> fields) {
    if (fields == null || fields.isEmpty()) {
      throw Rejection.invalid("fields", "must list at least one field");
    }
    EventEntry current = events.findForUpdate(tenant, id).orElseThrow(() -> Rejection.notFound("Event", id));
    Event e = current.event();
    if (e.occurrence()) {
      return restoreFromMaster(tenant, current, revision, fields);
    }
    if (!FROM_SCHEDULE.containsAll(fields)) {
      throw Rejection.invalid("fields", "a " + e.recurrenceType() + " event can restore only " + FROM_SCHEDULE);
    }
    Schedule schedule = schedules.getActiveAndHold(tenant, e.scheduleId());
    EventGuards.mayChange(e, revision == null ? e.revision() : revision);
    EventDraft d = EventDraft.of(e);
    for (InheritableField field : fields) {
      if (!d.takeScheduleDefault(schedule, field)) {
        throw new IllegalStateException("not restorable from a schedule: " + field);
      }
      d.inheritedFields.add(field);
    }
    return save(tenant, current, d, "the schedule's capacity ");
  }

  /** An INSTANCE or EXCEPTION takes the listed fields from its MASTER again (TIME: the master's times at its original start). */
  private EventEntry restoreFromMaster(TenantId tenant, EventEntry current, Long revision, Set<InheritableField> fields) {
    Event e = current.event();
    if (!SeriesInstances.FROM_MASTER.containsAll(fields)) {
      throw Rejection.invalid("fields", "an " + e.recurrenceType() + " event can restore only " + SeriesInstances.FROM_MASTER);
    }
    EventGuards.mayChange(e, revision == null ? e.revision() : revision);
    Event master = events.find(tenant, e.recurringEventId()).orElseThrow(() -> Rejection.notFound("Event", e.recurringEventId())).event();
    EventDraft d = EventDraft.of(e);
    for (InheritableField field : fields) {
      switch (field) {
        case TITLE -> d.title = master.title();
        case TIME_ZONE -> d.timeZone = master.timeZone();
        case LOCATION -> d.location = master.location();
        case CAPACITY -> d.totalCapacity = master.totalCapacity();
        case CONFERENCING_DETAILS -> d.conferencingDetails = master.conferencingDetails();
        case RESOURCES -> d.resources = master.resources();
        case TIME -> d.time = SeriesInstances.timeAt(master, e.originalStart());
        default -> throw new IllegalStateException("not restorable from a master: " + field);
      }
      d.inheritedFields.add(field);
    }
    return save(tenant, current, d, "the series' capacity ");
  }

  /** Writes the restored draft at the next revision; a capacity below the places taken is a 409. */
  private EventEntry save(TenantId tenant, EventEntry current, EventDraft d, String capacitySource) {
    Event e = current.event();
    if (d.remainingCapacity() != null && d.remainingCapacity() < 0) {
      throw Rejection.conflict("CAPACITY_BELOW_PARTICIPANTS",
          capacitySource + d.totalCapacity + " is below the " + d.participantsTotal + " places already taken");
    }
    d.revision = e.revision() + 1;
    d.updatedDate = Instants.truncate(clock.instant());
    Event next = d.build();
    events.update(tenant, next, e.revision());
    EventEntry entry = new EventEntry(next, current.scheduleName());
    log.updated(tenant, current, entry);
    if (next.recurring()) {
      series.changed(tenant, current, entry);
    }
    return entry;
  }
}
