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
import java.time.ZoneId;
import java.time.ZoneOffset;
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
 * Feeds the availability engine from the database: for all the resources at once, one query each
 * for their working hours (the WORKING_HOURS occurrences of their working-hours schedules), their live appointments and unexpired holds by place, the busy events of their schedules
 * (opaque, not cancelled; the events Horae made for appointments are left out, their appointments
 * count instead), and the busy time their external calendars imported (as {@code
 * calendarAvailability} says, from authorized connections only). Blocks come back as one row per
 * resource holding arrays of epoch seconds: reading 20,000 rows one by one cost more than the
 * query. (Running the two big reads side by side on two connections was measured too: no gain on
 * two cores, so it is not done.)
 */
@Component
class Availabilities {
  private final JdbcClient jdbc;
  private final ExternalCalendars calendars;
  private final WorkingHours workingHours;
  /** A resource's days in one value: per day its number since 1970-01-01, the length of its packed blocks, the blocks. */
  private static final String DAYS = "string_agg(int4send(b.day - date '1970-01-01') || int4send(length(b.busy)) || b.busy, ''::bytea order by b.day)";

  Availabilities(JdbcClient jdbc, ExternalCalendars calendars, WorkingHours workingHours) {
    this.workingHours = workingHours;
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
    Map<UUID, List<Block>> blocks = new HashMap<>(); // by resource id
    Map<UUID, Resource> bySchedule = new HashMap<>();
    for (Resource r : resources) {
      blocks.put(r.id(), new ArrayList<>());
      bySchedule.put(r.scheduleId(), r);
    }
    List<Resource> order = List.copyOf(resources); // reads name a resource by its position here
    appointments(tenant, order, loadFrom, loadTo, now, explain, blocks);
    events(tenant, order, loadFrom, loadTo, explain, blocks);
    List<ExternalCalendars.Source> sources = calendars.sources(tenant, List.copyOf(bySchedule.keySet()));
    Map<UUID, Boolean> counted = new HashMap<>();
    Set<UUID> connections = new HashSet<>();
    for (Resource r : resources) {
      counted.put(r.id(), false);
    }
    for (ExternalCalendars.Source s : sources) {
      Resource r = bySchedule.get(s.scheduleId());
      if (counts(r.calendarAvailability(), s)) {
        connections.add(s.connectionId());
        counted.put(r.id(), true);
      }
    }
    for (ExternalCalendars.Busy b : calendars.busy(tenant, connections, loadFrom, loadTo)) {
      blocks.get(bySchedule.get(b.scheduleId()).id()).add(new Block(b.start(), b.end(), Block.Kind.EXTERNAL, String.valueOf(b.id()), 0, b.calendarName()));
    }
    Map<UUID, dev.horae.availability.Hours> hours = workingHours.of(tenant, order, from, to);
    long loaded = System.nanoTime();
    List<ResourceCalendar> calendarsIn = resources.stream()
        .map(r -> new ResourceCalendar(r.id().toString(), r.timeZone(), hours.get(r.id()), blocks.get(r.id()))).toList();
    Availability.Result result = Availability.compute(calendarsIn, service.rules(), new Availability.Query(from, to, zone, now, require, explain));
    return new Answer(result, sources, counted, loaded - started, System.nanoTime() - loaded);
  }

  /**
   * Adds the resources' live appointments and unexpired holds to {@code out} (by resource id): from the packed days of
   * {@code appointment_busy_day} (expired holds dropped here), or, to explain, from the appointments
   * with their ids. An appointment spanning days is listed on each (harmless for overlap).
   */
  private void appointments(TenantId tenant, List<Resource> order, Instant from, Instant to, Instant now, boolean explain,
      Map<UUID, List<Block>> out) {
    UUID[] ids = order.stream().map(Resource::id).toArray(UUID[]::new);
    if (!explain) {
      long nowSeconds = now.getEpochSecond();
      readDays("appointment_busy_day", "resource_id", ids, order, tenant, from, to, 16, out, (midnight, packed, into) -> {
        long start = midnight + packed.getInt();
        long stop = midnight + packed.getInt();
        int place = packed.getInt();
        int expires = packed.getInt();
        boolean hold = expires != Integer.MIN_VALUE;
        if (!hold || midnight + expires > nowSeconds) {
          into.add(new Block(start, stop, Block.Kind.APPOINTMENT, null, place, hold ? "hold" : "appointment"));
        }
      });
      return;
    }
    jdbc.sql("select r.n, array_agg(extract(epoch from lower(a.block))::bigint), array_agg(extract(epoch from upper(a.block))::bigint),"
            + " array_agg(a.place), array_agg(a.status = 'IN'), array_agg(a.id::text)"
            + " from unnest(?::uuid[]) with ordinality r(id, n) join appointment a"
            + " on a.tenant_id = ? and a.resource_id = r.id and a.block && tstzrange(?, ?, '[)')"
            + " where a.status in ('RS', 'BK') or (a.status = 'IN' and a.expires_at > ?) group by r.n")
        .params(ids, tenant.value(), Instants.utc(from), Instants.utc(to), Instants.utc(now))
        .query((rs, n) -> {
          List<Block> into = out.get(order.get(rs.getInt(1) - 1).id());
          Long[] starts = (Long[]) rs.getArray(2).getArray();
          Long[] ends = (Long[]) rs.getArray(3).getArray();
          Integer[] places = (Integer[]) rs.getArray(4).getArray();
          Boolean[] held = (Boolean[]) rs.getArray(5).getArray();
          String[] appointmentIds = (String[]) rs.getArray(6).getArray();
          for (int i = 0; i < starts.length; i++) {
            into.add(new Block(Instant.ofEpochSecond(starts[i]), Instant.ofEpochSecond(ends[i]), Block.Kind.APPOINTMENT, appointmentIds[i],
                places[i], held[i] ? "hold" : "appointment"));
          }
          return starts.length;
        })
        .list();
  }

