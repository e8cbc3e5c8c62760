package dev.horae.webhook;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.storage.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Subscriptions and their secrets; secrets are sealed by {@link SecretBox}, bound to tenant and webhook. */
@Repository
class WebhookRepository {
  private final JdbcClient jdbc;
  private final SecretBox box;

  WebhookRepository(JdbcClient jdbc, SecretBox box) {
    this.jdbc = jdbc;
    this.box = box;
  }

  record Secret(UUID id, String value, Instant createdDate, Instant expiresDate) {
    @Override
    public String toString() {
      return "Secret[id=" + id + ", value=***, createdDate=" + createdDate + ", expiresDate=" + expiresDate + "]";
    }
  }

  void insert(TenantId tenant, Webhook w) {
    jdbc.sql("insert into webhook (tenant_id, id, url, event_types, enabled, disabled_reason, last_sequence, revision, created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(tenant.value(), w.id(), w.url(), w.eventTypes().toArray(String[]::new), w.enabled(), w.disabledReason(),
            w.lastSequence(), w.revision(), Instants.utc(w.createdDate()), Instants.utc(w.updatedDate()))
        .update();
  }

  void update(TenantId tenant, Webhook w) {
    jdbc.sql("update webhook set url = ?, event_types = ?, enabled = ?, disabled_reason = ?, revision = ?, updated_at = ?"
            + " where tenant_id = ? and id = ?")
        .params(w.url(), w.eventTypes().toArray(String[]::new), w.enabled(), w.disabledReason(), w.revision(),
            Instants.utc(w.updatedDate()), tenant.value(), w.id())
        .update();
  }

  boolean delete(TenantId tenant, UUID id) {
    return jdbc.sql("delete from webhook where tenant_id = ? and id = ?").params(tenant.value(), id).update() == 1;
  }

  Optional<Webhook> find(TenantId tenant, UUID id, boolean lock) {
    return jdbc.sql("select * from webhook where tenant_id = ? and id = ?" + (lock ? " for update" : ""))
        .params(tenant.value(), id).query(WebhookRepository::row).optional();
  }

  List<Webhook> findAll(TenantId tenant) {
    return jdbc.sql("select * from webhook where tenant_id = ? order by created_at, id").params(tenant.value()).query(WebhookRepository::row).list();
  }

  /** The outbox's end for the tenant: a new subscription starts there (it gets changes from now on). */
  long currentSequence(TenantId tenant) {
    return jdbc.sql("select coalesce(max(sequence), 0) from domain_event where tenant_id = ?").params(tenant.value()).query(Long.class).single();
  }

  void addSecret(TenantId tenant, UUID webhookId, Secret s) {
    jdbc.sql("insert into webhook_secret (id, tenant_id, webhook_id, secret, created_at, expires_at) values (?, ?, ?, ?, ?, ?)")
        .params(s.id(), tenant.value(), webhookId, box.seal(s.value(), bound(tenant, webhookId)), Instants.utc(s.createdDate()),
            s.expiresDate() == null ? null : Instants.utc(s.expiresDate()))
        .update();
  }

  /** Secrets that are still valid at {@code now}, newest first. */
  List<Secret> activeSecrets(TenantId tenant, UUID webhookId, Instant now) {
    return jdbc.sql("select * from webhook_secret where tenant_id = ? and webhook_id = ? and (expires_at is null or expires_at > ?) order by created_at desc")
        .params(tenant.value(), webhookId, Instants.utc(now))
        .query((rs, n) -> new Secret(rs.getObject("id", UUID.class), box.open(rs.getString("secret"), bound(tenant, webhookId)),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getObject("expires_at", OffsetDateTime.class) == null ? null : rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  void expireSecretsBefore(TenantId tenant, UUID webhookId, UUID keep, Instant at) {
    jdbc.sql("update webhook_secret set expires_at = ? where tenant_id = ? and webhook_id = ? and id <> ? and (expires_at is null or expires_at > ?)")
        .params(Instants.utc(at), tenant.value(), webhookId, keep, Instants.utc(at))
        .update();
  }

  boolean deleteSecret(TenantId tenant, UUID webhookId, UUID secretId) {
    return jdbc.sql("delete from webhook_secret where tenant_id = ? and webhook_id = ? and id = ?").params(tenant.value(), webhookId, secretId).update() == 1;
  }

  private static String bound(TenantId tenant, UUID webhookId) {
    return "webhook-secret:" + tenant.value() + ":" + webhookId;
  }

  static Webhook row(ResultSet rs, int n) throws SQLException {
    return new Webhook(rs.getObject("id", UUID.class), rs.getString("url"),
        Arrays.asList((String[]) rs.getArray("event_types").getArray()), rs.getBoolean("enabled"), rs.getString("disabled_reason"),
        rs.getLong("last_sequence"), rs.getLong("revision"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
