package dev.horae.dav;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.TimezoneAssignment;
import biweekly.property.ExceptionDates;
import biweekly.property.RecurrenceId;
import biweekly.property.Status;
import biweekly.property.Transparency;
import biweekly.util.ICalDate;
import dev.horae.event.CalendarObjects;
import dev.horae.event.Event;
import dev.horae.event.EventEnums.EventStatus;
import dev.horae.event.EventRecurrence;
import dev.horae.event.EventTime;
import dev.horae.event.EventVEvents;
import dev.horae.shared.IcalZones;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/**
 * Writes a calendar object as a CalDAV client expects it (RFC 4791 §4.1: one UID per object):
 * <ul>
 *   <li>a single event as one VEVENT in its own time zone (a VTIMEZONE from the JDK's rules);</li>
 *   <li>a series as its MASTER with RRULE, EXDATE for the occurrences its rule excludes and for
 *       the cancelled ones, and one VEVENT with RECURRENCE-ID (the wall time the rule named) for
 *       each changed occurrence.</li>
 * </ul>
 * With {@code expand} (RFC 4791 §9.6.5), the series' occurrences in a window instead, each a VEVENT
 * in UTC with its RECURRENCE-ID and no rule, as Horae's engine made them.
 */
final class ObjectWriter {
  static final String PRODUCT_ID = "-//Horae//CalDAV//EN";

  private ObjectWriter() {}

  static String write(CalendarObjects.Item item, String uid) {
    Event master = item.event();
    ICalendar ical = new ICalendar();
    ical.setProductId(PRODUCT_ID);
    TimezoneAssignment zone = master.allDay() ? null
        : new TimezoneAssignment(TimeZone.getTimeZone(master.timeZone()), IcalZones.vtimezone(master.timeZone()));
    VEvent v = vevent(master, uid, zone, ical);
    EventRecurrence.rrule(master).ifPresent(rule -> {
      v.addExperimentalProperty("RRULE", rule);
      List<LocalDateTime> excluded = new ArrayList<>(EventRecurrence.exdates(master));
      for (Event x : item.exceptions()) {
        if (x.cancelled() && x.originalStart() != null) {
          excluded.add(x.originalStart());
        }
      }
      if (!excluded.isEmpty()) {
        ExceptionDates ex = new ExceptionDates();
        excluded.stream().distinct().sorted().forEach(x -> ex.getValues().add(at(x, master)));
        v.addExceptionDates(ex);
        if (zone != null) {
          ical.getTimezoneInfo().setTimezone(ex, zone);
        }
      }
    });
    ical.addEvent(v);
    for (Event x : item.exceptions()) {
      if (x.cancelled() || x.originalStart() == null) {
        continue;
      }
      TimezoneAssignment own = x.allDay() ? null
          : x.timeZone().equals(master.timeZone()) ? zone : new TimezoneAssignment(TimeZone.getTimeZone(x.timeZone()),
              IcalZones.vtimezone(x.timeZone()));
      VEvent o = vevent(x, uid, own, ical);
      RecurrenceId id = new RecurrenceId(at(x.originalStart(), master));
      o.setRecurrenceId(id);
      if (zone != null) {
        ical.getTimezoneInfo().setTimezone(id, zone);
      }
      ical.addEvent(o);
    }
    return Biweekly.write(ical).go();
  }

  /** The occurrences of {@code item} given (those in the window), expanded: UTC times, RECURRENCE-ID, no rule. */
  static String expanded(CalendarObjects.Item item, String uid, List<Event> occurrences) {
    ICalendar ical = new ICalendar();
    ical.setProductId(PRODUCT_ID);
    Event master = item.event();
    for (Event o : occurrences) {
      VEvent v = vevent(o, uid, null, ical);
      if (o.originalStart() != null) {
        v.setRecurrenceId(new RecurrenceId(master.allDay() ? EventVEvents.date(o.originalStart().toLocalDate())
            : new ICalDate(Date.from(EventTime.instant(o.originalStart(), master.timeZone())), true)));
      }
      ical.addEvent(v);
    }
    return Biweekly.write(ical).go();
  }

  private static VEvent vevent(Event e, String uid, TimezoneAssignment zone, ICalendar ical) {
    VEvent v = EventVEvents.base(e, uid);
    if (!e.allDay() && zone != null) {
      ical.getTimezoneInfo().setTimezone(v.getDateStart(), zone);
      ical.getTimezoneInfo().setTimezone(v.getDateEnd(), zone);
    }
    v.setSummary(e.title() == null ? "" : e.title());
    v.setTransparency(e.transparency() == dev.horae.event.EventEnums.Transparency.TRANSPARENT
        ? Transparency.transparent() : Transparency.opaque());
    v.setStatus(e.status() == EventStatus.PENDING_CONFIRMATION ? Status.tentative() : Status.confirmed());
    if (e.location() != null && e.location().name() != null && !e.location().name().isBlank()) {
      v.setLocation(e.location().name());
    }
    if (e.notes() != null && !e.notes().isBlank()) {
      v.setDescription(e.notes());
    }
    return v;
  }

  /** A wall time of a series, as its DTSTART is written: a date for an all-day series, else the instant (written in the series' zone). */
  private static ICalDate at(LocalDateTime local, Event master) {
    return master.allDay() ? EventVEvents.date(local.toLocalDate()) : new ICalDate(Date.from(EventTime.instant(local, master.timeZone())), true);
  }

}
