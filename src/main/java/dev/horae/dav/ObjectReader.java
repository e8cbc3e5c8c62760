package dev.horae.dav;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.TimezoneAssignment;
import biweekly.io.TimezoneInfo;
import biweekly.property.DateOrDateTimeProperty;
import biweekly.property.ExceptionDates;
import biweekly.property.ICalProperty;
import biweekly.util.DateTimeComponents;
import biweekly.util.ICalDate;
import dev.horae.event.EventEnums.Transparency;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the calendar object a client PUTs: one VCALENDAR of VEVENTs sharing one UID (RFC 4791
 * §4.1), at most one without RECURRENCE-ID (the event, or a series' master), the rest changed
 * occurrences. Times keep the wall time the client wrote in its TZID when that is an IANA zone;
 * UTC times, and zones Java does not know (Windows names), are read as instants in the
 * calendar's own zone.
 */
final class ObjectReader {
  private ObjectReader() {}

  /** What one VEVENT says. {@code recurrenceId} is the occurrence it changes (in the master's zone), null for the master. */
  record Component(LocalDateTime start, LocalDateTime end, boolean allDay, ZoneId zone, String title, String notes,
      String location, Transparency transparency, boolean cancelled, String rrule, List<LocalDateTime> exdates,
      LocalDateTime recurrenceId) {}

  /** The object: its UID, the master (or single) and the changed occurrences. */
  record Parsed(String uid, Component master, List<Component> overrides) {}

  /** A body that is not an object Horae can store, with the CalDAV precondition it fails (RFC 4791 §5.3.2.1). */
  static final class Unreadable extends Exception {
    final String precondition;

    Unreadable(String precondition, String message) {
      super(message);
      this.precondition = precondition;
    }
  }

  static Parsed read(String text, ZoneId calendarZone) throws Unreadable {
    List<ICalendar> all;
    try {
      all = Biweekly.parse(text).all();
    } catch (RuntimeException e) {
      throw new Unreadable("valid-calendar-data", "not iCalendar text: " + e.getMessage());
    }
    if (all.size() != 1) {
      throw new Unreadable("valid-calendar-object-resource", "the body must hold exactly one VCALENDAR, it holds " + all.size());
    }
    ICalendar ical = all.get(0);
    if (!ical.getTodos().isEmpty() || !ical.getJournals().isEmpty() || !ical.getFreeBusies().isEmpty()) {
      throw new Unreadable("supported-calendar-component", "this calendar stores VEVENT components only");
    }
    List<VEvent> events = ical.getEvents();
    if (events.isEmpty()) {
      throw new Unreadable("valid-calendar-object-resource", "the VCALENDAR holds no VEVENT");
    }
    String uid = null;
    for (VEvent v : events) {
      String u = v.getUid() == null ? null : v.getUid().getValue();
      if (u == null || u.isBlank()) {
        throw new Unreadable("valid-calendar-object-resource", "every VEVENT needs a UID");
      }
      if (uid != null && !uid.equals(u)) {
        throw new Unreadable("valid-calendar-object-resource", "all VEVENTs of one object must share one UID (found " + uid + " and " + u + ")");
      }
      uid = u;
    }
    if (uid.length() > 255) {
      throw new Unreadable("valid-calendar-object-resource", "the UID is longer than 255 characters");
    }
    List<VEvent> masters = events.stream().filter(v -> v.getRecurrenceId() == null).toList();
    if (masters.size() != 1) {
      throw new Unreadable("valid-calendar-object-resource", masters.isEmpty()
          ? "the object has only changed occurrences (RECURRENCE-ID) and no event they belong to"
          : "the object has " + masters.size() + " VEVENTs without RECURRENCE-ID; one is allowed");
    }
    List<String> rrules = rrules(text);
    if (rrules.size() > 1) {
      throw new Unreadable("valid-calendar-object-resource", "one RRULE per event is supported");
    }
    TimezoneInfo zones = ical.getTimezoneInfo();
    Component master = component(masters.get(0), zones, calendarZone, null, rrules.isEmpty() ? null : rrules.get(0));
    List<Component> overrides = new ArrayList<>();
    for (VEvent v : events) {
      if (v.getRecurrenceId() != null) {
        if (master.rrule() == null) {
          throw new Unreadable("valid-calendar-object-resource", "a RECURRENCE-ID needs an event with an RRULE");
        }
        overrides.add(component(v, zones, calendarZone, master, null));
      }
    }
    return new Parsed(uid, master, overrides);
  }

  private static Component component(VEvent v, TimezoneInfo zones, ZoneId calendarZone, Component master, String rrule) throws Unreadable {
    if (v.getDateStart() == null || v.getDateStart().getValue() == null) {
      throw new Unreadable("valid-calendar-object-resource", "a VEVENT needs a DTSTART");
    }
    ICalDate startValue = v.getDateStart().getValue();
    boolean allDay = !startValue.hasTime();
    Wall start = wall(v.getDateStart(), startValue, zones, calendarZone);
    ZoneId zone = start.zone();
    LocalDateTime end;
    if (v.getDateEnd() != null && v.getDateEnd().getValue() != null) {
      Wall e = wall(v.getDateEnd(), v.getDateEnd().getValue(), zones, zone);
      end = e.zone().equals(zone) ? e.local() : ZonedDateTime.ofInstant(e.instant(), zone).toLocalDateTime();
    } else if (v.getDuration() != null && v.getDuration().getValue() != null) {
      Duration d = Duration.ofMillis(v.getDuration().getValue().toMillis());
      end = allDay ? start.local().plusDays(Math.max(1, d.toDays()))
          : ZonedDateTime.ofInstant(start.instant().plus(d), zone).toLocalDateTime();
    } else {
      end = allDay ? start.local().plusDays(1) : start.local();
    }
    List<LocalDateTime> exdates = new ArrayList<>();
    for (ExceptionDates ex : v.getExceptionDates()) {
      for (ICalDate d : ex.getValues()) {
        exdates.add(in(wall(ex, d, zones, zone), zone));
      }
    }
    LocalDateTime recurrenceId = null;
    if (master != null) {
      recurrenceId = in(wall(v.getRecurrenceId(), v.getRecurrenceId().getValue(), zones, master.zone()), master.zone());
    }
    String status = v.getStatus() == null ? null : v.getStatus().getValue();
    String transp = v.getTransparency() == null ? null : v.getTransparency().getValue();
    return new Component(start.local(), end, allDay, zone, text(v.getSummary()), text(v.getDescription()), text(v.getLocation()),
        "TRANSPARENT".equalsIgnoreCase(transp) ? Transparency.TRANSPARENT : Transparency.OPAQUE,
        "CANCELLED".equalsIgnoreCase(status), rrule, exdates, recurrenceId);
  }

  /** A written time: its wall time in {@code zone}, and the instant. */
  private record Wall(LocalDateTime local, ZoneId zone, Instant instant) {}

  private static Wall wall(ICalProperty property, ICalDate value, TimezoneInfo zones, ZoneId fallback) throws Unreadable {
    if (value == null) {
      throw new Unreadable("valid-calendar-data", property.getClass().getSimpleName() + " has no value");
    }
    DateTimeComponents raw = value.getRawComponents();
    if (raw == null) {
      raw = new DateTimeComponents(value);
    }
    LocalDateTime written = LocalDateTime.of(raw.getYear(), raw.getMonth(), raw.getDate(), raw.getHour(), raw.getMinute(), raw.getSecond());
    if (!value.hasTime()) {
      return new Wall(written, fallback, written.atZone(fallback).toInstant());
    }
    if (raw.isUtc()) {
      Instant at = written.toInstant(java.time.ZoneOffset.UTC);
      return new Wall(ZonedDateTime.ofInstant(at, fallback).toLocalDateTime(), fallback, at);
    }
    Optional<ZoneId> named = tzid(property, zones);
    if (named.isPresent()) {
      return new Wall(written, named.get(), ZonedDateTime.ofLocal(written, named.get(), null).toInstant());
    }
    boolean floating = zones.isFloating(property);
    if (floating) {
      return new Wall(written, fallback, ZonedDateTime.ofLocal(written, fallback, null).toInstant());
    }
    // a zone Java does not know by name: biweekly read the instant with the object's VTIMEZONE
    Instant at = value.toInstant();
    return new Wall(ZonedDateTime.ofInstant(at, fallback).toLocalDateTime(), fallback, at);
  }

  private static LocalDateTime in(Wall w, ZoneId zone) {
    return w.zone().equals(zone) ? w.local() : ZonedDateTime.ofInstant(w.instant(), zone).toLocalDateTime();
  }

  private static Optional<ZoneId> tzid(ICalProperty property, TimezoneInfo zones) {
    TimezoneAssignment assigned = zones.getTimezone(property);
    String id = null;
    if (assigned != null) {
      id = assigned.getGlobalId() != null ? assigned.getGlobalId()
          : assigned.getComponent() != null && assigned.getComponent().getTimezoneId() != null
              ? assigned.getComponent().getTimezoneId().getValue() : null;
    }
    if (id == null && property.getParameters().getTimezoneId() != null) {
      id = property.getParameters().getTimezoneId();
    }
    if (id == null) {
      return Optional.empty();
    }
    String name = id.startsWith("/") ? id.substring(id.indexOf('/', 1) < 0 ? 1 : id.lastIndexOf('/', id.lastIndexOf('/') - 1) + 1) : id;
    try {
      return Optional.of(ZoneId.of(name));
    } catch (java.time.DateTimeException e) {
      try {
        return Optional.of(ZoneId.of(id));
      } catch (java.time.DateTimeException again) {
        return Optional.empty();
      }
    }
  }

  private static String text(biweekly.property.TextProperty p) {
    return p == null || p.getValue() == null || p.getValue().isBlank() ? null : p.getValue();
  }

  /**
   * The RRULE values of the VEVENTs as written (unfolded; a VTIMEZONE's observances have rules of
   * their own, not counted), so the rule reaches the engine exactly as the client wrote it.
   */
  static List<String> rrules(String text) {
    String unfolded = text.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "");
    List<String> out = new ArrayList<>();
    int depth = 0;
    boolean inEvent = false;
    for (String line : unfolded.split("\r?\n")) {
      if (line.regionMatches(true, 0, "BEGIN:", 0, 6)) {
        depth++;
        if (depth == 2 && line.substring(6).trim().equalsIgnoreCase("VEVENT")) {
          inEvent = true;
        }
      } else if (line.regionMatches(true, 0, "END:", 0, 4)) {
        if (depth == 2) {
          inEvent = false;
        }
        depth--;
      } else if (inEvent && depth == 2 && (line.regionMatches(true, 0, "RRULE:", 0, 6) || line.regionMatches(true, 0, "RRULE;", 0, 6))) {
        out.add(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return out;
  }
}
