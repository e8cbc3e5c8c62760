package dev.horae.event;

import dev.horae.schedule.FindingSchedules;
import dev.horae.schedule.Schedule;
import dev.horae.shared.Instants;
import dev.horae.shared.ParticipantNotification;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Violations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Update Event: needs the revision the caller read and bumps it by 1. An INSTANCE becomes an
 * EXCEPTION (same id) and stops inheriting what was set on it; a MASTER's change reaches its future
 * occurrences ({@link Series}). {@code type} and {@code
 * scheduleId} are immutable. A capacity below the places already taken is refused (409), so
 * {@code remainingCapacity} never goes negative.
 */
@Component
public class UpdatingEvent {
  private final EventRepository events;
  private final FindingSchedules schedules;
  private final Series series;
  private final EventLog log;
  private final java.time.Clock clock;
  private final NamingResources naming;
  private final EventNotices notices;

  UpdatingEvent(EventRepository events, FindingSchedules schedules, Series series, EventLog log, java.time.Clock clock,
      NamingResources naming, EventNotices notices) {
    this.notices = notices;
    this.naming = naming;
    this.events = events;
    this.schedules = schedules;
    this.series = series;
    this.log = log;
    this.clock = clock;
  }

  @Transactional
  public EventEntry update(TenantId tenant, String id, Long revision, EventChanges c) {
    return update(tenant, id, revision, c, ParticipantNotification.NONE);
  }

  /** Update Event, telling the participants when {@code how} asks for it. */
  @Transactional
  public EventEntry update(TenantId tenant, String id, Long revision, EventChanges c, ParticipantNotification how) {
    EventEntry current = events.findForUpdate(tenant, id).orElseThrow(() -> Rejection.notFound("Event", id));
    Schedule schedule = schedules.getActiveAndHold(tenant, current.event().scheduleId());
    EventGuards.mayChange(current.event(), revision);
    EventDraft d = EventDraft.of(current.event());
    Violations v = new Violations();
    ApplyingEventChanges.apply(d, schedule, c, false, v);
    ApplyingEventChanges.recurrence(d, c, false, clock, v);
    EventRules.check(d, v);
    if (c.resources().present()) {
      naming.resolve(tenant, d, v); // unchanged references stay as written, even if a resource was deleted since
    }
    v.throwIfAny();
    if (d.remainingCapacity() != null && d.remainingCapacity() < 0) {
      throw Rejection.conflict("CAPACITY_BELOW_PARTICIPANTS",
          "totalCapacity " + d.totalCapacity + " is below the " + d.participantsTotal + " places already taken");
    }
    if (d.recurrenceType == EventEnums.RecurrenceType.INSTANCE) {
      d.recurrenceType = EventEnums.RecurrenceType.EXCEPTION; // for good, even if the change is undone later
    }
    d.revision = current.event().revision() + 1;
    d.updatedDate = Instants.truncate(clock.instant());
    Event next = d.build();
    events.update(tenant, next, current.event().revision());
    EventEntry entry = new EventEntry(next, current.scheduleName());
    log.updated(tenant, current, entry);
    if (next.recurring()) {
      series.changed(tenant, current, entry);
    }
    if (how.notifies()) {
      notices.changed(tenant, how, current.event(), next);
    }
    return entry;
  }
}
