package dev.horae.event;

import dev.horae.event.EventEnums.EventStatus;
import dev.horae.event.EventEnums.RecurrenceType;
import dev.horae.recurrence.Occurrence;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What happens to a series' occurrences when its MASTER is created, changed or cancelled. Only the
 * future moves (occurrences starting now or later); the past stays as it was.
 * <ul>
 *   <li>Created: every occurrence up to the events view's end is materialised.</li>
 *   <li>Fields changed: future INSTANCEs take every field of the master, future EXCEPTIONs only the
 *       fields they still inherit.</li>
 *   <li>Time or rule changed: future INSTANCEs whose occurrence is still in the series move with
 *       it, the others are deleted (their ids go; Calendar V3 allows an instance's id to change);
 *       future EXCEPTIONs stay when their original start is still in the series and are cancelled
 *       otherwise; missing occurrences are materialised.</li>
 *   <li>Cancelled: every future INSTANCE and EXCEPTION is cancelled.</li>
 * </ul>
 * Every row that changes bumps its revision and records its domain events.
 */
@Component
class Series {
  private final EventRepository events;
  private final SeriesInstances instances;
  private final EventsViews views;
  private final EventLog log;
  private final Clock clock;

  Series(EventRepository events, SeriesInstances instances, EventsViews views, EventLog log, Clock clock) {
    this.events = events;
    this.instances = instances;
    this.views = views;
    this.log = log;
    this.clock = clock;
  }

  void created(TenantId tenant, EventEntry master) {
    Instant viewEnd = views.holdShared(tenant).endDate();
    List<Event> created = instances.materialise(tenant, master.event(), master.event().start(), viewEnd);
    List<EventEntry> entries = new ArrayList<>();
    entries.add(master);
    created.forEach(e -> entries.add(new EventEntry(e, master.scheduleName())));
    log.createdAll(tenant, entries); // one outbox write: the master's created event, then every instance's projection
  }

  void changed(TenantId tenant, EventEntry before, EventEntry after) {
    Event master = after.event();
    Instant now = Instants.truncate(clock.instant());
    Instant viewEnd = views.holdShared(tenant).endDate();
    List<EventEntry> future = events.occurrencesOf(tenant, master.id(), now);
    boolean moved = !before.event().time().equals(master.time()) || !before.event().timeZone().equals(master.timeZone())
        || !Objects.equals(before.event().recurrenceRule(), master.recurrenceRule());
    Set<LocalDateTime> inSeries = new HashSet<>();
    if (moved) {
      for (Occurrence o : instances.occurrences(master, now, viewEnd)) {
        inSeries.add(o.local());
      }
    }
    List<EventLog.Change> changes = new ArrayList<>();
    List<EventEntry> deleted = new ArrayList<>();
    for (EventEntry row : future) {
      Event e = row.event();
      if (e.cancelled()) {
        continue;
      }
      Event next;
      if (moved && !inSeries.contains(e.originalStart())) {
        if (e.recurrenceType() == RecurrenceType.INSTANCE) {
          deleted.add(row);
          continue;
        }
        next = CancellingEvent.cancelled(e, clock);
      } else {
        next = SeriesInstances.follow(e, master, now);
      }
      if (next != null) {
        changes.add(new EventLog.Change(row, new EventEntry(next, row.scheduleName())));
      }
    }
    events.deleteAll(tenant, deleted.stream().map(r -> r.event().id()).toList());
    events.updateAll(tenant, changes.stream().map(c -> c.after().event()).toList());
    log.deletedAll(tenant, deleted);
    log.updatedAll(tenant, changes);
    if (moved) {
      Instant from = master.start().isAfter(now) ? master.start() : now;
      List<Event> created = instances.materialise(tenant, master, from, viewEnd);
      log.createdAll(tenant, created.stream().map(e -> new EventEntry(e, after.scheduleName())).toList());
    }
  }

  void cancelled(TenantId tenant, EventEntry master) {
    Instant now = Instants.truncate(clock.instant());
    List<EventLog.Change> changes = new ArrayList<>();
    for (EventEntry row : events.occurrencesOf(tenant, master.event().id(), now)) {
      if (row.event().status() != EventStatus.CANCELLED) {
        changes.add(new EventLog.Change(row, new EventEntry(CancellingEvent.cancelled(row.event(), clock), row.scheduleName())));
      }
    }
    events.updateAll(tenant, changes.stream().map(c -> c.after().event()).toList());
    log.updatedAll(tenant, changes);
  }
}