  /**
   * Adds the busy events of the resources' schedules, and the events of any schedule that name a
   * resource OPAQUE, to {@code out} (by resource id); an APPOINTMENT event Horae made for an
   * appointment is left out (the appointment counts, on its own place). Without explanations they
   * come from the packed days of {@code resource_busy_day} (an event spanning days is listed on
   * each: harmless for overlap); explanations need ids and titles, so they read the events.
   */
  private void events(TenantId tenant, List<Resource> order, Instant from, Instant to, boolean explain, Map<UUID, List<Block>> out) {
    UUID[] schedules = order.stream().map(Resource::scheduleId).toArray(UUID[]::new);
    if (!explain) {
      readDays("resource_busy_day", "schedule_id", schedules, order, tenant, from, to, 8, out, (midnight, packed, into) -> {
        long start = midnight + packed.getInt();
        into.add(new Block(start, midnight + packed.getInt(), Block.Kind.EVENT, null, 0, null));
      });
      return;
    }
    // the schedule's own busy events, and the events of other schedules that name the resource (resource_event_block, V19)
    jdbc.sql("select s.n, array_agg(extract(epoch from b.start_utc)::bigint), array_agg(extract(epoch from b.end_utc)::bigint),"
            + " array_agg(b.id), array_agg(b.title) from unnest(?::uuid[]) with ordinality s(id, n) join lateral ("
            + " select e.id, e.title, e.start_utc, e.end_utc from event e"
            + " where e.tenant_id = ? and e.schedule_id = s.id and tstzrange(e.start_utc, e.end_utc, '[)') && tstzrange(?, ?, '[)')"
            + " and e.status <> 'CANCELLED' and e.transparency = 'OPAQUE' and e.recurrence_type <> 'MASTER' and e.type <> 'WORKING_HOURS'"
            + " and (e.extended_fields ->> 'appointmentId') is null"
            + " union select e.id, e.title, e.start_utc, e.end_utc from resource_event_block k join event e on e.tenant_id = k.tenant_id and e.id = k.event_id"
            + " where k.tenant_id = ? and k.schedule_id = s.id and tstzrange(k.start_utc, k.end_utc, '[)') && tstzrange(?, ?, '[)')"
            + ") b on true group by s.n")
        .params(schedules, tenant.value(), Instants.utc(from), Instants.utc(to), tenant.value(), Instants.utc(from), Instants.utc(to))
        .query((rs, n) -> {
          List<Block> into = out.get(order.get(rs.getInt(1) - 1).id());
          Long[] starts = (Long[]) rs.getArray(2).getArray();
          Long[] ends = (Long[]) rs.getArray(3).getArray();
          String[] ids = (String[]) rs.getArray(4).getArray();
          String[] titles = (String[]) rs.getArray(5).getArray();
          for (int i = 0; i < starts.length; i++) {
            into.add(new Block(Instant.ofEpochSecond(starts[i]), Instant.ofEpochSecond(ends[i]), Block.Kind.EVENT, ids[i], 0, titles[i]));
          }
          return starts.length;
        })
        .list();
  }

  /** Reads one entry of a packed day into blocks; {@code midnight} is the day's UTC midnight in epoch seconds. */
  private interface DayEntry {
    void read(long midnight, java.nio.ByteBuffer packed, List<Block> into);
  }

  /**
   * Reads a busy-day table ({@code table}, keyed by {@code key}, entries of {@code width} bytes):
   * one value per resource, its days concatenated in SQL, each day as its number, its length, its entries.
   */
  private void readDays(String table, String key, UUID[] keys, List<Resource> order, TenantId tenant, Instant from, Instant to, int width,
      Map<UUID, List<Block>> out, DayEntry entry) {
    jdbc.sql("select k.n, " + DAYS + " from unnest(?::uuid[]) with ordinality k(id, n) join " + table + " b"
            + " on b.tenant_id = ? and b." + key + " = k.id and b.day between ? and ? group by k.n")
        .params(keys, tenant.value(), LocalDate.ofInstant(from, ZoneOffset.UTC), LocalDate.ofInstant(to, ZoneOffset.UTC))
        .query((rs, n) -> {
          List<Block> into = out.get(order.get(rs.getInt(1) - 1).id());
          java.nio.ByteBuffer packed = java.nio.ByteBuffer.wrap(rs.getBytes(2));
          while (packed.remaining() >= 8) {
            long midnight = packed.getInt() * 86_400L;
            int end = packed.position() + 4 + packed.getInt(packed.position());
            packed.getInt();
            while (packed.position() + width <= end) {
              entry.read(midnight, packed, into);
            }
          }
          return 0;
        })
        .list();
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
