package dev.horae.tenant;

import dev.horae.shared.Ids;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants and their API keys: creating a tenant with a key, and finding the tenant of a key.
 *
 * <p>Successful look-ups are cached by key hash: keys are never re-assigned to another tenant, so a
 * cached answer cannot become wrong (revocation, when it comes, must evict).
 */
@Component
public class Tenants {
  private static final int CACHE_LIMIT = 10_000;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<String, TenantId> byKeyHash = new ConcurrentHashMap<>();

  Tenants(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A new tenant and its first API key; the raw key exists only in the returned value. */
  public record NewTenant(TenantId id, String apiKey) {
    @Override
    public String toString() {
      return "NewTenant[id=" + id + ", apiKey=***]";
    }
  }

  /** Creates a tenant whose key is {@code rawKey}, or a freshly generated one when empty. */
  @Transactional
  public NewTenant create(String name, Optional<String> rawKey) {
    TenantId id = new TenantId(Ids.newUuid());
    String key = rawKey.orElseGet(ApiKeys::generate);
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    jdbc.sql("insert into tenant (id, name, created_at) values (?, ?, ?)")
        .params(id.value(), name, now)
        .update();
    jdbc.sql("insert into api_key (key_hash, tenant_id, created_at) values (?, ?, ?)")
        .params(ApiKeys.hash(key), id.value(), now)
        .update();
    return new NewTenant(id, key);
  }

  public Optional<TenantId> findByApiKey(String rawKey) {
    String hash = ApiKeys.hash(rawKey);
    TenantId cached = byKeyHash.get(hash);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<TenantId> found =
        jdbc.sql("select tenant_id from api_key where key_hash = ?")
            .param(hash)
            .query((rs, n) -> new TenantId(rs.getObject(1, java.util.UUID.class)))
            .optional();
    found.ifPresent(
        t -> {
          if (byKeyHash.size() >= CACHE_LIMIT) {
            byKeyHash.clear();
          }
          byKeyHash.put(hash, t);
        });
    return found;
  }

  boolean any() {
    return jdbc.sql("select exists (select 1 from tenant)").query(Boolean.class).single();
  }
}
