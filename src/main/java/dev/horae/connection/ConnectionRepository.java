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
public class ConnectionRepository {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final JdbcClient jdbc;
  private final JsonColumns json;
  private final SecretBox box;

  ConnectionRepository(JdbcClient jdbc, JsonColumns json, SecretBox box) {
    this.jdbc = jdbc;
    this.json = json;
    this.box = box;
  }

  public void insert(TenantId tenant, Connection c, String password) {
    jdbc.sql("insert into connection (tenant_id, id, provider_id, calendar_type, schedule_id, user_id, app_id, external_account_email,"
            + " username, status, error_reason, sync_config, server_url, principal_url, calendar_home_url, credentials, created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?)")
        .params(tenant.value(), c.id(), c.providerId(), c.calendarType(), c.scheduleId(), c.userId(), c.appId(), c.externalAccountEmail(),
            c.username(), c.status().name(), c.errorReason().name(), json.write(c.syncConfig()), c.serverUrl(), c.principalUrl(), c.calendarHomeUrl(),
            box.seal(password, bound(tenant, c.id())), Instants.utc(c.createdDate()), Instants.utc(c.updatedDate()))
        .update();
  }

  public Optional<Connection> find(TenantId tenant, UUID id, boolean lock) {
    return jdbc.sql("select * from connection where tenant_id = ? and id = ?" + (lock ? " for update" : ""))
        .params(tenant.value(), id).query(this::row).optional();
  }

  public List<Connection> findAll(TenantId tenant, List<UUID> scheduleIds) {
    if (scheduleIds.isEmpty()) {
      return jdbc.sql("select * from connection where tenant_id = ? order by created_at, id").params(tenant.value()).query(this::row).list();
    }
    return jdbc.sql("select * from connection where tenant_id = ? and schedule_id = any(?) order by created_at, id")
        .params(tenant.value(), scheduleIds.toArray(UUID[]::new)).query(this::row).list();
  }

  /** The password, opened; empty once disconnected. */
  public Optional<String> password(TenantId tenant, UUID id) {
    return jdbc.sql("select credentials from connection where tenant_id = ? and id = ?").params(tenant.value(), id)
        .query((rs, n) -> rs.getString(1)).optional().filter(s -> s != null).map(s -> box.open(s, bound(tenant, id)));
  }

  /** Replaces the sealed credentials (refreshed OAuth tokens) of a connection that is still connected. */
  public void credentials(TenantId tenant, UUID id, String credentials) {
    jdbc.sql("update connection set credentials = ? where tenant_id = ? and id = ? and status <> 'DISCONNECTED'")
        .params(box.seal(credentials, bound(tenant, id)), tenant.value(), id).update();
  }

  public void disconnect(TenantId tenant, UUID id, java.time.Instant at) {
    jdbc.sql("update connection set status = 'DISCONNECTED', credentials = null, updated_at = ? where tenant_id = ? and id = ?")
        .params(Instants.utc(at), tenant.value(), id).update();
  }

  public void status(TenantId tenant, UUID id, ConnectionStatus status, ConnectionErrorReason errorReason, java.time.Instant at, boolean success,
      String email) {
    jdbc.sql("update connection set status = ?, error_reason = ?, updated_at = ?, last_sync_at = ?,"
            + " last_success_at = case when ? then ? else last_success_at end,"
            + " external_account_email = coalesce(?, external_account_email) where tenant_id = ? and id = ? and status <> 'DISCONNECTED'")
        .params(status.name(), errorReason.name(), Instants.utc(at), Instants.utc(at), success, Instants.utc(at), email, tenant.value(), id)
        .update();
  }

  public void syncConfig(TenantId tenant, UUID id, Map<String, Object> config, java.time.Instant at) {
    jdbc.sql("update connection set sync_config = cast(? as jsonb), updated_at = ? where tenant_id = ? and id = ?")
        .params(json.write(config), Instants.utc(at), tenant.value(), id).update();
  }

