package dev.horae.event;

import dev.horae.event.EventEnums.InheritableField;
import dev.horae.schedule.FindingSchedules;
import dev.horae.schedule.Schedule;
import dev.horae.shared.Instants;
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
 * checked only when given. TIME, RESOURCES and PARTICIPANTS come from a MASTER, which single events
 * have none of.
 */
@Component
public class RestoringEventDefaults {
  static final Set<InheritableField> FROM_SCHEDULE = EnumSet.of(
      InheritableField.TITLE, InheritableField.TIME_ZONE, InheritableField.LOCATION,
      InheritableField.CAPACITY, InheritableField.CONFERENCING_DETAILS);

  private final EventRepository events;
  private final FindingSchedules schedules;
  private final Clock clock;

  RestoringEventDefaults(EventRepository events, FindingSchedules schedules, Clock clock) {
    this.events = events;
    this.schedules = schedules;
    this.clock = clock;
  }

  @Transactional
  public EventEntry restore(TenantId tenant, String id, Long revision, Set<InheritableField> fields) {
    if (fields == null || fields.isEmpty()) {
      throw Rejection.invalid("fields", "must list at least one field");
    }
    EventEntry current = events.findForUpdate(tenant, id).orElseThrow(() -> Rejection.notFound("Event", id));
    Event e = current.event();
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
    if (d.remainingCapacity() != null && d.remainingCapacity() < 0) {
      throw Rejection.conflict("CAPACITY_BELOW_PARTICIPANTS",
          "the schedule's capacity " + d.totalCapacity + " is below the " + d.participantsTotal + " places already taken");
    }
    d.revision = e.revision() + 1;
    d.updatedDate = Instants.truncate(clock.instant());
    Event next = d.build();
    events.update(tenant, next, e.revision());
    return new EventEntry(next, current.scheduleName());
  }
}
