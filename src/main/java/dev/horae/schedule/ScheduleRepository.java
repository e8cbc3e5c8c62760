package dev.horae.schedule;

import dev.horae.shared.TenantId;
import dev.horae.storage.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Schedules in PostgreSQL; every statement is scoped by tenant. */
@Repository
class ScheduleRepository {
  private static final TypeReference<List<Permission>> PERMISSIONS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  static final String COLUMNS =
      "id, external_id, name, status, time_zone, business_time_zone_enabled, default_title,"
          + " default_location, default_capacity, default_conferencing, app_id, permissions,"
          + " extended_fields, revision, created_at, updated_at";

  private final JdbcClient jdbc;
  private final JsonColumns json;

  ScheduleRepository(JdbcClient jdbc, JsonColumns json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(TenantId tenant, Schedule s) {
    jdbc.sql(
            "insert into schedule (tenant_id, "
                + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?, ?, ?)")
        .params(params(tenant, s))
        .update();
  }

  /** Writes {@code s} if the stored revision is still {@code expectedRevision}; false otherwise. */
  boolean update(TenantId tenant, Schedule s, long expectedRevision) {
    List<Object> p = params(tenant, s);
    Object[] values = p.subList(2, p.size()).toArray();
    int n =
        jdbc.sql(
                "update schedule set external_id = ?, name = ?, status = ?, time_zone = ?,"
                    + " business_time_zone_enabled = ?, default_title = ?, default_location = ?::jsonb,"
                    + " default_capacity = ?, default_conferencing = ?::jsonb, app_id = ?,"
                    + " permissions = ?::jsonb, extended_fields = ?::jsonb, revision = ?, created_at = ?,"
                    + " updated_at = ? where tenant_id = ? and id = ? and revision = ?")
            .params(concat(values, tenant.value(), s.id(), expectedRevision))
            .update();
    return n == 1;
  }

  Optional<Schedule> find(TenantId tenant, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from schedule where tenant_id = ? and id = ?")
        .params(tenant.value(), id)
        .query(this::map)
        .optional();
  }

  /** Locks the row for the rest of the transaction, so a concurrent change waits. */
  Optional<Schedule> findForUpdate(TenantId tenant, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from schedule where tenant_id = ? and id = ? for update")
        .params(tenant.value(), id)
        .query(this::map)
        .optional();
  }

  /** Holds a share lock until the transaction ends, so the schedule can't be cancelled meanwhile. */
  Optional<Schedule> findForShare(TenantId tenant, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from schedule where tenant_id = ? and id = ? for share")
        .params(tenant.value(), id)
        .query(this::map)
        .optional();
  }

  List<Schedule> query(String where, List<Object> params, int limit) {
    return jdbc.sql("select " + COLUMNS + " from schedule where " + where + " order by id limit " + limit)
        .params(params)
        .query(this::map)
        .list();
  }

  private List<Object> params(TenantId tenant, Schedule s) {
    return java.util.Arrays.asList(
        tenant.value(),
        s.id(),
        s.externalId(),
        s.name(),
        s.status().name(),
        s.timeZone().getId(),
        s.businessTimeZoneEnabled(),
        s.defaultTitle(),
        json.write(s.defaultLocation()),
        s.defaultCapacity(),
        json.write(s.defaultConferencingDetails()),
        s.appId(),
        json.write(s.permissions()),
        json.write(s.extendedFields()),
        s.revision(),
        Timestamp.from(s.createdDate()),
        Timestamp.from(s.updatedDate()));
  }

  private static Object[] concat(Object[] head, Object... tail) {
    Object[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  private Schedule map(ResultSet rs, int row) throws SQLException {
    return new Schedule(
        rs.getObject("id", UUID.class),
        rs.getString("external_id"),
        rs.getString("name"),
        ScheduleStatus.valueOf(rs.getString("status")),
        ZoneId.of(rs.getString("time_zone")),
        rs.getBoolean("business_time_zone_enabled"),
        rs.getString("default_title"),
        json.read(rs.getString("default_location"), Location.class),
        (Integer) rs.getObject("default_capacity"),
        json.read(rs.getString("default_conferencing"), ConferencingDetails.class),
        rs.getString("app_id"),
        json.read(rs.getString("permissions"), PERMISSIONS),
        json.read(rs.getString("extended_fields"), MAP),
        rs.getLong("revision"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
