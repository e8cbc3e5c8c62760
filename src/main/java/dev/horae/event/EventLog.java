package dev.horae.event;

import dev.horae.event.EventEnums.EventStatus;
import dev.horae.event.EventEnums.RecurrenceType;
import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;
import dev.horae.shared.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes the domain events of event changes to the outbox, in the change's transaction:
 * <ul>
 *   <li>Event Created / Updated / Cancelled ({@code wix.calendar.v3.event}), never for INSTANCEs
 *       (an instance that changes becomes an EXCEPTION, which has them);</li>
 *   <li>Events View Projection Updated ({@code wix.calendar.v3.events_view}/{@code
 *       projection_updated}) for every NONE, INSTANCE and EXCEPTION that appears in, changes in or
 *       leaves the view (start before the view's end): {@code eventAddedOrUpdated} (with {@code
 *       previousEvent} on an update) or {@code eventRemoved}. A cancelled event is still in the
 *       view, with status CANCELLED; an instance deleted by a changed rule is removed.</li>
 * </ul>
 * Payloads are the event as Get Event shows it with PI fields, in its own time zone.
 */
@Component
class EventLog {
  static final String EVENT = "wix.calendar.v3.event";
  static final String VIEW = "wix.calendar.v3.events_view";

  private final Outbox outbox;
  private final EventViews views;
  private final EventsViews eventsViews;

  EventLog(Outbox outbox, EventViews views, EventsViews eventsViews) {
    this.outbox = outbox;
    this.views = views;
    this.eventsViews = eventsViews;
  }

  void created(TenantId tenant, EventEntry entry) {
    createdAll(tenant, List.of(entry));
  }

  void createdAll(TenantId tenant, List<EventEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Instant viewEnd = eventsViews.holdShared(tenant).endDate();
    Map<String, EventView> rendered = render(tenant, entries);
    List<DomainEvent> out = new ArrayList<>();
    for (EventEntry entry : entries) {
      Event e = entry.event();
      EventView view = rendered.get(e.id());
      if (e.recurrenceType() != RecurrenceType.INSTANCE) {
        out.add(DomainEvent.created(EVENT, e.id(), e.revision(), view));
      }
      if (inView(e, viewEnd)) {
        out.add(projection(e, Map.of("eventAddedOrUpdated", Map.of("event", view))));
      }
    }
    outbox.record(tenant, out);
  }

  void updated(TenantId tenant, EventEntry before, EventEntry after) {
    updatedAll(tenant, List.of(new Change(before, after)));
  }

  record Change(EventEntry before, EventEntry after) {}

  void updatedAll(TenantId tenant, List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    Instant viewEnd = eventsViews.holdShared(tenant).endDate();
    Map<String, EventView> previous = render(tenant, changes.stream().map(Change::before).toList());
    Map<String, EventView> current = render(tenant, changes.stream().map(Change::after).toList());
    List<DomainEvent> out = new ArrayList<>();
    for (Change c : changes) {
      Event b = c.before().event();
      Event a = c.after().event();
      EventView now = current.get(a.id());
      EventView was = previous.get(b.id());
      boolean instanceOnly = b.recurrenceType() == RecurrenceType.INSTANCE && a.recurrenceType() == RecurrenceType.INSTANCE;
      if (!instanceOnly) {
        out.add(DomainEvent.updated(EVENT, a.id(), a.revision(), now));
        if (a.status() == EventStatus.CANCELLED && b.status() != EventStatus.CANCELLED) {
          out.add(DomainEvent.action(EVENT, "cancelled", a.id(), a.revision(), Map.of("event", now)));
        }
      }
      boolean wasIn = inView(b, viewEnd);
      boolean isIn = inView(a, viewEnd);
      if (isIn) {
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("event", now);
        if (wasIn) {
          added.put("previousEvent", was);
        }
        out.add(projection(a, Map.of("eventAddedOrUpdated", added)));
      } else if (wasIn) {
        out.add(projection(a, Map.of("eventRemoved", Map.of("event", now))));
      }
    }
    outbox.record(tenant, out);
  }

  void deletedAll(TenantId tenant, List<EventEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Instant viewEnd = eventsViews.holdShared(tenant).endDate();
    Map<String, EventView> rendered = render(tenant, entries);
    List<DomainEvent> out = new ArrayList<>();
    for (EventEntry entry : entries) {
      if (inView(entry.event(), viewEnd)) {
        out.add(projection(entry.event(), Map.of("eventRemoved", Map.of("event", rendered.get(entry.event().id())))));
      }
    }
    outbox.record(tenant, out);
  }

  void split(TenantId tenant, EventEntry ending, EventEntry starting) {
    Map<String, EventView> rendered = render(tenant, List.of(ending, starting));
    outbox.record(tenant, DomainEvent.action(EVENT, "recurring_split", ending.event().id(), ending.event().revision(), Map.of(
        "updatedRecurringEventEndingBeforeSplit", rendered.get(ending.event().id()),
        "newRecurringEventStartingFromSplit", rendered.get(starting.event().id()))));
  }

  /** Events View Extended, then every event the extension brought into the view. */
  void extended(TenantId tenant, Instant newEnd, List<EventEntry> broughtIn) {
    List<DomainEvent> out = new ArrayList<>();
    out.add(DomainEvent.action(VIEW, "extended", tenant.value().toString(), null,
        Map.of("extendedEndDate", dev.horae.shared.Instants.format(newEnd))));
    Map<String, EventView> rendered = render(tenant, broughtIn);
    for (EventEntry entry : broughtIn) {
      out.add(projection(entry.event(), Map.of("eventAddedOrUpdated", Map.of("event", rendered.get(entry.event().id())))));
    }
    outbox.record(tenant, out);
  }

  private static boolean inView(Event e, Instant viewEnd) {
    return e.recurrenceType() != RecurrenceType.MASTER && e.start().isBefore(viewEnd);
  }

  private static DomainEvent projection(Event e, Map<String, Object> change) {
    Map<String, Object> body = new HashMap<>(change);
    if (e.appId() != null) {
      body.put("appId", e.appId());
    }
    return DomainEvent.action(VIEW, "projection_updated", e.id(), e.revision(), body);
  }

  private Map<String, EventView> render(TenantId tenant, List<EventEntry> entries) {
    Map<String, EventView> out = new HashMap<>();
    List<EventView> rendered = views.of(tenant, entries, null, true);
    for (int i = 0; i < entries.size(); i++) {
      out.put(entries.get(i).event().id(), rendered.get(i));
    }
    return out;
  }
}
