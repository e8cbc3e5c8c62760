package dev.horae.connection;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.storage.JsonColumns;
import dev.horae.storage.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Connections, with their password sealed by {@link SecretBox} and bound to tenant and connection. */
@Repository
class ConnectionRepository {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final JdbcClient jdbc;
  private final JsonColumns json;
  private final SecretBox box;

  ConnectionRepository(JdbcClient jdbc, JsonColumns json, SecretBox box) {
    this.jdbc = jdbc;
    this.json = json;
    this.box = box;
  }

  void insert(TenantId tenant, Connection c, String password) {
    jdbc.sql("insert into connection (tenant_id, id, provider_id, calendar_type, schedule_id, user_id, app_id, external_account_email,"
            + " username, status, error_reason, sync_config, server_url, principal_url, calendar_home_url, credentials, created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?)")
        .params(tenant.value(), c.id(), c.providerId(), c.calendarType(), c.scheduleId(), c.userId(), c.appId(), c.externalAccountEmail(),
            c.username(), c.status(), c.errorReason(), json.write(c.syncConfig()), c.serverUrl(), c.principalUrl(), c.calendarHomeUrl(),
            box.seal(password, bound(tenant, c.id())), Instants.utc(c.createdDate()), Instants.utc(c.updatedDate()))
        .update();
  }

  Optional<Connection> find(TenantId tenant, UUID id, boolean lock) {
    return jdbc.sql("select * from connection where tenant_id = ? and id = ?" + (lock ? " for update" : ""))
        .params(tenant.value(), id).query(this::row).optional();
  }

  List<Connection> findAll(TenantId tenant, List<UUID> scheduleIds) {
    if (scheduleIds.isEmpty()) {
      return jdbc.sql("select * from connection where tenant_id = ? order by created_at, id").params(tenant.value()).query(this::row).list();
    }
    return jdbc.sql("select * from connection where tenant_id = ? and schedule_id = any(?) order by created_at, id")
        .params(tenant.value(), scheduleIds.toArray(UUID[]::new)).query(this::row).list();
  }

  /** The password, opened; empty once disconnected. */
  Optional<String> password(TenantId tenant, UUID id) {
    return jdbc.sql("select credentials from connection where tenant_id = ? and id = ?").params(tenant.value(), id)
        .query((rs, n) -> rs.getString(1)).optional().filter(s -> s != null).map(s -> box.open(s, bound(tenant, id)));
  }

  void disconnect(TenantId tenant, UUID id, java.time.Instant at) {
    jdbc.sql("update connection set status = 'DISCONNECTED', credentials = null, updated_at = ? where tenant_id = ? and id = ?")
        .params(Instants.utc(at), tenant.value(), id).update();
  }

  void status(TenantId tenant, UUID id, String status, String errorReason, java.time.Instant at, boolean success, String email) {
    jdbc.sql("update connection set status = ?, error_reason = ?, updated_at = ?, last_sync_at = ?,"
            + " last_success_at = case when ? then ? else last_success_at end,"
            + " external_account_email = coalesce(?, external_account_email) where tenant_id = ? and id = ? and status <> 'DISCONNECTED'")
        .params(status, errorReason, Instants.utc(at), Instants.utc(at), success, Instants.utc(at), email, tenant.value(), id)
        .update();
  }

  void syncConfig(TenantId tenant, UUID id, Map<String, Object> config, java.time.Instant at) {
    jdbc.sql("update connection set sync_config = cast(? as jsonb), updated_at = ? where tenant_id = ? and id = ?")
        .params(json.write(config), Instants.utc(at), tenant.value(), id).update();
  }

  java.util.Optional<java.time.Instant> lastSuccess(TenantId tenant, UUID id) {
    return jdbc.sql("select last_success_at from connection where tenant_id = ? and id = ?").params(tenant.value(), id)
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).optional().filter(java.util.Objects::nonNull).map(OffsetDateTime::toInstant);
  }

  /** Connections that import, of every tenant (for the periodic sync). */
  List<Map.Entry<TenantId, UUID>> importing() {
    return jdbc.sql("select tenant_id, id from connection where status in ('CONNECTED', 'SYNC_IN_PROGRESS', 'SYNCED')"
            + " and coalesce((sync_config -> 'listEventFromCalendars' ->> 'enabled')::boolean, false)")
        .query((rs, n) -> Map.entry(new TenantId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class))).list();
  }

  private static java.time.Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static String bound(TenantId tenant, UUID id) {
    return "connection-credentials:" + tenant.value() + ":" + id;
  }

  private Connection row(ResultSet rs, int n) throws SQLException {
    return new Connection(rs.getObject("id", UUID.class), rs.getString("provider_id"), rs.getString("calendar_type"),
        rs.getObject("schedule_id", UUID.class), rs.getString("user_id"), rs.getString("app_id"), rs.getString("external_account_email"),
        rs.getString("username"), rs.getString("status"), rs.getString("error_reason"), json.read(rs.getString("sync_config"), MAP),
        rs.getString("server_url"), rs.getString("principal_url"), rs.getString("calendar_home_url"),
        instant(rs.getObject("last_sync_at", OffsetDateTime.class)), instant(rs.getObject("last_success_at", OffsetDateTime.class)),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
