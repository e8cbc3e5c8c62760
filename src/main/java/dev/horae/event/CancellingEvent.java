package dev.horae.event;

import dev.horae.event.EventEnums.EventStatus;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.ParticipantNotification;
import dev.horae.shared.TenantId;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancel Event: the event stays, with status CANCELLED and its revision bumped; there is no
 * delete. A cancelled INSTANCE becomes a cancelled EXCEPTION; a cancelled MASTER cancels the
 * series' future occurrences. Cancelling needs the revision the caller read; a cancelled event can't be cancelled again
 * (428).
 */
@Component
public class CancellingEvent {
  private final EventRepository events;
  private final Series series;
  private final EventLog log;
  private final Clock clock;
  private final EventNotices notices;

  CancellingEvent(EventRepository events, Series series, EventLog log, Clock clock, EventNotices notices) {
    this.notices = notices;
    this.events = events;
    this.series = series;
    this.log = log;
    this.clock = clock;
  }

  @Transactional
  public EventEntry cancel(TenantId tenant, String id, Long revision) {
    return cancel(tenant, id, revision, ParticipantNotification.NONE);
  }

  /** Cancel Event, telling the participants when {@code how} asks for it. */
  @Transactional
  public EventEntry cancel(TenantId tenant, String id, Long revision, ParticipantNotification how) {
    EventEntry current = events.findForUpdate(tenant, id).orElseThrow(() -> Rejection.notFound("Event", id));
    EventGuards.mayChange(current.event(), revision);
    Event cancelled = cancelled(current.event(), clock);
    if (cancelled.recurrenceType() == EventEnums.RecurrenceType.INSTANCE) {
      // A cancelled occurrence is a change to the series: it stays an EXCEPTION, so no later
      // change of the master brings it back.
      EventDraft d = EventDraft.of(cancelled);
      d.recurrenceType = EventEnums.RecurrenceType.EXCEPTION;
      cancelled = d.build();
    }
    events.update(tenant, cancelled, current.event().revision());
    EventEntry entry = new EventEntry(cancelled, current.scheduleName());
    log.updated(tenant, current, entry);
    if (cancelled.recurring()) {
      series.cancelled(tenant, entry);
    }
    if (how.notifies()) {
      notices.changed(tenant, how, current.event(), cancelled);
    }
    return entry;
  }

  static Event cancelled(Event e, Clock clock) {
    EventDraft d = EventDraft.of(e);
    d.status = EventStatus.CANCELLED;
    d.revision = e.revision() + 1;
    d.updatedDate = Instants.truncate(clock.instant());
    return d.build();
  }
}
