package dev.horae.resource;

import dev.horae.availability.Hours;
import dev.horae.shared.TenantId;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reads and claims of working hours: business schedules, WORKING_HOURS occurrences, pending resources. */
@Repository
class WorkingHoursRepository {
  private final JdbcClient jdbc;

  WorkingHoursRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<UUID> business(TenantId tenant) {
    return jdbc.sql("select schedule_id from business_schedule where tenant_id = ?").param(tenant.value()).query(UUID.class).optional();
  }

  /** Waits for, then holds until commit, the tenant's right to claim its business schedule (one claim across nodes). */
  void lockBusiness(TenantId tenant) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended('business_schedule:' || ?, 0))").param(tenant.value().toString())
        .query((rs, n) -> 0).single();
  }

  void claimBusiness(TenantId tenant, UUID schedule) {
    jdbc.sql("insert into business_schedule (tenant_id, schedule_id) values (?, ?)").params(tenant.value(), schedule).update();
  }

  /** Whether {@code schedule} is an ACTIVE schedule of the tenant. */
  boolean activeSchedule(TenantId tenant, UUID schedule) {
    return jdbc.sql("select count(*) from schedule where tenant_id = ? and id = ? and status = 'ACTIVE'").params(tenant.value(), schedule)
        .query(Integer.class).single() > 0;
  }

  /** The live WORKING_HOURS masters of a schedule: id and revision. */
  List<Map.Entry<String, Long>> masters(TenantId tenant, UUID schedule) {
    return jdbc.sql("select id, revision from event where tenant_id = ? and schedule_id = ? and type = 'WORKING_HOURS' and recurrence_type = 'MASTER'"
            + " and status <> 'CANCELLED' order by start_local, id")
        .params(tenant.value(), schedule).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list();
  }

  /**
   * The wall-time openings of the schedules' live WORKING_HOURS occurrences (single events,
   * instances, exceptions) that overlap {@code [from, to)}, by schedule.
   */
  Map<UUID, List<Hours.Open>> openings(TenantId tenant, Collection<UUID> schedules, LocalDateTime from, LocalDateTime to) {
    Map<UUID, List<Hours.Open>> out = new HashMap<>();
    if (schedules.isEmpty()) {
      return out;
    }
    // one row per schedule holding arrays (wall times as seconds since 1970-01-01T00:00): cheaper than a row per opening
    jdbc.sql("select schedule_id, array_agg(extract(epoch from start_local)::bigint), array_agg(extract(epoch from end_local)::bigint)"
            + " from event where tenant_id = ? and schedule_id = any(?) and type = 'WORKING_HOURS' and recurrence_type <> 'MASTER'"
            + " and status <> 'CANCELLED' and tsrange(start_local, end_local, '[)') && tsrange(?, ?, '[)') group by schedule_id")
        .params(tenant.value(), schedules.toArray(UUID[]::new), from, to)
        .query((rs, n) -> {
          Long[] starts = (Long[]) rs.getArray(2).getArray();
          Long[] ends = (Long[]) rs.getArray(3).getArray();
          List<Hours.Open> list = new ArrayList<>(starts.length);
          for (int i = 0; i < starts.length; i++) {
            list.add(new Hours.Open(LocalDateTime.ofEpochSecond(starts[i], 0, ZoneOffset.UTC), LocalDateTime.ofEpochSecond(ends[i], 0, ZoneOffset.UTC)));
          }
          out.put(rs.getObject(1, UUID.class), list);
          return list.size();
        })
        .list();
    return out;
  }

  /** Up to {@code limit} resources whose hours are still pending, locked (others' locked rows skipped): the backfill's batch. */
  List<Map.Entry<TenantId, UUID>> pending(int limit) {
    return jdbc.sql("select tenant_id, id from resource where hours_pending order by tenant_id, id limit ? for update skip locked").param(limit)
        .query((rs, n) -> Map.entry(new TenantId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class))).list();
  }
}
