package dev.horae.connection.sync;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.TimezoneInfo;
import biweekly.io.WriteContext;
import biweekly.io.scribe.ScribeIndex;
import biweekly.io.scribe.property.ICalPropertyScribe;
import biweekly.parameter.ParticipationStatus;
import biweekly.property.Attendee;
import biweekly.property.DateOrDateTimeProperty;
import biweekly.property.ExceptionDates;
import biweekly.property.ICalProperty;
import biweekly.property.RecurrenceDates;
import biweekly.property.Status;
import biweekly.property.Transparency;
import biweekly.util.ICalDate;
import dev.horae.recurrence.LibRecurExpander;
import dev.horae.recurrence.Occurrence;
import dev.horae.recurrence.RecurrenceSet;
import dev.horae.recurrence.Rule;
import dev.horae.recurrence.Rules;
import dev.horae.recurrence.ValueKind;
import dev.horae.recurrence.WallClock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The busy time of one calendar object. Recurrence is expanded by Horae's engine (the server's
 * expansion is never trusted), leniently (provider data), inside the window; RECURRENCE-ID
 * overrides replace their occurrence. Not busy: TRANSP:TRANSPARENT, STATUS:CANCELLED, and events
 * the account's own attendee entry has DECLINED. A TZID that is not an IANA zone falls back to the
 * instants biweekly computed from the object's VTIMEZONE (wall time is then not kept across DST).
 */
final class IcsBusy {
  private static final LibRecurExpander EXPANDER = new LibRecurExpander();
  private static final int CAP = 5_000;

  private IcsBusy() {}

  /** One busy stretch of an imported object, already expanded: recurrence by Horae's engine, busy semantics applied. */
  record Busy(String title, Instant start, Instant end, boolean allDay) {}

  static List<Busy> of(String text, Instant from, Instant to, String accountEmail, ZoneId floating) {
    List<Busy> out = new ArrayList<>();
    for (ICalendar cal : Biweekly.parse(text).all()) {
      Map<String, VEvent> masters = new HashMap<>();
      List<VEvent> overrides = new ArrayList<>();
      for (VEvent e : cal.getEvents()) {
        if (e.getDateStart() == null) {
          continue;
        }
        if (e.getUid() != null && e.getUid().getValue() != null
            && e.getUid().getValue().endsWith(dev.horae.connection.account.Outgoing.EXPORT_UID_SUFFIX)) {
          continue; // Horae's own export: not foreign busy time
        }
        if (e.getRecurrenceId() != null) {
          overrides.add(e);
        } else {
          masters.put(e.getUid() == null ? "" : e.getUid().getValue(), e);
        }
      }
      for (VEvent master : masters.values()) {
        List<Instant> overridden = new ArrayList<>();
        for (VEvent o : overrides) {
          String uid = o.getUid() == null ? "" : o.getUid().getValue();
          if (masters.get(uid) == master) {
            overridden.add(at(cal, o.getRecurrenceId(), floating));
          }
        }
        expand(cal, master, overridden, from, to, accountEmail, floating, out);
      }
      for (VEvent o : overrides) {
        single(cal, o, from, to, accountEmail, floating, out);
      }
    }
    return out;
  }

