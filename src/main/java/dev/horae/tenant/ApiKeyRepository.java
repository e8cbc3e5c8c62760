package dev.horae.tenant;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of API keys and of the operator's credential. Secrets appear here only as their SHA-256. */
@Repository
class ApiKeyRepository {
  private final JdbcClient jdbc;

  ApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What authenticating a key needs, in one indexed read: the key, its tenant's status and limits. */
  record Presented(ApiKey key, TenantStatus tenantStatus, Tenant.Limits limits, long tenantRevision) {}

  Optional<Presented> presented(String keyHash) {
    return jdbc.sql("select k.*, t.status as tenant_status, t.revision as tenant_revision, t.key_requests_per_minute,"
            + " t.tenant_requests_per_minute from api_key k join tenant t on t.id = k.tenant_id where k.key_hash = ?")
        .param(keyHash)
        .query((rs, n) -> new Presented(row(rs, n), TenantStatus.valueOf(rs.getString("tenant_status")),
            new Tenant.Limits((Integer) rs.getObject("key_requests_per_minute"), (Integer) rs.getObject("tenant_requests_per_minute")),
            rs.getLong("tenant_revision")))
        .optional();
  }

  void insert(ApiKey key, String keyHash) {
    jdbc.sql("insert into api_key (key_hash, tenant_id, id, name, prefix, scopes, expires_at, created_at, created_by, schedule_ids)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(keyHash, key.tenant().value(), key.id(), key.name(), key.prefix(),
            key.allScopes() ? null : key.scopes().stream().map(Scope::value).sorted().toArray(String[]::new),
            Instants.utc(key.expiresDate()), Instants.utc(key.createdDate()), key.createdBy(),
            key.reach() instanceof Reach.Schedules only ? only.ids().stream().sorted().toArray(UUID[]::new) : null)
        .update();
  }

  Optional<ApiKey> find(TenantId tenant, UUID id) {
    return jdbc.sql("select * from api_key where tenant_id = ? and id = ?").params(tenant.value(), id).query(this::row).optional();
  }

  /** Keys that still work or will until a rotation's overlap ends, oldest first, after ({@code createdAfter}, {@code idAfter}). */
  List<ApiKey> page(TenantId tenant, Instant now, Instant createdAfter, UUID idAfter, int limit) {
    return jdbc.sql("select * from api_key where tenant_id = ? and (revoked_at is null or revoked_at > ?) and (created_at, id) > (?, ?)"
            + " order by created_at, id limit ?")
        .params(tenant.value(), Instants.utc(now), Instants.utc(createdAfter), idAfter, limit).query(this::row).list();
  }

  /** Makes the key stop working at {@code at}, unless it already stops sooner; answers whether it was still working. */
  boolean revoke(TenantId tenant, UUID id, Instant at, Instant now) {
    // least() skips a null revoked_at
    return jdbc.sql("update api_key set revoked_at = least(revoked_at, ?) where tenant_id = ? and id = ?"
            + " and (revoked_at is null or revoked_at > ?)")
        .params(Instants.utc(at), tenant.value(), id, Instants.utc(now)).update() == 1;
  }

  /** Records a use at most once a minute per key, so authenticating stays a read. */
  void used(UUID id, Instant now) {
    jdbc.sql("update api_key set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
        .params(Instants.utc(now), id, Instants.utc(now.minusSeconds(60))).update();
  }

  Optional<String> adminKeyHash() {
    return jdbc.sql("select key_hash from admin_credential where id = 1").query(String.class).optional();
  }

  /** Stores the operator's key unless one is there; answers whether this call stored it (so only one node prints a generated key). */
  boolean adminKeyIfAbsent(String keyHash, String source, Instant now) {
    return jdbc.sql("insert into admin_credential (id, key_hash, source, created_at) values (1, ?, ?, ?) on conflict (id) do nothing")
        .params(keyHash, source, Instants.utc(now)).update() == 1;
  }

  /** The configured operator key replaces whatever was there before. */
  void adminKey(String keyHash, String source, Instant now) {
    jdbc.sql("insert into admin_credential (id, key_hash, source, created_at) values (1, ?, ?, ?)"
            + " on conflict (id) do update set key_hash = excluded.key_hash, source = excluded.source, created_at = excluded.created_at"
            + " where admin_credential.key_hash <> excluded.key_hash")
        .params(keyHash, source, Instants.utc(now)).update();
  }

  private ApiKey row(ResultSet rs, int n) throws SQLException {
    Array scopes = rs.getArray("scopes");
    Set<Scope> held = EnumSet.noneOf(Scope.class);
    if (scopes != null) {
      for (Object s : (Object[]) scopes.getArray()) {
        Scope.parse((String) s).ifPresent(held::add);
      }
    }
    return new ApiKey(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getString("name"),
        rs.getString("prefix"), scopes == null, held, instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "expires_at"),
        instant(rs, "revoked_at"), rs.getObject("created_by", UUID.class), reach(rs.getArray("schedule_ids")));
  }

  private static Reach reach(Array ids) throws SQLException {
    if (ids == null) {
      return Reach.TENANT;
    }
    Set<UUID> only = new java.util.HashSet<>();
    for (Object id : (Object[]) ids.getArray()) {
      only.add((UUID) id);
    }
    return new Reach.Schedules(only);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
