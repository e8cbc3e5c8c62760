package dev.horae.resource;

import dev.horae.availability.Hours;
import dev.horae.event.CancellingEvent;
import dev.horae.event.CreatingEvent;
import dev.horae.event.EventChanges;
import dev.horae.event.EventEnums.EventType;
import dev.horae.event.EventEnums.Transparency;
import dev.horae.schedule.CreatingSchedule;
import dev.horae.schedule.ScheduleChanges;
import dev.horae.shared.Change;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Working hours are Calendar V3 WORKING_HOURS events, as in Wix Bookings: a resource's hours are the
 * occurrences of the WORKING_HOURS events of its working-hours schedule, read as wall times in the
 * resource's own zone (09:00 stays 09:00 across DST, and a business's 09:00 is each resource's local
 * 09:00).
 *
 * <ul>
 *   <li>The tenant's <em>business schedule</em> ({@code externalId} {@value #BUSINESS_EXTERNAL_ID})
 *       is claimed once per tenant, under a database lock, with the default hours: one weekly
 *       master per weekday, Monday to Friday 09:00–17:00. Its hours are edited like any events:
 *       update, add or cancel its masters; cancel one occurrence to close a day.
 *   <li>A resource with no hours of its own follows it. OnSched's {@code availability} written to a
 *       resource becomes its own hours: one weekly master per open day in the resource's own
 *       schedule, replacing the masters there. Resources V2 may assign any active schedule.
 * </ul>
 */
@Component
class WorkingHours {
  static final String BUSINESS_EXTERNAL_ID = "4e0579a5-491e-4e70-a872-d097eed6e520";
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final DayOfWeek[] BY_DAY_INDEX = {DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
      DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY};
  private final WorkingHoursRepository repository;
  private final CreatingSchedule schedules;
  private final CreatingEvent creating;
  private final CancellingEvent cancelling;
  private final Clock clock;

  WorkingHours(WorkingHoursRepository repository, CreatingSchedule schedules, CreatingEvent creating, CancellingEvent cancelling, Clock clock) {
    this.repository = repository;
    this.schedules = schedules;
    this.creating = creating;
    this.cancelling = cancelling;
    this.clock = clock;
  }

  /** The tenant's business schedule, claimed with the default hours if it has none yet; in the caller's transaction. */
  UUID business(TenantId tenant) {
    UUID found = repository.business(tenant).orElse(null);
    if (found != null) {
      return found;
    }
    repository.lockBusiness(tenant);
    found = repository.business(tenant).orElse(null); // another node may have claimed it while this one waited
    if (found != null) {
      return found;
    }
    ZoneId utc = ZoneId.of("UTC");
    UUID schedule = schedules.create(tenant, new ScheduleChanges(Change.to(BUSINESS_EXTERNAL_ID), Change.to("Business working hours"),
        Change.to(utc.getId()), Change.absent(), Change.absent(), Change.absent(), Change.absent(), Change.absent(), Change.absent(),
        Change.absent(), Change.absent())).id();
    repository.claimBusiness(tenant, schedule);
    write(tenant, schedule, utc, WeeklyHours.complete(Resource.defaultAvailability()));
    return schedule;
  }

  /** The tenant's business schedule, null when it has none yet (a read: nothing is claimed). */
  UUID businessIfAny(TenantId tenant) {
    return repository.business(tenant).orElse(null);
  }

  /** Whether {@code schedule} may hold a resource's working hours: an active schedule of the tenant. */
  boolean assignable(TenantId tenant, UUID schedule) {
    return repository.activeSchedule(tenant, schedule);
  }

  /**
   * Makes OnSched's weekly hours the resource's own: the live WORKING_HOURS masters of its own
   * schedule are cancelled and one weekly master per open day is created there, starting on that
   * weekday's next date (today included) in the resource's zone. Nothing is written when the
   * resource already has exactly these hours of its own (a retried request changes nothing).
   */
  void own(TenantId tenant, Resource before, Resource after, Map<String, Map<String, Integer>> weekly) {
    Map<String, Map<String, Integer>> complete = WeeklyHours.complete(weekly);
    boolean alreadyOwn = before != null && !before.workingHours().pending() && before.scheduleId().equals(before.workingHours().assigned());
    if (alreadyOwn && complete.equals(before.availability())) {
      return;
    }
    for (Map.Entry<String, Long> master : repository.masters(tenant, after.scheduleId())) {
      cancelling.cancel(tenant, master.getKey(), master.getValue());
    }
    write(tenant, after.scheduleId(), after.timeZone(), complete);
  }

  private void write(TenantId tenant, UUID schedule, ZoneId zone, Map<String, Map<String, Integer>> weekly) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    for (int i = 0; i < Resource.DAYS.size(); i++) {
      Map<String, Integer> day = weekly.get(Resource.DAYS.get(i));
      Hours.Day hours = new Hours.Day(day.get("startTime"), day.get("endTime"));
      if (hours.closed()) {
        continue;
      }
      DayOfWeek weekday = BY_DAY_INDEX[i];
      LocalDate first = today.with(TemporalAdjusters.nextOrSame(weekday));
      LocalDateTime start = first.atTime(LocalTime.of(hours.start() / 100, hours.start() % 100));
      LocalDateTime end = hours.end() == 2400 ? first.plusDays(1).atStartOfDay() : first.atTime(LocalTime.of(hours.end() / 100, hours.end() % 100));
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("frequency", "WEEKLY");
      rule.put("interval", 1);
      rule.put("days", List.of(weekday.name()));
      creating.create(tenant, new EventChanges(Change.to(schedule.toString()), Change.to(EventType.WORKING_HOURS), Change.to("Working hours"),
          Change.to(zone.getId()), Change.to(LOCAL.format(start)), Change.to(LOCAL.format(end)), Change.to(false), Change.to(Transparency.OPAQUE),
          Change.absent(), Change.absent(), Change.absent(), Change.absent(), Change.absent(), Change.absent(), Change.absent(), Change.to(rule)));
    }
  }

  /**
   * Each resource's hours for availability over the local dates {@code from}–{@code to} (with a day
   * either side, for zones apart): the openings of its working-hours schedule (the default hours
   * while the tenant has no business schedule; its old weekly hours while pending), with its date
   * overrides on top.
   */
  Map<UUID, Hours> of(TenantId tenant, List<Resource> resources, LocalDate from, LocalDate to) {
    Set<UUID> schedules = new HashSet<>();
    for (Resource r : resources) {
      if (!r.workingHours().pending() && r.workingHours().effective() != null) {
        schedules.add(r.workingHours().effective());
      }
    }
    Map<UUID, List<Hours.Open>> openings = repository.openings(tenant, schedules, from.minusDays(2).atStartOfDay(), to.plusDays(3).atStartOfDay());
    Map<UUID, Hours> out = new HashMap<>();
    for (Resource r : resources) {
      Resource.HoursSchedule h = r.workingHours();
      if (h.pending()) {
        out.put(r.id(), r.weeklyHours());
      } else if (h.effective() == null) {
        out.put(r.id(), r.withHours(null, null, Resource.defaultAvailability()).weeklyHours());
      } else {
        out.put(r.id(), Hours.dated(openings.getOrDefault(h.effective(), new ArrayList<>()), r.overrides()));
      }
    }
    return out;
  }
}
