package dev.horae.connection;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every importing connection is synced periodically ({@code horae.sync.interval}, 5 minutes), by one node at a time. */
@Configuration(proxyBeanMethods = false)
class SyncJob {
  private static final Logger log = LoggerFactory.getLogger(SyncJob.class);

  @Bean
  RecurringTask<Void> connectionSync(ConnectionRepository connections, Syncing syncing, @Value("${horae.sync.interval:PT5M}") Duration interval) {
    return Tasks.recurring("connection-sync", FixedDelay.of(interval)).execute((instance, context) -> {
      for (var c : connections.importing()) {
        try {
          syncing.sync(c.getKey(), c.getValue());
        } catch (RuntimeException e) {
          log.warn("Sync of connection {} failed; the next run retries ({})", c.getValue(), e.toString());
        }
      }
    });
  }
}
