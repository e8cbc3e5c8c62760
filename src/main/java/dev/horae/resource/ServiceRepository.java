package dev.horae.resource;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ServiceRepository {
  private final JdbcClient jdbc;

  ServiceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void save(TenantId tenant, Service s) {
    jdbc.sql("insert into service (tenant_id, id, name, description, duration_min, interval_min, buffer_before_min, buffer_after_min,"
            + " minimum_notice_min, horizon_days, capacity, notify_customers, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (tenant_id, id) do update set name = excluded.name, description = excluded.description,"
            + " duration_min = excluded.duration_min, interval_min = excluded.interval_min, buffer_before_min = excluded.buffer_before_min,"
            + " buffer_after_min = excluded.buffer_after_min, minimum_notice_min = excluded.minimum_notice_min,"
            + " horizon_days = excluded.horizon_days, capacity = excluded.capacity, notify_customers = excluded.notify_customers,"
            + " updated_at = excluded.updated_at")
        .params(tenant.value(), s.id(), s.name(), s.description(), s.duration(), s.interval(), s.bufferBefore(), s.bufferAfter(),
            s.minimumNotice(), s.bookingHorizon(), s.bookingLimit(), s.notifyCustomers(), Instants.utc(s.created()), Instants.utc(s.updated()))
        .update();
  }

  Optional<Service> find(TenantId tenant, UUID id) {
    return jdbc.sql("select * from service where tenant_id = ? and id = ?").params(tenant.value(), id).query(this::row).optional();
  }

  /** The service, or a 404 naming it. */
  Service get(TenantId tenant, String id) {
    java.util.UUID uuid = dev.horae.shared.Uuids.parse(id).orElseThrow(() -> dev.horae.shared.Rejection.notFound("Service", id));
    return find(tenant, uuid).orElseThrow(() -> dev.horae.shared.Rejection.notFound("Service", id));
  }

  List<Service> list(TenantId tenant, int offset, int limit) {
    return jdbc.sql("select * from service where tenant_id = ? order by created_at, id offset ? limit ?").params(tenant.value(), offset, limit)
        .query(this::row).list();
  }

  int count(TenantId tenant) {
    return jdbc.sql("select count(*) from service where tenant_id = ?").params(tenant.value()).query(Integer.class).single();
  }

  private Service row(ResultSet rs, int n) throws SQLException {
    return new Service(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"), rs.getInt("duration_min"),
        rs.getInt("interval_min"), rs.getInt("buffer_before_min"), rs.getInt("buffer_after_min"), rs.getInt("minimum_notice_min"),
        rs.getInt("horizon_days"), rs.getInt("capacity"), rs.getBoolean("notify_customers"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
