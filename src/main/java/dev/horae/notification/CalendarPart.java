package dev.horae.notification;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.TimezoneAssignment;
import biweekly.parameter.ParticipationStatus;
import biweekly.parameter.Role;
import biweekly.property.Attendee;
import biweekly.property.ExceptionDates;
import biweekly.property.Method;
import biweekly.property.Organizer;
import biweekly.property.Status;
import biweekly.util.DateTimeComponents;
import biweekly.util.ICalDate;
import dev.horae.event.Event;
import dev.horae.event.EventRecurrence;
import dev.horae.event.EventTime;
import dev.horae.shared.IcalZones;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.TimeZone;

/**
 * The iCalendar part of an invitation (RFC 5546 iTIP over RFC 6047 iMIP), written with biweekly:
 * METHOD REQUEST or CANCEL, one VEVENT with a stable UID and the entry's SEQUENCE, the tenant as
 * ORGANIZER and only the recipient as ATTENDEE (nobody sees another's address). Timed events carry
 * their zone as a VTIMEZONE built from the JDK's rules for it, so a series keeps its wall time
 * across DST in every client; all-day events are dates.
 */
final class CalendarPart {
  static final String PRODUCT_ID = "-//Horae//Participant notifications//EN";

  private CalendarPart() {}

  record Party(String name, String email) {}

  static String write(NotificationKind kind, String uid, int sequence, Instant stamp, Event e, String note, Party organizer, Party attendee) {
    ICalendar ical = new ICalendar();
    ical.setProductId(PRODUCT_ID);
    ical.setMethod(kind == NotificationKind.CANCELLATION ? Method.cancel() : Method.request());
    VEvent v = new VEvent();
    v.setUid(uid);
    v.setSequence(sequence);
    v.setDateTimeStamp(Date.from(stamp));
    v.setSummary(e.title() == null ? "" : e.title());
    if (e.allDay()) {
      EventTime.AllDay day = (EventTime.AllDay) e.time();
      v.setDateStart(date(day.first()), false);
      v.setDateEnd(date(day.endExclusive()), false);
    } else {
      TimezoneAssignment zone = new TimezoneAssignment(TimeZone.getTimeZone(e.timeZone()), IcalZones.vtimezone(e.timeZone()));
      v.setDateStart(Date.from(e.start()), true);
      v.setDateEnd(Date.from(e.end()), true);
      ical.getTimezoneInfo().setTimezone(v.getDateStart(), zone);
      ical.getTimezoneInfo().setTimezone(v.getDateEnd(), zone);
    }
    EventRecurrence.rrule(e).ifPresent(rule -> {
      v.addExperimentalProperty("RRULE", rule);
      if (!EventRecurrence.exdates(e).isEmpty()) {
        ExceptionDates ex = new ExceptionDates();
        for (LocalDateTime x : EventRecurrence.exdates(e)) {
          ex.getValues().add(e.allDay() ? date(x.toLocalDate()) : new ICalDate(Date.from(EventTime.instant(x, e.timeZone())), true));
        }
        v.addExceptionDates(ex);
        if (!e.allDay()) {
          ical.getTimezoneInfo().setTimezone(ex, ical.getTimezoneInfo().getTimezone(v.getDateStart()));
        }
      }
    });
    if (e.location() != null && (e.location().name() != null || e.location().address() != null)) {
      v.setLocation(where(e));
    }
    if (note != null && !note.isBlank()) {
      v.setDescription(note);
    }
    v.setStatus(kind == NotificationKind.CANCELLATION ? Status.cancelled() : Status.confirmed());
    Organizer o = new Organizer(organizer.name(), organizer.email());
    v.setOrganizer(o);
    Attendee a = new Attendee(attendee.name(), attendee.email());
    a.setRole(Role.ATTENDEE);
    a.setRsvp(kind != NotificationKind.CANCELLATION);
    a.setParticipationStatus(ParticipationStatus.NEEDS_ACTION);
    v.addAttendee(a);
    ical.addEvent(v);
    return Biweekly.write(ical).go();
  }

  static String where(Event e) {
    String name = e.location().name();
    String address = e.location().address();
    if (name == null || name.isBlank()) {
      return address;
    }
    return address == null || address.isBlank() ? name : name + ", " + address;
  }

  private static ICalDate date(LocalDate d) {
    return new ICalDate(new DateTimeComponents(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), false);
  }
}
