package dev.horae.event;

import dev.horae.event.EventEnums.EventStatus;
import dev.horae.event.EventEnums.InheritableField;
import dev.horae.event.EventEnums.RecurrenceType;
import dev.horae.recurrence.Expansion;
import dev.horae.recurrence.Occurrence;
import dev.horae.recurrence.RecurrenceExpander;
import dev.horae.recurrence.RecurrenceSet;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Materialises a series: one INSTANCE row per occurrence of its MASTER, inside a window of the
 * events view. An occurrence that already has a row (an instance, or an exception that replaced
 * one) is never written twice. A series may put at most {@code
 * horae.events-view.max-occurrences-per-series} (5,000) occurrences into the view; a rule that
 * would put more is refused when the series is created or changed.
 */
@Component
class SeriesInstances {
  /** What an instance takes from its MASTER. */
  static final Set<InheritableField> FROM_MASTER = EnumSet.of(
      InheritableField.TITLE, InheritableField.TIME_ZONE, InheritableField.LOCATION, InheritableField.CAPACITY,
      InheritableField.CONFERENCING_DETAILS, InheritableField.TIME, InheritableField.RESOURCES);

  private final EventRepository events;
  private final RecurrenceExpander expander;
  private final Clock clock;
  private final int maxPerSeries;

  SeriesInstances(EventRepository events, RecurrenceExpander expander, Clock clock,
      @Value("${horae.events-view.max-occurrences-per-series:5000}") int maxPerSeries) {
    this.events = events;
    this.expander = expander;
    this.clock = clock;
    this.maxPerSeries = maxPerSeries;
  }

  /** The occurrences of a master that start in {@code [from, to)}; a 422 when there are too many. */
  List<Occurrence> occurrences(Event master, Instant from, Instant to) {
    RecurrenceSet set = SeriesRule.setOf(master.recurrenceRule(), master.time(), master.timeZone());
    Expansion expansion = expander.expand(set, from, to, maxPerSeries);
    if (expansion.capped()) {
      throw Rejection.unprocessable("TOO_MANY_OCCURRENCES", SeriesRule.FIELD,
          "the series has more than " + maxPerSeries + " occurrences in the events view (up to " + Instants.format(to)
              + "); use a less frequent rule or an end (until or COUNT)");
    }
    return expansion.occurrences();
  }

  /** Writes the missing instances of {@code master} starting in {@code [from, to)}; returns them. */
  List<Event> materialise(TenantId tenant, Event master, Instant from, Instant to) {
    List<Occurrence> occurrences = occurrences(master, from, to);
    if (occurrences.isEmpty()) {
      return List.of();
    }
    Set<LocalDateTime> existing = events.originalStarts(tenant, master.id(), occurrences.get(0).local(),
        occurrences.get(occurrences.size() - 1).local());
    Instant now = Instants.truncate(clock.instant());
    List<Event> created = new ArrayList<>();
    for (Occurrence o : occurrences) {
      if (!existing.contains(o.local())) {
        created.add(instanceOf(master, o.local(), newId(master), now));
      }
    }
    events.insertAll(tenant, created);
    return created;
  }

  static String newId(Event master) {
    return master.scheduleId().toString().replace("-", "") + Ids.newHex32();
  }

  /** The instance of {@code master} for the occurrence named {@code originalStart}, at revision 1. */
  static Event instanceOf(Event master, LocalDateTime originalStart, String id, Instant now) {
    EventDraft d = EventDraft.of(master);
    d.id = id;
    d.status = EventStatus.CONFIRMED;
    d.recurrenceType = RecurrenceType.INSTANCE;
    d.recurrenceRule = null;
    d.recurringEventId = master.id();
    d.originalStart = originalStart;
    d.time = timeAt(master, originalStart);
    d.participantsTotal = 0;
    d.participantsPending = 0;
    d.inheritedFields = EnumSet.copyOf(FROM_MASTER);
    d.revision = 1;
    d.createdDate = now;
    d.updatedDate = now;
    return d.build();
  }

  /**
   * The master's exact (elapsed) duration placed at {@code start}, as RFC 5545 §3.8.5.3 gives every
   * member of a recurrence set whose length comes from DTEND: a 1-hour 02:30 series is 1 hour on a
   * fall-back night too (ending at the second 02:30), not 2. An occurrence whose time falls in a DST
   * gap shows the wall time it comes to, moved forward (its {@code originalStart} stays the rule's
   * time). All-day series go by dates.
   */
  static EventTime timeAt(Event master, LocalDateTime start) {
    if (master.time() instanceof EventTime.AllDay allDay) {
      long days = Duration.between(allDay.startLocal(), allDay.endLocal()).toDays();
      return new EventTime.AllDay(start.toLocalDate(), start.toLocalDate().plusDays(days));
    }
    java.time.ZoneId zone = master.timeZone();
    Duration exact = Duration.between(master.time().startIn(zone), master.time().endIn(zone));
    Instant at = EventTime.instant(start, zone);
    return new EventTime.Timed(LocalDateTime.ofInstant(at, zone), LocalDateTime.ofInstant(at.plus(exact), zone));
  }

  /**
   * An occurrence row brought in line with its (changed) master: an INSTANCE takes every field the
   * master gives; an EXCEPTION only the fields it still inherits. Null when nothing changes.
   */
  static Event follow(Event occurrence, Event master, Instant now) {
    EventDraft d = EventDraft.of(occurrence);
    Set<InheritableField> inherited = occurrence.inheritedFields();
    boolean instance = occurrence.recurrenceType() == RecurrenceType.INSTANCE;
    if (instance || inherited.contains(InheritableField.TITLE)) d.title = master.title();
    if (instance || inherited.contains(InheritableField.TIME_ZONE)) d.timeZone = master.timeZone();
    if (instance || inherited.contains(InheritableField.LOCATION)) d.location = master.location();
    if (instance || inherited.contains(InheritableField.CAPACITY)) d.totalCapacity = master.totalCapacity();
    if (instance || inherited.contains(InheritableField.CONFERENCING_DETAILS)) d.conferencingDetails = master.conferencingDetails();
    if (instance || inherited.contains(InheritableField.RESOURCES)) d.resources = master.resources();
    if (instance || inherited.contains(InheritableField.TIME)) d.time = timeAt(master, occurrence.originalStart());
    if (instance) {
      d.transparency = master.transparency();
      d.notes = master.notes();
      d.permissions = master.permissions();
      d.extendedFields = master.extendedFields();
    }
    Event next = d.build();
    if (sameContent(occurrence, next)) {
      return null;
    }
    if (next.remainingCapacity() != null && next.remainingCapacity() < 0) {
      throw Rejection.conflict("CAPACITY_BELOW_PARTICIPANTS", "the series' capacity " + next.totalCapacity()
          + " is below the " + next.participantsTotal() + " places taken in occurrence " + next.id());
    }
    d.revision = occurrence.revision() + 1;
    d.updatedDate = now;
    return d.build();
  }

  private static boolean sameContent(Event a, Event b) {
    return java.util.Objects.equals(a.title(), b.title()) && a.timeZone().equals(b.timeZone())
        && java.util.Objects.equals(a.location(), b.location()) && java.util.Objects.equals(a.totalCapacity(), b.totalCapacity())
        && java.util.Objects.equals(a.conferencingDetails(), b.conferencingDetails()) && a.resources().equals(b.resources())
        && a.time().equals(b.time()) && a.transparency() == b.transparency() && java.util.Objects.equals(a.notes(), b.notes())
        && java.util.Objects.equals(a.permissions(), b.permissions()) && java.util.Objects.equals(a.extendedFields(), b.extendedFields());
  }
}
