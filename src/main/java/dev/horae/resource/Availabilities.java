package dev.horae.resource;

import dev.horae.availability.Availability;
import dev.horae.availability.Block;
import dev.horae.availability.ResourceCalendar;
import dev.horae.connection.ExternalCalendars;
import dev.horae.connection.Provider;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Feeds the availability engine from the database: for the resources, in one query each, the busy
 * events of their schedules (opaque, not cancelled; the events Horae made for appointments are left
 * out, their appointments count instead), the busy time their external calendars imported (as {@code
 * calendarAvailability} says, from authorized connections only), and their live appointments and
 * unexpired holds by place.
 */
@Component
class Availabilities {
  private final JdbcClient jdbc;
  private final ExternalCalendars calendars;

  Availabilities(JdbcClient jdbc, ExternalCalendars calendars) {
    this.jdbc = jdbc;
    this.calendars = calendars;
  }

  /** The result, the external sources consulted, and how long loading and computing took (nanoseconds). */
  record Answer(Availability.Result result, List<ExternalCalendars.Source> sources, Map<UUID, Boolean> externalCounted, long loadNanos,
      long computeNanos) {}

  Answer compute(TenantId tenant, Service service, List<Resource> resources, LocalDate from, LocalDate to, ZoneId zone, int require,
      boolean explain, Instant now) {
    long started = System.nanoTime();
    Duration margin = Duration.ofDays(1).plusMinutes(service.duration() + service.bufferBefore() + service.bufferAfter());
    Instant loadFrom = from.atStartOfDay(zone).toInstant().minus(margin);
    Instant loadTo = to.plusDays(1).atStartOfDay(zone).toInstant().plus(margin);
    Map<UUID, List<Block>> blocks = new HashMap<>();
    Map<UUID, UUID> bySchedule = new HashMap<>();
    for (Resource r : resources) {
      blocks.put(r.id(), new ArrayList<>());
      bySchedule.put(r.scheduleId(), r.id());
    }
    UUID[] schedules = bySchedule.keySet().toArray(UUID[]::new);
    jdbc.sql("select e.id, e.schedule_id, e.start_utc, e.end_utc, e.title from unnest(?::uuid[]) s(id) join event e"
            + " on e.tenant_id = ? and e.schedule_id = s.id and tstzrange(e.start_utc, e.end_utc, '[)') && tstzrange(?, ?, '[)')"
            + " where e.status <> 'CANCELLED' and e.transparency = 'OPAQUE' and e.recurrence_type <> 'MASTER' and e.type <> 'WORKING_HOURS'"
            + " and not exists (select 1 from appointment a where a.tenant_id = e.tenant_id and a.event_id = e.id)")
        .params(schedules, tenant.value(), Instants.utc(loadFrom), Instants.utc(loadTo))
        .query((rs, n) -> blocks.get(bySchedule.get(rs.getObject(2, UUID.class))).add(new Block(rs.getObject(3, OffsetDateTime.class).toInstant(),
            rs.getObject(4, OffsetDateTime.class).toInstant(), Block.Kind.EVENT, rs.getString(1), 0, rs.getString(5))))
        .list();
    List<ExternalCalendars.Source> sources = calendars.sources(tenant, List.of(schedules));
    Map<UUID, Boolean> counted = new HashMap<>();
    Set<UUID> connections = new HashSet<>();
    for (Resource r : resources) {
      counted.put(r.id(), false);
    }
    for (ExternalCalendars.Source s : sources) {
      Resource r = resources.stream().filter(x -> x.scheduleId().equals(s.scheduleId())).findFirst().orElseThrow();
      if (counts(r.calendarAvailability(), s)) {
        connections.add(s.connectionId());
        counted.put(r.id(), true);
      }
    }
    for (ExternalCalendars.Busy b : calendars.busy(tenant, connections, loadFrom, loadTo)) {
      blocks.get(bySchedule.get(b.scheduleId())).add(new Block(b.start(), b.end(), Block.Kind.EXTERNAL, String.valueOf(b.id()), 0, b.calendarName()));
    }
    jdbc.sql("select a.id, a.resource_id, lower(a.block), upper(a.block), a.place, a.status from unnest(?::uuid[]) r(id) join appointment a"
            + " on a.tenant_id = ? and a.resource_id = r.id and a.block && tstzrange(?, ?, '[)')"
            + " where a.status in ('RS', 'BK') or (a.status = 'IN' and a.expires_at > ?)")
        .params(blocks.keySet().toArray(UUID[]::new), tenant.value(), Instants.utc(loadFrom), Instants.utc(loadTo), Instants.utc(now))
        .query((rs, n) -> blocks.get(rs.getObject(2, UUID.class)).add(new Block(rs.getObject(3, OffsetDateTime.class).toInstant(),
            rs.getObject(4, OffsetDateTime.class).toInstant(), Block.Kind.APPOINTMENT, rs.getObject(1, UUID.class).toString(), rs.getInt(5),
            rs.getString(6).equals("IN") ? "hold" : "appointment")))
        .list();
    long loaded = System.nanoTime();
    List<ResourceCalendar> calendarsIn = resources.stream()
        .map(r -> new ResourceCalendar(r.id().toString(), r.timeZone(), r.hours(), blocks.get(r.id()))).toList();
    Availability.Result result = Availability.compute(calendarsIn, service.rules(), new Availability.Query(from, to, zone, now, require, explain));
    return new Answer(result, sources, counted, loaded - started, System.nanoTime() - loaded);
  }

  /** Whether a connection's busy time counts for a resource: 1 Google, 2 Outlook, 3 any provider; never an unauthorized one. */
  static boolean counts(int calendarAvailability, ExternalCalendars.Source s) {
    if (!s.authorized()) {
      return false;
    }
    return switch (calendarAvailability) {
      case 1 -> s.providerId().equals(Provider.GOOGLE);
      case 2 -> s.providerId().equals(Provider.MICROSOFT);
      case 3 -> true;
      default -> false;
    };
  }
}