  public java.util.Optional<java.time.Instant> lastSuccess(TenantId tenant, UUID id) {
    return jdbc.sql("select last_success_at from connection where tenant_id = ? and id = ?").params(tenant.value(), id)
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).optional().filter(java.util.Objects::nonNull).map(OffsetDateTime::toInstant);
  }

  /**
   * Leases up to {@code limit} connections whose sync is due (import or export enabled) and that no
   * node holds, for {@code holder} until {@code until}, under {@code SKIP LOCKED}: nodes never sync
   * the same connection at once. A lease that ran out (its node died) is taken like a free one.
   */
  public List<Map.Entry<TenantId, UUID>> claimDue(java.time.Instant now, String holder, java.time.Instant until, int limit) {
    jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
    return jdbc.sql("with due as (select tenant_id, id from connection where status in ('CONNECTED', 'SYNC_IN_PROGRESS', 'SYNCED', 'ERROR')"
            + " and error_reason not in ('TOKEN_REVOKED')"
            // a suspended tenant's connections wait until it is resumed
            + " and exists (select 1 from tenant t where t.id = connection.tenant_id and t.status = 'ACTIVE')"
            + " and (coalesce((sync_config -> 'listEventFromCalendars' ->> 'enabled')::boolean, false)"
            + "   or coalesce((sync_config -> 'syncToCalendar' ->> 'enabled')::boolean, false))"
            + " and (next_sync_at is null or next_sync_at <= ?) and (sync_lease_until is null or sync_lease_until <= ?)"
            + " order by next_sync_at nulls first limit ? for update skip locked)"
            + " update connection c set sync_holder = ?, sync_lease_until = ?, sync_started_at = ? from due"
            + " where c.tenant_id = due.tenant_id and c.id = due.id returning c.tenant_id, c.id")
        .params(Instants.utc(now), Instants.utc(now), limit, holder, Instants.utc(until), Instants.utc(now))
        .query((rs, n) -> Map.entry(new TenantId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class))).list();
  }

  /** Leases one connection for a sync asked for now (the API); false when another sync holds it. */
  public boolean lease(TenantId tenant, UUID id, String holder, java.time.Instant now, java.time.Instant until) {
    return jdbc.sql("update connection set sync_holder = ?, sync_lease_until = ?, sync_started_at = ? where tenant_id = ? and id = ?"
            + " and (sync_lease_until is null or sync_lease_until <= ?)")
        .params(holder, Instants.utc(until), Instants.utc(now), tenant.value(), id, Instants.utc(now)).update() == 1;
  }

  /** The sync running now: when it started, or empty when no lease is held (none runs). */
  public Optional<java.time.Instant> runningSince(TenantId tenant, UUID id, java.time.Instant now) {
    return jdbc.sql("select sync_started_at from connection where tenant_id = ? and id = ? and sync_lease_until > ?")
        .params(tenant.value(), id, Instants.utc(now)).query((rs, n) -> instant(rs.getObject(1, OffsetDateTime.class))).optional()
        .filter(java.util.Objects::nonNull);
  }

  /** Someone asked for a sync while one may be running: the running one, when it ends, leaves the connection due at once. */
  public void requestSync(TenantId tenant, UUID id, java.time.Instant at) {
    jdbc.sql("update connection set sync_requested_at = ? where tenant_id = ? and id = ?").params(Instants.utc(at), tenant.value(), id).update();
  }

  /** The heartbeat: moves the end of {@code holder}'s leases on {@code ids} to {@code until}; answers those it still holds. */
  public List<UUID> renewLeases(String holder, List<UUID> ids, java.time.Instant until) {
    return jdbc.sql("update connection set sync_lease_until = ? where sync_holder = ? and id = any (?) returning id")
        .params(Instants.utc(until), holder, ids.toArray(UUID[]::new)).query(UUID.class).list();
  }

  /** Whether {@code holder} still holds the sync lease (read under a row lock, for the last writes of a sync). */
  public boolean holdsLease(TenantId tenant, UUID id, String holder) {
    return jdbc.sql("select sync_holder = ? from connection where tenant_id = ? and id = ? for update").params(holder, tenant.value(), id)
        .query(Boolean.class).optional().orElse(false);
  }

  /** Gives the lease up; with {@code dueAt}, the connection is due again then (an interrupted sync resumes on another node). */
  public void releaseLease(TenantId tenant, UUID id, String holder, java.time.Instant dueAt) {
    jdbc.sql("update connection set sync_holder = null, sync_lease_until = null, next_sync_at = coalesce(cast(? as timestamptz), next_sync_at)"
            + " where tenant_id = ? and id = ? and sync_holder = ?")
        .params(dueAt == null ? null : Instants.utc(dueAt), tenant.value(), id, holder).update();
  }

  /**
   * A push notification says the connection changed: sync it now (unless it is waiting out a
   * backoff). A lease held meanwhile stays held: the request is recorded, and the running sync, when
   * it ends, leaves the connection due at once ({@link #scheduleNext}).
   */
  public void dueNow(TenantId tenant, UUID id, java.time.Instant now) {
    jdbc.sql("update connection set sync_requested_at = ?, next_sync_at = case when sync_error_count = 0"
            + " and (next_sync_at is null or next_sync_at > ?) then ? else next_sync_at end"
            + " where tenant_id = ? and id = ? and status <> 'DISCONNECTED'")
        .params(Instants.utc(now), Instants.utc(now), Instants.utc(now), tenant.value(), id).update();
  }

  /**
   * After a sync: success schedules the next one, at once when a sync was asked for after this one
   * started (a push or a joined manual sync it may have missed); a failure counts and backs off.
   */
  public void scheduleNext(TenantId tenant, UUID id, java.time.Instant next, boolean success, boolean full, java.time.Instant at) {
    jdbc.sql("update connection set next_sync_at = case when ? and sync_requested_at > sync_started_at then ? else ? end,"
            + " sync_error_count = case when ? then 0 else sync_error_count + 1 end,"
            + " last_full_sync_at = case when ? then ? else last_full_sync_at end where tenant_id = ? and id = ?")
        .params(success, Instants.utc(at), Instants.utc(next), success, full, Instants.utc(at), tenant.value(), id).update();
  }

  public record SyncState(int errorCount, java.time.Instant nextSyncAt, java.time.Instant lastFullSyncAt) {}

  public SyncState syncState(TenantId tenant, UUID id) {
    return jdbc.sql("select sync_error_count, next_sync_at, last_full_sync_at from connection where tenant_id = ? and id = ?")
        .params(tenant.value(), id)
        .query((rs, n) -> new SyncState(rs.getInt(1), instant(rs.getObject(2, OffsetDateTime.class)), instant(rs.getObject(3, OffsetDateTime.class))))
        .single();
  }

  /** The longest time since a successful sync among connections that sync (seconds), for the lag gauge. */
  public double maxLagSeconds(java.time.Instant now) {
    Double lag = jdbc.sql("select max(extract(epoch from (? - coalesce(last_success_at, created_at)))) from connection"
            + " where status in ('CONNECTED', 'SYNC_IN_PROGRESS', 'SYNCED', 'ERROR')"
            + " and (coalesce((sync_config -> 'listEventFromCalendars' ->> 'enabled')::boolean, false)"
            + "   or coalesce((sync_config -> 'syncToCalendar' ->> 'enabled')::boolean, false))")
        .params(Instants.utc(now)).query(Double.class).optional().orElse(null);
    return lag == null ? 0 : lag;
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
        rs.getString("username"), ConnectionStatus.valueOf(rs.getString("status")),
        ConnectionErrorReason.valueOf(rs.getString("error_reason")), json.read(rs.getString("sync_config"), MAP),
        rs.getString("server_url"), rs.getString("principal_url"), rs.getString("calendar_home_url"),
        instant(rs.getObject("last_sync_at", OffsetDateTime.class)), instant(rs.getObject("last_success_at", OffsetDateTime.class)),
        rs.getInt("sync_error_count"), instant(rs.getObject("next_sync_at", OffsetDateTime.class)),
        instant(rs.getObject("last_full_sync_at", OffsetDateTime.class)),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
