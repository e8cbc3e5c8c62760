package dev.horae.event;

import dev.horae.schedule.FindingSchedules;
import dev.horae.schedule.Schedule;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import dev.horae.shared.Violations;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Create Event: a single-occurrence (NONE) event, or with a {@code recurrenceRule} a MASTER whose
 * occurrences are materialised as INSTANCEs up to the events view's end; revision 1, in an ACTIVE
 * schedule, with the schedule's defaults for every inheritable field the client left out. Ids are the schedule id's
 * 32 hex digits followed by 32 random ones (the shape Wix uses).
 */
@Component
public class CreatingEvent {
  private final EventRepository events;
  private final FindingSchedules schedules;
  private final Series series;
  private final EventLog log;
  private final Clock clock;
  private final NamingResources naming;

  CreatingEvent(EventRepository events, FindingSchedules schedules, Series series, EventLog log, Clock clock, NamingResources naming) {
    this.naming = naming;
    this.events = events;
    this.schedules = schedules;
    this.series = series;
    this.log = log;
    this.clock = clock;
  }

  @Transactional
  public EventEntry create(TenantId tenant, EventChanges c) {
    Schedule schedule = schedules.getActiveAndHold(tenant, scheduleId(c));
    Instant now = Instants.truncate(clock.instant());
    EventDraft d = new EventDraft();
    d.id = schedule.id().toString().replace("-", "") + Ids.newHex32();
    d.scheduleId = schedule.id();
    d.externalScheduleId = schedule.externalId();
    d.appId = schedule.appId();
    d.revision = 1;
    d.createdDate = now;
    d.updatedDate = now;
    Violations v = new Violations();
    ApplyingEventChanges.apply(d, schedule, c, true, v);
    ApplyingEventChanges.recurrence(d, c, true, clock, v);
    EventRules.check(d, v);
    naming.resolve(tenant, d, v);
    v.throwIfAny();
    Event event = d.build();
    events.insert(tenant, event);
    EventEntry entry = new EventEntry(event, schedule.name());
    if (event.recurring()) {
      series.created(tenant, entry);
    } else {
      log.created(tenant, entry);
    }
    return entry;
  }

  private static UUID scheduleId(EventChanges c) {
    String id = c.scheduleId().value();
    if (id == null) {
      throw Rejection.invalid("event.scheduleId", "is required");
    }
    return Uuids.parse(id).orElseThrow(() -> Rejection.invalid("event.scheduleId", "must be a GUID"));
  }
}
