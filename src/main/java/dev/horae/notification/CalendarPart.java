package dev.horae.notification;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.DaylightSavingsTime;
import biweekly.component.Observance;
import biweekly.component.StandardTime;
import biweekly.component.VEvent;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.parameter.ParticipationStatus;
import biweekly.parameter.Role;
import biweekly.property.Attendee;
import biweekly.property.ExceptionDates;
import biweekly.property.Method;
import biweekly.property.Organizer;
import biweekly.property.Status;
import biweekly.util.DateTimeComponents;
import biweekly.util.DayOfWeek;
import biweekly.util.Frequency;
import biweekly.util.ICalDate;
import biweekly.util.Recurrence;
import biweekly.util.UtcOffset;
import dev.horae.event.Event;
import dev.horae.event.EventRecurrence;
import dev.horae.event.EventTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
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
      TimezoneAssignment zone = new TimezoneAssignment(TimeZone.getTimeZone(e.timeZone()), vtimezone(e.timeZone()));
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

  /**
   * A VTIMEZONE for {@code zone} from the JDK's rules: its yearly transition rules as STANDARD and
   * DAYLIGHT observances with RRULEs (from 1970, as Outlook and Google write them), or one STANDARD
   * observance at its current offset for a zone without DST.
   */
  static VTimezone vtimezone(ZoneId zone) {
    VTimezone vt = new VTimezone(zone.getId());
    ZoneRules rules = zone.getRules();
    if (rules.getTransitionRules().isEmpty()) {
      ZoneOffset now = rules.getOffset(Instant.parse("2030-01-01T00:00:00Z"));
      StandardTime st = new StandardTime();
      st.setDateStart(new DateTimeComponents(1970, 1, 1, 0, 0, 0, false));
      st.setTimezoneOffsetFrom(offset(now));
      st.setTimezoneOffsetTo(offset(now));
      vt.addStandardTime(st);
      return vt;
    }
    for (ZoneOffsetTransitionRule r : rules.getTransitionRules()) {
      LocalDateTime before = r.createTransition(1970).getDateTimeBefore();
      Observance o = r.getOffsetAfter().equals(r.getStandardOffset()) ? new StandardTime() : new DaylightSavingsTime();
      o.setDateStart(new DateTimeComponents(before.getYear(), before.getMonthValue(), before.getDayOfMonth(), before.getHour(),
          before.getMinute(), before.getSecond(), false));
      o.setTimezoneOffsetFrom(offset(r.getOffsetBefore()));
      o.setTimezoneOffsetTo(offset(r.getOffsetAfter()));
      o.setRecurrenceRule(yearly(r));
      if (o instanceof StandardTime st) {
        vt.addStandardTime(st);
      } else {
        vt.addDaylightSavingsTime((DaylightSavingsTime) o);
      }
    }
    return vt;
  }

  /** The rule's day as RRULE parts: "the last Sunday", "the second Sunday", or "the Sunday on or after the 5th". */
  private static Recurrence yearly(ZoneOffsetTransitionRule r) {
    Recurrence.Builder b = new Recurrence.Builder(Frequency.YEARLY).byMonth(r.getMonth().getValue());
    int dom = r.getDayOfMonthIndicator();
    if (r.getDayOfWeek() == null) {
      return b.byMonthDay(dom).build();
    }
    DayOfWeek day = DayOfWeek.valueOfAbbr(r.getDayOfWeek().name().substring(0, 2));
    int length = r.getMonth().length(false);
    if (dom < 0) {
      if (dom == -1) {
        return b.byDay(-1, day).build(); // on or before the last day: the last such weekday
      }
      dom = length + 1 + dom; // on or before day (length+1+dom)
      dom -= 6;
    }
    if (dom + 6 >= length && r.getMonth().length(true) == length) {
      return b.byDay(-1, day).build();
    }
    if ((dom - 1) % 7 == 0) {
      return b.byDay((dom - 1) / 7 + 1, day).build();
    }
    for (int d = dom; d < dom + 7 && d <= length; d++) {
      b.byMonthDay(d);
    }
    return b.byDay(day).build();
  }

  private static UtcOffset offset(ZoneOffset o) {
    return new UtcOffset(o.getTotalSeconds() * 1000L);
  }
}
