package dev.horae.tenant;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.storage.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of tenants. */
@Repository
class TenantRepository {
  private final JdbcClient jdbc;
  private final JsonColumns json;

  TenantRepository(JdbcClient jdbc, JsonColumns json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(TenantId id, String name, String externalId, Tenant.Limits limits, Instant now) {
    jdbc.sql("insert into tenant (id, name, external_id, key_requests_per_minute, tenant_requests_per_minute, created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, ?)")
        .params(id.value(), name, externalId, limits.keyRequestsPerMinute(), limits.tenantRequestsPerMinute(), Instants.utc(now),
            Instants.utc(now))
        .update();
  }

  boolean externalIdTaken(String externalId) {
    return jdbc.sql("select exists (select 1 from tenant where external_id = ?)").param(externalId).query(Boolean.class).single();
  }

  Optional<Tenant> find(TenantId id, boolean forUpdate) {
    return jdbc.sql("select * from tenant where id = ?" + (forUpdate ? " for update" : ""))
        .param(id.value()).query(this::row).optional();
  }

  /** A page in creation order after ({@code createdAfter}, {@code idAfter}). */
  List<Tenant> page(Instant createdAfter, UUID idAfter, int limit) {
    return jdbc.sql("select * from tenant where (created_at, id) > (?, ?) order by created_at, id limit ?")
        .params(Instants.utc(createdAfter), idAfter, limit).query(this::row).list();
  }

  boolean any() {
    return jdbc.sql("select exists (select 1 from tenant)").query(Boolean.class).single();
  }

  void update(TenantId id, String name, Tenant.Limits limits, Instant now) {
    jdbc.sql("update tenant set name = ?, key_requests_per_minute = ?, tenant_requests_per_minute = ?, revision = revision + 1,"
            + " updated_at = ? where id = ?")
        .params(name, limits.keyRequestsPerMinute(), limits.tenantRequestsPerMinute(), Instants.utc(now), id.value()).update();
  }

  void status(TenantId id, TenantStatus status, Instant now) {
    jdbc.sql("update tenant set status = ?, revision = revision + 1, updated_at = ? where id = ?")
        .params(status.name(), Instants.utc(now), id.value()).update();
  }

  void deletion(TenantId id, Map<String, Object> progress) {
    jdbc.sql("update tenant set deletion = cast(? as jsonb) where id = ?").params(json.write(progress), id.value()).update();
  }

  /** Tenants being erased, for whichever node picks their erasure up. */
  List<TenantId> deleting() {
    return jdbc.sql("select id from tenant where status = 'DELETING' order by updated_at")
        .query((rs, n) -> new TenantId(rs.getObject(1, UUID.class))).list();
  }

  private Tenant row(ResultSet rs, int n) throws SQLException {
    String deletion = rs.getString("deletion");
    return new Tenant(new TenantId(rs.getObject("id", UUID.class)), rs.getString("name"), rs.getString("external_id"),
        TenantStatus.valueOf(rs.getString("status")), rs.getLong("revision"),
        new Tenant.Limits((Integer) rs.getObject("key_requests_per_minute"), (Integer) rs.getObject("tenant_requests_per_minute")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
        deletion == null ? null : json.read(deletion, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {}));
  }
}
