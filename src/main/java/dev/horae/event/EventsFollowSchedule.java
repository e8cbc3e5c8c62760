package dev.horae.event;

import dev.horae.schedule.Schedule;
import dev.horae.schedule.ScheduleCancelled;
import dev.horae.schedule.ScheduleDefaultsChanged;
import dev.horae.shared.Rejection;
import java.time.Clock;
import java.util.Objects;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps future events in step with their schedule, inside the schedule's own transaction: a
 * cancelled schedule cancels its future events (keeping those with participants when asked to), and
 * a changed default reaches every future event that still inherits it. Past events never change.
 * A new time zone keeps each event's wall time; its instants move.
 */
@Component
class EventsFollowSchedule {
  private final EventRepository events;
  private final Clock clock;

  EventsFollowSchedule(EventRepository events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @EventListener
  void on(ScheduleCancelled cancelled) {
    for (Event e : events.futureOf(cancelled.tenant(), cancelled.schedule().id(), cancelled.at())) {
      if (cancelled.preserveFutureEventsWithParticipants() && e.participantsTotal() > 0) {
        continue;
      }
      events.update(cancelled.tenant(), CancellingEvent.cancelled(e, clock), e.revision());
    }
  }

  @EventListener
  void on(ScheduleDefaultsChanged changed) {
    Schedule s = changed.after();
    for (Event e : events.futureOf(changed.tenant(), s.id(), changed.at())) {
      EventDraft d = EventDraft.of(e);
      e.inheritedFields().forEach(field -> d.takeScheduleDefault(s, field));
      Event next = d.build();
      if (sameValues(e, next)) {
        continue;
      }
      if (next.remainingCapacity() != null && next.remainingCapacity() < 0) {
        throw Rejection.conflict("CAPACITY_BELOW_PARTICIPANTS",
            "defaultCapacity " + s.defaultCapacity() + " is below the " + e.participantsTotal()
                + " places taken in event " + e.id() + ", which inherits it");
      }
      d.revision = e.revision() + 1;
      d.updatedDate = changed.at();
      events.update(changed.tenant(), d.build(), e.revision());
    }
  }

  private static boolean sameValues(Event a, Event b) {
    return Objects.equals(a.title(), b.title())
        && Objects.equals(a.timeZone(), b.timeZone())
        && Objects.equals(a.location(), b.location())
        && Objects.equals(a.totalCapacity(), b.totalCapacity())
        && Objects.equals(a.conferencingDetails(), b.conferencingDetails());
  }
}
