package dev.horae.resource;

import dev.horae.availability.Hours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A bookable person, place or thing. Its internal busy time is its own Calendar V3 schedule; its
 * external calendar is a connection of that schedule. {@code availability} is OnSched's weekly
 * hours ({@code sun..sat: {startTime, endTime}}, HHmm in {@code timeZone}); {@code dateOverrides}
 * (Horae's) replace a weekday's hours on a date. {@code availability} is the weekly view of its
 * working hours (see {@link HoursSchedule}); null when read for availability, which needs none.
 */
record Resource(UUID id, UUID scheduleId, String name, String email, String description, ZoneId timeZone,
    Map<String, Map<String, Integer>> availability, List<Map<String, Object>> dateOverrides, Map<String, Object> options, List<UUID> serviceIds,
    Wix wix, HoursSchedule workingHours, long revision, Instant deletedAt, Instant created, Instant updated) {

  /**
   * Where the resource's working hours come from: the WORKING_HOURS events of a schedule. {@code
   * assigned} is the schedule given to it (its own once it has hours of its own; null: the tenant's
   * business schedule); {@code effective} is the one read (null while the tenant has no business
   * schedule yet); {@code pending}: a resource from before working-hours schedules whose weekly
   * {@code availability} the backfill has not yet written as events (until then, that is its hours).
   */
  record HoursSchedule(UUID assigned, UUID effective, boolean pending) {
    static final HoursSchedule BUSINESS = new HoursSchedule(null, null, false);

    /** Whether the hours are shared (not the resource's own schedule's). */
    boolean shared(UUID ownSchedule) {
      return effective == null || !effective.equals(ownSchedule);
    }
  }

  /**
   * What Bookings Resources V2 adds: the resource type (set once), the owning app, where the
   * resource is available ({@code locationOptions}), custom data ({@code extendedFields}).
   */
  record Wix(String typeId, String appId, Map<String, Object> locationOptions, Map<String, Object> extendedFields) {
    static final Wix NONE = new Wix(null, null, null, null);
  }

  /** The same resource deleted (or recovered: null) at {@code when}, a revision later. */
  Resource deleted(Instant at, Instant when) {
    return new Resource(id, scheduleId, name, email, description, timeZone, availability, dateOverrides, options, serviceIds, wix, workingHours, revision + 1,
        at, created, when);
  }

  Resource withOptions(Map<String, Object> changed, Instant when) {
    return new Resource(id, scheduleId, name, email, description, timeZone, availability, dateOverrides, changed, serviceIds, wix, workingHours, revision + 1,
        deletedAt, created, when);
  }

  Resource inSchedule(UUID schedule) {
    return new Resource(id, schedule, name, email, description, timeZone, availability, dateOverrides, options, serviceIds, wix, workingHours, revision,
        deletedAt, created, updated);
  }

  static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  /** 0 = Horae's calendar only, 1 = plus Google, 2 = plus Outlook, 3 (Horae's) = plus every connected calendar. */
  int calendarAvailability() {
    return options.get("calendarAvailability") instanceof Number n ? n.intValue() : 0;
  }

  String googleCalendarId() {
    return (String) options.get("googleCalendarId");
  }

  String outlookCalendarId() {
    return (String) options.get("outlookCalendarId");
  }

  boolean offers(UUID serviceId) {
    return serviceIds.isEmpty() || serviceIds.contains(serviceId);
  }

  /** With its hours from {@code assigned} (null: the business schedule, {@code effective}), no longer pending, showing {@code view}. */
  Resource withHours(UUID assigned, UUID effective, Map<String, Map<String, Integer>> view) {
    return new Resource(id, scheduleId, name, email, description, timeZone, view, dateOverrides, options, serviceIds, wix,
        new HoursSchedule(assigned, effective, false), revision, deletedAt, created, updated);
  }

  /** The weekly pattern of {@code availability} with the date overrides: the hours of a pending resource. */
  Hours weeklyHours() {
    Map<DayOfWeek, Hours.Day> weekly = new EnumMap<>(DayOfWeek.class);
    for (int i = 0; i < DAYS.size(); i++) {
      Map<String, Integer> day = availability.get(DAYS.get(i));
      if (day != null) {
        weekly.put(i == 0 ? DayOfWeek.SUNDAY : DayOfWeek.of(i), new Hours.Day(day.getOrDefault("startTime", 0), day.getOrDefault("endTime", 0)));
      }
    }
    return new Hours(weekly, overrides());
  }

  /** Horae's date overrides: each replaces the working hours of its date (in the resource's zone). */
  Map<LocalDate, Hours.Day> overrides() {
    Map<LocalDate, Hours.Day> overrides = new HashMap<>();
    for (Map<String, Object> o : dateOverrides) {
      overrides.put(LocalDate.parse((String) o.get("date")), new Hours.Day(((Number) o.get("startTime")).intValue(), ((Number) o.get("endTime")).intValue()));
    }
    return overrides;
  }

  /** OnSched's default for a new resource: business hours, Monday to Friday 09:00–17:00. */
  static Map<String, Map<String, Integer>> defaultAvailability() {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (String d : DAYS) {
      boolean weekday = !d.equals("sun") && !d.equals("sat");
      out.put(d, Map.of("startTime", weekday ? 900 : 0, "endTime", weekday ? 1700 : 0));
    }
    return out;
  }
}
