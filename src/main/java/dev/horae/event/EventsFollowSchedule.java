package dev.horae.event;

import dev.horae.schedule.Schedule;
import dev.horae.schedule.ScheduleCancelled;
import dev.horae.schedule.ScheduleDefaultsChanged;
import dev.horae.shared.Rejection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps future events in step with their schedule, inside the schedule's own transaction: a
 * cancelled schedule cancels its future events (keeping those with participants when asked to), and
 * a changed default reaches every future event that still inherits it. Past events never change.
 * A new time zone keeps each event's wall time; its instants move. Recurring series follow through
 * their MASTER, which passes the change on to its future occurrences.
 */
@Component
class EventsFollowSchedule {
  private final EventRepository events;
  private final Series series;
  private final EventLog log;
  private final Clock clock;
  private final EventNotices notices;

  EventsFollowSchedule(EventRepository events, Series series, EventLog log, Clock clock, EventNotices notices) {
    this.notices = notices;
    this.events = events;
    this.series = series;
    this.log = log;
    this.clock = clock;
  }

  @EventListener
  void on(ScheduleCancelled cancelled) {
    List<EventLog.Change> changes = new ArrayList<>();
    for (EventEntry row : events.futureOf(cancelled.tenant(), cancelled.schedule().id(), cancelled.at())) {
      if (cancelled.preserveFutureEventsWithParticipants() && row.event().participantsTotal() > 0) {
        continue;
      }
      changes.add(new EventLog.Change(row, new EventEntry(CancellingEvent.cancelled(row.event(), clock), row.scheduleName())));
    }
    // Masters end with the schedule; their future occurrences were handled just above.
    for (EventEntry master : events.mastersOf(cancelled.tenant(), cancelled.schedule().id())) {
      changes.add(new EventLog.Change(master, new EventEntry(CancellingEvent.cancelled(master.event(), clock), master.scheduleName())));
    }
    events.updateAll(cancelled.tenant(), changes.stream().map(c -> c.after().event()).toList());
    log.updatedAll(cancelled.tenant(), changes);
    tell(cancelled.tenant(), cancelled.how(), changes);
  }

  private void tell(dev.horae.shared.TenantId tenant, dev.horae.shared.ParticipantNotification how, List<EventLog.Change> changes) {
    if (how != null && how.notifies()) {
      for (EventLog.Change c : changes) {
        notices.changed(tenant, how, c.before().event(), c.after().event());
      }
    }
  }

  @EventListener
  void on(ScheduleDefaultsChanged changed) {
    Schedule s = changed.after();
    List<EventLog.Change> changes = new ArrayList<>();
    List<EventLog.Change> masters = new ArrayList<>();
    List<EventEntry> candidates = new ArrayList<>();
    // Single events and masters inherit from the schedule; occurrences inherit from their master.
    events.futureOf(changed.tenant(), s.id(), changed.at()).stream()
        .filter(row -> row.event().recurrenceType() == EventEnums.RecurrenceType.NONE)
        .forEach(candidates::add);
    candidates.addAll(events.mastersOf(changed.tenant(), s.id()));
    for (EventEntry row : candidates) {
      Event e = row.event();
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
      EventLog.Change change = new EventLog.Change(row, new EventEntry(d.build(), row.scheduleName()));
      (e.recurring() ? masters : changes).add(change);
    }
    changes.addAll(masters);
    events.updateAll(changed.tenant(), changes.stream().map(c -> c.after().event()).toList());
    log.updatedAll(changed.tenant(), changes);
    for (EventLog.Change master : masters) {
      series.changed(changed.tenant(), master.before(), master.after());
    }
    tell(changed.tenant(), changed.how(), changes);
  }

  private static boolean sameValues(Event a, Event b) {
    return Objects.equals(a.title(), b.title())
        && Objects.equals(a.timeZone(), b.timeZone())
        && Objects.equals(a.location(), b.location())
        && Objects.equals(a.totalCapacity(), b.totalCapacity())
        && Objects.equals(a.conferencingDetails(), b.conferencingDetails());
  }
}
