package dev.horae.api;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.horae.shared.Instants;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Idempotency keys are kept for {@code horae.idempotency.ttl} (24 hours, as Stripe does): a retry
 * within that time gets the first answer; after it the key may be used again. An hourly job (one
 * node) deletes expired keys.
 */
@Component
public class ExpiringIdempotencyKeys {
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration ttl;

  ExpiringIdempotencyKeys(JdbcClient jdbc, Clock clock, @Value("${horae.idempotency.ttl:PT24H}") Duration ttl) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Deletes keys older than the TTL; answers how many. */
  public int expire() {
    return jdbc.sql("delete from idempotency_key where created_at < ?").params(Instants.utc(clock.instant().minus(ttl))).update();
  }

  @Configuration(proxyBeanMethods = false)
  static class Job {
    @Bean
    RecurringTask<Void> idempotencyKeyExpiry(ExpiringIdempotencyKeys keys) {
      return Tasks.recurring("idempotency-key-expiry", FixedDelay.ofHours(1)).execute((instance, context) -> keys.expire());
    }
  }
}
