package dev.horae.resource;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.horae.shared.TenantId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the weekly hours of resources made before working-hours schedules as events: a resource
 * whose hours were the default follows the business schedule (claimed for its tenant if need be),
 * any other gets its hours as its own WORKING_HOURS masters. Batches of rows locked with SKIP
 * LOCKED, one transaction each, so any number of nodes may run it at once and a node killed
 * mid-batch leaves its batch pending for the next run; db-scheduler runs it every 30 seconds.
 */
@Component
class HoursBackfill {
  private static final Logger log = LoggerFactory.getLogger(HoursBackfill.class);
  private static final int BATCH = 20;
  private final WorkingHoursRepository pending;
  private final ResourceRepository resources;
  private final WorkingHours hours;
  private final TransactionTemplate transactions;

  HoursBackfill(WorkingHoursRepository pending, ResourceRepository resources, WorkingHours hours, TransactionTemplate transactions) {
    this.pending = pending;
    this.resources = resources;
    this.hours = hours;
    this.transactions = transactions;
  }

  /** Converts every pending resource; answers how many. */
  int run() {
    int total = 0;
    while (true) {
      Integer done = transactions.execute(status -> {
        List<Map.Entry<TenantId, UUID>> batch = pending.pending(BATCH);
        for (Map.Entry<TenantId, UUID> e : batch) {
          resources.find(e.getKey(), e.getValue(), false).ifPresent(r -> convert(e.getKey(), r));
        }
        return batch.size();
      });
      total += done;
      if (done < BATCH) {
        return total;
      }
    }
  }

  private void convert(TenantId tenant, Resource r) {
    Map<String, Map<String, Integer>> weekly = WeeklyHours.complete(r.availability());
    if (weekly.equals(WeeklyHours.complete(Resource.defaultAvailability()))) {
      resources.save(tenant, r.withHours(null, hours.business(tenant), weekly));
    } else {
      hours.own(tenant, null, r, weekly);
      resources.save(tenant, r.withHours(r.scheduleId(), r.scheduleId(), weekly));
    }
    log.info("Working hours of resource {} (tenant {}) written as WORKING_HOURS events", r.id(), tenant.value());
  }

  @Configuration(proxyBeanMethods = false)
  static class Job {
    @Bean
    RecurringTask<Void> hoursBackfillTask(HoursBackfill backfill) {
      return Tasks.recurring("working-hours-backfill", FixedDelay.ofSeconds(30)).execute((instance, context) -> backfill.run());
    }
  }
}