  private static void expand(ICalendar cal, VEvent e, List<Instant> overridden, Instant from, Instant to, String email, ZoneId floating, List<Busy> out) {
    if (e.getRecurrenceRule() == null && e.getRecurrenceDates().isEmpty()) {
      single(cal, e, from, to, email, floating, out);
      return;
    }
    if (!busy(e, email)) {
      return;
    }
    ICalDate start = e.getDateStart().getValue();
    boolean allDay = !start.hasTime();
    ZoneId zone = zone(cal, e.getDateStart());
    LocalDateTime local = local(cal, e.getDateStart(), zone);
    Length length = length(cal, e, zone, local, allDay, floating);
    ValueKind kind = allDay ? ValueKind.DATE : zone == null ? ValueKind.FLOATING : ValueKind.ZONED;
    ZoneId readIn = zone == null ? floating : zone;
    List<Rule> rules = new ArrayList<>();
    if (e.getRecurrenceRule() != null) {
      try {
        rules.add(Rules.lenient(write(e.getRecurrenceRule()), kind, readIn));
      } catch (RuntimeException unreadable) {
        single(cal, e, from, to, email, floating, out); // a rule we can't read: its first occurrence still blocks
        return;
      }
    }
    List<LocalDateTime> rdates = new ArrayList<>();
    for (RecurrenceDates r : e.getRecurrenceDates()) {
      for (ICalDate d : r.getDates()) {
        rdates.add(LocalDateTime.ofInstant(d.toInstant(), readIn));
      }
    }
    List<LocalDateTime> exdates = new ArrayList<>();
    for (ExceptionDates x : e.getExceptionDates()) {
      for (ICalDate d : x.getValues()) {
        var raw = d.getRawComponents();
        if (!d.hasTime() && raw != null) {
          exdates.add(java.time.LocalDate.of(raw.getYear(), raw.getMonth(), raw.getDate()).atStartOfDay());
        } else if (raw != null && !raw.isUtc() && kind != ValueKind.DATE) {
          exdates.add(LocalDateTime.of(raw.getYear(), raw.getMonth(), raw.getDate(), raw.getHour(), raw.getMinute(), raw.getSecond()));
        } else {
          exdates.add(LocalDateTime.ofInstant(d.toInstant(), readIn));
        }
      }
    }
    RecurrenceSet set = new RecurrenceSet(kind, local, readIn, rules, rdates, exdates);
    for (Occurrence o : EXPANDER.expand(set, from.minus(length.longest()), to, CAP).occurrences()) {
      if (overridden.contains(o.start())) {
        continue;
      }
      Instant end = length.end(o.local(), o.start(), readIn, allDay);
      if (end.isAfter(from) && o.start().isBefore(to)) {
        out.add(new Busy(title(e), o.start(), end, allDay));
      }
    }
  }

  private static void single(ICalendar cal, VEvent e, Instant from, Instant to, String email, ZoneId floating, List<Busy> out) {
    if (!busy(e, email)) {
      return;
    }
    boolean allDay = !e.getDateStart().getValue().hasTime();
    ZoneId zone = zone(cal, e.getDateStart());
    LocalDateTime local = local(cal, e.getDateStart(), zone);
    Instant start = at(cal, e.getDateStart(), floating);
    Length length = length(cal, e, zone, local, allDay, floating);
    Instant end = length.end(local, start, zone == null ? floating : zone, allDay);
    if (end.isAfter(from) && start.isBefore(to) && end.isAfter(start)) {
      out.add(new Busy(title(e), start, end, allDay));
    }
  }

