package dev.horae.tenant;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Token buckets that every node shares through PostgreSQL (Bucket4j's select-for-update store, table
 * {@code rate_limit_bucket}): one per key, one per tenant (all its keys together) and one per client
 * address for attempts that fail to authenticate. A key's and a tenant's bucket carry the tenant's
 * revision as their configuration version, so changed limits replace the stored ones. Each holds a minute's allowance and refills it
 * evenly over the minute, so a burst may use the whole allowance and then gets one request every
 * 60/limit seconds.
 *
 * <p>So that a request does not wait for a row lock in PostgreSQL, a node may count up to
 * {@code localSharePercent} of a bucket's allowance locally and write it to the shared bucket
 * together, at the latest after {@code syncInterval} (Bucket4j's delaying optimization). A refusal is
 * always checked against the shared bucket. Each node can therefore run ahead of the others by at most
 * that share, for at most that interval; a bucket whose share rounds to no whole request (a limit
 * under 100 a minute at 1 %) is counted exactly, in PostgreSQL, on every request.
 */
@Component
class RateLimits {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private static final int PROXY_LIMIT = 10_000;

  private final ProxyManager<String> buckets;
  private final AccessProperties.RateLimit defaults;
  /** The node's proxies of shared buckets, holding at most the local share not yet written; by bucket, version and limit. */
  private final Map<String, BucketProxy> proxies = new ConcurrentHashMap<>();

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
    // the limit is part of the id: nodes configured differently count in buckets of their own instead of sharing one
    // whose stored size depends on which node made it
    Standing s = consume("address:" + address + "/" + defaults.anonymousPerMinute(), "address", defaults.anonymousPerMinute(), 0);
    return s.remaining() < 0 ? refused(s) : new Decision(true, java.util.List.of(s), 0);
  }

  /** Forgets a tenant's buckets (its erasure). */
  void forget(UUID tenant, java.util.List<UUID> keyIds) {
    proxies.keySet().removeIf(k -> k.startsWith("tenant:" + tenant + "@") || keyIds.stream().anyMatch(id -> k.startsWith("key:" + id + "@")));
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
    ConsumptionProbe probe = probe(id, perMinute, configurationVersion);
    if (!probe.isConsumed()) {
      return new Standing(policy, perMinute, -1, seconds(probe.getNanosToWaitForRefill()));
    }
    return new Standing(policy, perMinute, probe.getRemainingTokens(), seconds(probe.getNanosToWaitForReset()));
  }

  /**
   * Takes one token. Bucket4j batches the requests that reach one proxy at the same moment; when the
   * bucket's row does not exist yet (a key's first requests), the whole batch fails with "Bucket
   * does not exist" instead of creating it, as a lone request would. By then one request has usually
   * made the row, so the token is asked for again (at most three times).
   */
  private ConsumptionProbe probe(String id, int perMinute, long configurationVersion) {
    for (int attempt = 1; ; attempt++) {
      try {
        return proxy(id, perMinute, configurationVersion).tryConsumeAndReturnRemaining(1);
      } catch (RuntimeException e) {
        if (attempt == 3 || !bucketMissing(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean bucketMissing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.github.bucket4j.distributed.proxy.BucketNotFoundException) {
        return true;
      }
    }
    return false;
  }

  private BucketProxy proxy(String id, int perMinute, long configurationVersion) {
    String key = id + "@" + configurationVersion + "/" + perMinute;
    BucketProxy proxy = proxies.get(key);
    if (proxy != null) {
      return proxy;
    }
    if (proxies.size() >= PROXY_LIMIT) {
      proxies.clear(); // what the dropped proxies had not written yet is at most their local share
    }
    return proxies.computeIfAbsent(key, k -> {
      BucketConfiguration configuration = BucketConfiguration.builder()
          .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, WINDOW)).build();
      var builder = buckets.builder()
          // a tenant's changed limits replace the stored configuration (its revision is the version), keeping the share used
          .withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.PROPORTIONALLY);
      long localShare = (long) perMinute * defaults.localSharePercent() / 100;
      if (localShare > 0) {
        builder = builder.withOptimization(Optimizations.delaying(new DelayParameters(localShare, defaults.syncInterval())));
      }
      return builder.build(id, () -> configuration);
    });
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
