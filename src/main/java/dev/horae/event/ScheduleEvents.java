package dev.horae.event;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The occurrences of a schedule in a window, for other features (export to external calendars):
 * single events, instances and exceptions (never masters), cancelled ones included.
 */
@Component
public class ScheduleEvents {
  private final EventRepository events;

  ScheduleEvents(EventRepository events) {
    this.events = events;
  }

  public List<Event> occurrences(TenantId tenant, UUID scheduleId, Instant from, Instant to) {
    return events.query("e.tenant_id = ? and e.schedule_id = ? and e.recurrence_type <> 'MASTER' and e.end_utc > ? and e.start_utc < ?"
            + " order by e.start_utc, e.id", List.of(tenant.value(), scheduleId, Instants.utc(from), Instants.utc(to)))
        .stream().map(EventEntry::event).toList();
  }

  /** Which of these ids still exist. */
  public java.util.Set<String> existing(TenantId tenant, List<String> ids) {
    return events.findAll(tenant, ids).stream().map(e -> e.event().id()).collect(java.util.stream.Collectors.toSet());
  }
}
