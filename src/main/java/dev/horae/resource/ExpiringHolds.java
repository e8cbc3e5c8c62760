package dev.horae.resource;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.horae.shared.Instants;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Expired holds no longer count anywhere (availability ignores them; a booking on their place
 * deletes them), but their rows stay; a job every 10 minutes (one node) deletes the expired ones.
 */
@Component
class ExpiringHolds {
  private final JdbcClient jdbc;
  private final Clock clock;

  ExpiringHolds(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Deletes every expired hold; answers how many. */
  int expire() {
    return jdbc.sql("delete from appointment where status = 'IN' and expires_at <= ?").params(Instants.utc(clock.instant())).update();
  }

  @Configuration(proxyBeanMethods = false)
  static class Job {
    @Bean
    RecurringTask<Void> holdExpiry(ExpiringHolds holds) {
      return Tasks.recurring("appointment-hold-expiry", FixedDelay.ofMinutes(10)).execute((instance, context) -> holds.expire());
    }
  }
}
