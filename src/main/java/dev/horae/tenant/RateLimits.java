package dev.horae.tenant;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Token buckets that every node shares through PostgreSQL (Bucket4j's select-for-update store, table
 * {@code rate_limit_bucket}): one per key, one per tenant (all its keys together) and one per client
 * address for attempts that fail to authenticate. Each holds a minute's allowance and refills it
 * evenly over the minute, so a burst may use the whole allowance and then gets one request every
 * 60/limit seconds.
 */
@Component
class RateLimits {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final ProxyManager<String> buckets;
  private final AccessProperties.RateLimit defaults;

  RateLimits(DataSource dataSource, AccessProperties properties) {
    this.defaults = properties.rateLimit();
    this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
        .primaryKeyMapper(PrimaryKeyMapper.STRING)
        .table("rate_limit_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
        .build();
  }

  /** One policy's standing after a request: its name, allowance a minute, what remains and the seconds until it is full again. */
  record Standing(String policy, long quota, long remaining, long resetSeconds) {}

  /** The answer to one request: allowed or not, the standing of each policy it was counted against, and when to retry. */
  record Decision(boolean allowed, java.util.List<Standing> standings, long retryAfterSeconds) {
    static final Decision UNLIMITED = new Decision(true, java.util.List.of(), 0);

    /** {@code RateLimit-Policy} (draft-ietf-httpapi-ratelimit-headers): {@code "key";q=1200;w=60, "tenant";q=6000;w=60}. */
    String policyHeader() {
      return String.join(", ", standings.stream().map(s -> "\"" + s.policy() + "\";q=" + s.quota() + ";w=" + WINDOW.toSeconds()).toList());
    }

    /** {@code RateLimit}: {@code "key";r=1187;t=3, …}. */
    String limitHeader() {
      return String.join(", ", standings.stream().map(s -> "\"" + s.policy() + "\";r=" + s.remaining() + ";t=" + s.resetSeconds()).toList());
    }
  }

  boolean enabled() {
    return defaults.enabled();
  }

  /** Counts a request of {@code key}: first against the key's bucket, then, if that allows it, against its tenant's. */
  Decision authenticated(ApiKey key, Tenant.Limits limits, long tenantRevision) {
    if (!defaults.enabled()) {
      return Decision.UNLIMITED;
    }
    int perKey = limits.keyRequestsPerMinute() == null ? defaults.keyPerMinute() : limits.keyRequestsPerMinute();
    int perTenant = limits.tenantRequestsPerMinute() == null ? defaults.tenantPerMinute() : limits.tenantRequestsPerMinute();
    Standing keyStanding = consume("key:" + key.id(), "key", perKey, tenantRevision);
    if (keyStanding.remaining() < 0) {
      return refused(keyStanding);
    }
    Standing tenantStanding = consume("tenant:" + key.tenant().value(), "tenant", perTenant, tenantRevision);
    if (tenantStanding.remaining() < 0) {
      return refused(tenantStanding);
    }
    return new Decision(true, java.util.List.of(keyStanding, tenantStanding), 0);
  }

  /** Counts a failed authentication from {@code address}; the caller answers 429 instead of 401 once the address is over its limit. */
  Decision anonymous(String address) {
    if (!defaults.enabled()) {
      return Decision.UNLIMITED;
    }
    Standing s = consume("address:" + address, "address", defaults.anonymousPerMinute(), 0);
    return s.remaining() < 0 ? refused(s) : new Decision(true, java.util.List.of(s), 0);
  }

  /** Forgets a tenant's buckets (its erasure). */
  void forget(UUID tenant, java.util.List<UUID> keyIds) {
    buckets.removeProxy("tenant:" + tenant);
    keyIds.forEach(k -> buckets.removeProxy("key:" + k));
  }

  int removeExpired() {
    int removed = 0;
    int batch;
    do {
      batch = ((io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner) buckets).removeExpired(1000);
      removed += batch;
    } while (batch == 1000);
    return removed;
  }

  /** Remaining below zero means refused; the wait is in {@code resetSeconds} then. */
  private Standing consume(String id, String policy, int perMinute, long configurationVersion) {
    BucketConfiguration configuration = BucketConfiguration.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, WINDOW)).build();
    ConsumptionProbe probe = buckets.builder()
        // a tenant's changed limits replace the stored configuration (its revision is the version), keeping the share used
        .withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.PROPORTIONALLY)
        .build(id, () -> configuration)
        .tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      return new Standing(policy, perMinute, -1, seconds(probe.getNanosToWaitForRefill()));
    }
    return new Standing(policy, perMinute, probe.getRemainingTokens(), seconds(probe.getNanosToWaitForReset()));
  }

  private static Decision refused(Standing s) {
    long retry = Math.max(1, s.resetSeconds());
    return new Decision(false, java.util.List.of(new Standing(s.policy(), s.quota(), 0, retry)), retry);
  }

  private static long seconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }

  @Configuration(proxyBeanMethods = false)
  static class Job {
    @Bean
    RecurringTask<Void> rateLimitBucketCleanup(RateLimits limits) {
      return Tasks.recurring("rate-limit-bucket-cleanup", FixedDelay.ofMinutes(5)).execute((instance, context) -> limits.removeExpired());
    }
  }
}
