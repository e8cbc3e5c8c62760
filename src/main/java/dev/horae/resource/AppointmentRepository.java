package dev.horae.resource;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.storage.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

@Repository
class AppointmentRepository {
  private static final TypeReference<List<Map<String, Object>>> AUDIT = new TypeReference<>() {};
  private final JdbcClient jdbc;
  private final JsonColumns json;

  AppointmentRepository(JdbcClient jdbc, JsonColumns json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Inserts; the exclusion constraint refuses a live appointment on a place that is taken at an overlapping time (SQLState 23P01). */
  void insert(TenantId tenant, Appointment a, Instant blockStart, Instant blockEnd) {
    jdbc.sql("insert into appointment (tenant_id, id, resource_id, service_id, status, start_utc, end_utc, block, place, expires_at, time_zone,"
            + " name, email, phone, notes, customer_message, event_id, rescheduled_id, audit, created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, tstzrange(?, ?, '[)'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)")
        .params(tenant.value(), a.id(), a.resourceId(), a.serviceId(), a.status().name(), Instants.utc(a.start()), Instants.utc(a.end()),
            Instants.utc(blockStart), Instants.utc(blockEnd), a.place(), Instants.utc(a.expiresAt()), a.timeZone(), a.name(), a.email(), a.phone(),
            a.notes(), a.customerMessage(), a.eventId(), a.rescheduledId(), json.write(a.audit()), Instants.utc(a.created()), Instants.utc(a.updated()))
        .update();
  }

  void update(TenantId tenant, Appointment a) {
    jdbc.sql("update appointment set status = ?, expires_at = ?, name = ?, email = ?, phone = ?, notes = ?, customer_message = ?, event_id = ?,"
            + " audit = cast(? as jsonb), updated_at = ? where tenant_id = ? and id = ?")
        .params(a.status().name(), Instants.utc(a.expiresAt()), a.name(), a.email(), a.phone(), a.notes(), a.customerMessage(), a.eventId(),
            json.write(a.audit()), Instants.utc(a.updated()), tenant.value(), a.id())
        .update();
  }

  /** Expired holds overlapping a block give their places back. */
  int dropExpiredHolds(TenantId tenant, UUID resource, Instant blockStart, Instant blockEnd, Instant now) {
    return jdbc.sql("delete from appointment where tenant_id = ? and resource_id = ? and status = 'IN' and expires_at <= ?"
            + " and block && tstzrange(?, ?, '[)')")
        .params(tenant.value(), resource, Instants.utc(now), Instants.utc(blockStart), Instants.utc(blockEnd)).update();
  }

  void delete(TenantId tenant, UUID id) {
    jdbc.sql("delete from appointment where tenant_id = ? and id = ?").params(tenant.value(), id).update();
  }

  Optional<Appointment> find(TenantId tenant, UUID id, boolean lock) {
    return jdbc.sql("select * from appointment where tenant_id = ? and id = ?" + (lock ? " for update" : "")).params(tenant.value(), id)
        .query(this::row).optional();
  }

  record Filter(UUID resourceId, UUID serviceId, AppointmentStatus status, Instant from, Instant to, String email) {}

  List<Appointment> list(TenantId tenant, Filter f, int offset, int limit) {
    List<Object> params = new ArrayList<>(List.of(tenant.value()));
    String where = where(f, params);
    params.add(offset);
    params.add(limit);
    return jdbc.sql("select * from appointment" + where + " order by start_utc, id offset ? limit ?").params(params).query(this::row).list();
  }

  int count(TenantId tenant, Filter f) {
    List<Object> params = new ArrayList<>(List.of(tenant.value()));
    return jdbc.sql("select count(*) from appointment" + where(f, params)).params(params).query(Integer.class).single();
  }

  private static String where(Filter f, List<Object> params) {
    StringBuilder w = new StringBuilder(" where tenant_id = ?");
    if (f.resourceId() != null) {
      w.append(" and resource_id = ?");
      params.add(f.resourceId());
    }
    if (f.serviceId() != null) {
      w.append(" and service_id = ?");
      params.add(f.serviceId());
    }
    if (f.status() != null) {
      w.append(" and status = ?");
      params.add(f.status().name());
    }
    if (f.from() != null) {
      w.append(" and start_utc >= ?");
      params.add(Instants.utc(f.from()));
    }
    if (f.to() != null) {
      w.append(" and start_utc < ?");
      params.add(Instants.utc(f.to()));
    }
    if (f.email() != null) {
      w.append(" and lower(email) = lower(?)");
      params.add(f.email());
    }
    return w.toString();
  }

  private Appointment row(ResultSet rs, int n) throws SQLException {
    OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
    return new Appointment(rs.getObject("id", UUID.class), rs.getObject("resource_id", UUID.class), rs.getObject("service_id", UUID.class),
        AppointmentStatus.valueOf(rs.getString("status")), rs.getObject("start_utc", OffsetDateTime.class).toInstant(), rs.getObject("end_utc", OffsetDateTime.class).toInstant(),
        rs.getInt("place"), expires == null ? null : expires.toInstant(), rs.getString("time_zone"), rs.getString("name"), rs.getString("email"),
        rs.getString("phone"), rs.getString("notes"), rs.getString("customer_message"), rs.getString("event_id"),
        rs.getObject("rescheduled_id", UUID.class), json.read(rs.getString("audit"), AUDIT), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