  private static boolean busy(VEvent e, String email) {
    if (e.getTransparency() != null && Transparency.TRANSPARENT.equalsIgnoreCase(e.getTransparency().getValue())) {
      return false;
    }
    if (e.getStatus() != null && e.getStatus().getValue() != null && e.getStatus().getValue().equalsIgnoreCase(Status.cancelled().getValue())) {
      return false;
    }
    if (email != null) {
      for (Attendee a : e.getAttendees()) {
        if (a.getEmail() != null && a.getEmail().equalsIgnoreCase(email) && a.getParticipationStatus() == ParticipationStatus.DECLINED) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * How long each occurrence lasts, as RFC 5545 says: DTEND gives a timed event an exact (elapsed)
   * duration, the same for every member of its recurrence set (§3.8.5.3), and an all-day one its
   * dates; DURATION is nominal in its days and weeks (the same wall time so many days later, across
   * a DST change too) and exact in its hours, minutes and seconds (§3.3.6).
   */
  record Length(int days, Duration exact) {
    Instant end(LocalDateTime startLocal, Instant start, ZoneId zone, boolean allDay) {
      if (allDay) {
        return WallClock.instant(startLocal.plusDays(days).plus(exact), zone);
      }
      return days == 0 ? start.plus(exact) : WallClock.instant(startLocal.plusDays(days), zone).plus(exact);
    }

    /** At least the longest an occurrence may be: how far before a window an overlapping one may start. */
    Duration longest() {
      return Duration.ofDays(days + 1L).plus(exact.abs());
    }
  }

  private static Length length(ICalendar cal, VEvent e, ZoneId zone, LocalDateTime startLocal, boolean allDay, ZoneId floating) {
    if (e.getDateEnd() != null) {
      if (allDay) {
        return new Length(0, Duration.between(startLocal, local(cal, e.getDateEnd(), zone)));
      }
      return new Length(0, Duration.between(at(cal, e.getDateStart(), floating), at(cal, e.getDateEnd(), floating)));
    }
    if (e.getDuration() != null) {
      biweekly.util.Duration d = e.getDuration().getValue();
      int sign = d.isPrior() ? -1 : 1;
      int days = sign * ((d.getWeeks() == null ? 0 : d.getWeeks() * 7) + (d.getDays() == null ? 0 : d.getDays()));
      Duration time = Duration.ofHours(d.getHours() == null ? 0 : d.getHours()).plusMinutes(d.getMinutes() == null ? 0 : d.getMinutes())
          .plusSeconds(d.getSeconds() == null ? 0 : d.getSeconds());
      return new Length(days, sign < 0 ? time.negated() : time);
    }
    return new Length(allDay ? 1 : 0, Duration.ZERO);
  }

  /** The property's IANA zone: biweekly moves TZID into the calendar's timezone info; null for floating or unknown zones. */
  private static ZoneId zone(ICalendar cal, DateOrDateTimeProperty p) {
    var raw = p.getValue().getRawComponents();
    if (raw != null && raw.isUtc()) {
      return ZoneOffset.UTC;
    }
    String tzid = p.getParameters().getTimezoneId();
    var assignment = cal.getTimezoneInfo().getTimezone(p);
    if (assignment != null) {
      if (assignment.getGlobalId() != null) {
        tzid = assignment.getGlobalId();
      } else if (assignment.getComponent() != null && assignment.getComponent().getTimezoneId() != null) {
        tzid = assignment.getComponent().getTimezoneId().getValue();
      }
    }
    if (tzid == null) {
      return null;
    }
    try {
      return ZoneId.of(tzid.startsWith("/") ? tzid.substring(1) : tzid);
    } catch (DateTimeException notIana) {
      return null;
    }
  }

  private static LocalDateTime local(ICalendar cal, DateOrDateTimeProperty p, ZoneId zone) {
    var raw = p.getValue().getRawComponents();
    if (raw != null && !raw.isUtc()) {
      return LocalDateTime.of(raw.getYear(), raw.getMonth(), raw.getDate(), raw.getHour(), raw.getMinute(), raw.getSecond());
    }
    return LocalDateTime.ofInstant(p.getValue().toInstant(), zone == null ? ZoneOffset.UTC : zone);
  }

  private static Instant at(ICalendar cal, DateOrDateTimeProperty p, ZoneId floating) {
    ZoneId zone = zone(cal, p);
    var raw = p.getValue().getRawComponents();
    if (raw != null && !raw.isUtc()) {
      if (zone != null) {
        return WallClock.instant(local(cal, p, zone), zone);
      }
      if (cal.getTimezoneInfo().getTimezone(p) == null) {
        return WallClock.instant(local(cal, p, null), floating); // floating: read in the schedule's zone
      }
    }
    return p.getValue().toInstant(); // UTC, or computed by biweekly from the object's (non-IANA) VTIMEZONE
  }

  private static String title(VEvent e) {
    return e.getSummary() == null ? null : e.getSummary().getValue();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static String write(ICalProperty property) {
    ICalPropertyScribe scribe = new ScribeIndex().getPropertyScribe(property);
    return scribe.writeText(property, new WriteContext(ICalVersion.V2_0, new TimezoneInfo(), null));
  }
}
