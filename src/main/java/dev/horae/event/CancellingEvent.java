package dev.horae.event;

import dev.horae.event.EventEnums.EventStatus;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancel Event: the event stays, with status CANCELLED and its revision bumped; there is no
 * delete. Cancelling needs the revision the caller read; a cancelled event can't be cancelled again
 * (428).
 */
@Component
public class CancellingEvent {
  private final EventRepository events;
  private final Clock clock;

  CancellingEvent(EventRepository events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public EventEntry cancel(TenantId tenant, String id, Long revision) {
    EventEntry current = events.findForUpdate(tenant, id).orElseThrow(() -> Rejection.notFound("Event", id));
    EventGuards.mayChange(current.event(), revision);
    Event cancelled = cancelled(current.event(), clock);
    events.update(tenant, cancelled, current.event().revision());
    return new EventEntry(cancelled, current.scheduleName());
  }

  static Event cancelled(Event e, Clock clock) {
    EventDraft d = EventDraft.of(e);
    d.status = EventStatus.CANCELLED;
    d.revision = e.revision() + 1;
    d.updatedDate = Instants.truncate(clock.instant());
    return d.build();
  }
}
