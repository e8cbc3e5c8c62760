package dev.horae.event;

import dev.horae.event.EventEnums.EventType;
import dev.horae.event.EventEnums.RecurrenceType;
import dev.horae.shared.Digests;
import dev.horae.shared.TenantId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A schedule's events as iCalendar objects, for the CalDAV server: one object per live single event,
 * and one per live series (its MASTER with the EXCEPTION rows that change or cancel an occurrence;
 * plain INSTANCE rows are what its rule already says). WORKING_HOURS events are not objects: they
 * say when a schedule is open, not when it is busy.
 */
@Component
public class CalendarObjects {
  private final EventRepository events;

  CalendarObjects(EventRepository events) {
    this.events = events;
  }

  /** One object: the event (NONE or MASTER), and for a series its exceptions, cancelled ones included, in start order. */
  public record Item(Event event, List<Event> exceptions) {
    public Item {
      exceptions = List.copyOf(exceptions);
    }
  }

  /**
   * An object's version: {@code tag} is its entity tag's value, the event's revision, followed for a
   * series with exceptions by a digest of their ids and revisions, so that a changed occurrence
   * changes its series' tag.
   */
  public record Version(String id, long revision, String tag) {}

  /** Versions of the schedule's objects, all of them ({@code ids} null) or those of the given ids. */
  public List<Version> versions(TenantId tenant, UUID scheduleId, Collection<String> ids) {
    if (ids != null && ids.isEmpty()) {
      return List.of();
    }
    return events.objectVersions(tenant, scheduleId, ids == null ? null : List.copyOf(ids)).stream()
        .map(v -> new Version(v.id(), v.revision(), v.exceptions() == null ? Long.toString(v.revision())
            : v.revision() + "-" + Digests.sha256Hex(v.exceptions()).substring(0, 16)))
        .toList();
  }

  /** The version of the object {@code item} is, computed the same way as {@link #versions}. */
  public static String tag(Item item) {
    if (item.exceptions().isEmpty()) {
      return Long.toString(item.event().revision());
    }
    List<Event> byId = new ArrayList<>(item.exceptions());
    byId.sort(java.util.Comparator.comparing(Event::id));
    StringBuilder text = new StringBuilder();
    for (Event x : byId) {
      text.append(text.isEmpty() ? "" : ",").append(x.id()).append(':').append(x.revision());
    }
    return item.event().revision() + "-" + Digests.sha256Hex(text.toString()).substring(0, 16);
  }

  /** The live objects of the schedule with these ids, in the order given; unknown, cancelled or other schedules' ids are left out. */
  public List<Item> items(TenantId tenant, UUID scheduleId, Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, Event> found = new LinkedHashMap<>();
    for (EventEntry entry : events.findAll(tenant, List.copyOf(ids))) {
      Event e = entry.event();
      if (e.scheduleId().equals(scheduleId) && !e.cancelled() && e.type() != EventType.WORKING_HOURS
          && (e.recurrenceType() == RecurrenceType.NONE || e.recurrenceType() == RecurrenceType.MASTER)) {
        found.put(e.id(), e);
      }
    }
    List<String> masters = found.values().stream().filter(Event::recurring).map(Event::id).toList();
    Map<String, List<Event>> exceptions = new LinkedHashMap<>();
    if (!masters.isEmpty()) {
      for (EventEntry x : events.exceptionsOf(tenant, masters)) {
        exceptions.computeIfAbsent(x.event().recurringEventId(), k -> new ArrayList<>()).add(x.event());
      }
    }
    List<Item> out = new ArrayList<>();
    for (String id : ids) {
      Event e = found.get(id);
      if (e != null) {
        out.add(new Item(e, exceptions.getOrDefault(id, List.of())));
      }
    }
    return out;
  }

  /** Ids of the live objects with an occurrence overlapping {@code [from, to)}. */
  public Set<String> during(TenantId tenant, UUID scheduleId, Instant from, Instant to) {
    return events.objectsDuring(tenant, scheduleId, from, to);
  }

  /** The live occurrences of these series that overlap {@code [from, to)}, in start order. */
  public List<Event> occurrencesDuring(TenantId tenant, List<String> masterIds, Instant from, Instant to) {
    if (masterIds.isEmpty()) {
      return List.of();
    }
    return events.occurrencesOfDuring(tenant, masterIds, from, to).stream().map(EventEntry::event).toList();
  }

  /** The id of a series' occurrence row for the occurrence its rule names {@code originalStart}, if it is materialised. */
  public Optional<String> occurrence(TenantId tenant, String masterId, LocalDateTime originalStart) {
    return events.occurrenceId(tenant, masterId, originalStart);
  }
}
