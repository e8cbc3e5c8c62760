package dev.horae.event;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The occurrences of a schedule in a window, for other features (export to external calendars),
 * with the events of other schedules that block its resource:
 * single events, instances and exceptions (never masters, never WORKING_HOURS events), cancelled ones included.
 */
@Component
public class ScheduleEvents {
  private final EventRepository events;

  ScheduleEvents(EventRepository events) {
    this.events = events;
  }

  public List<Event> occurrences(TenantId tenant, UUID scheduleId, Instant from, Instant to) {
    return events.occurrencesFor(tenant, scheduleId, from, to).stream().map(EventEntry::event).toList();
  }

  /**
   * Which of these events still belong to the schedule: they exist and are its own, or another
   * schedule's that still names its resource OPAQUE (a cancelled one, or one whose reference was
   * removed or made TRANSPARENT, no longer does).
   */
  public java.util.Set<String> belonging(TenantId tenant, UUID scheduleId, List<String> ids) {
    return events.belonging(tenant, scheduleId, ids);
  }
}
