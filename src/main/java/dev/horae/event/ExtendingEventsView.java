package dev.horae.event;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.horae.shared.TenantId;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves every tenant's events view forward: once a day (db-scheduler, so one node of a cluster runs
 * it), the end becomes now + future-days; each active series materialises its occurrences in the
 * new stretch; then Events View Extended and a projection update for every event brought into the
 * view are recorded. One transaction per tenant, holding the view row, so a series created
 * meanwhile waits and then materialises up to the new end.
 */
@Component
public class ExtendingEventsView {
  private static final Logger log = LoggerFactory.getLogger(ExtendingEventsView.class);

  private final EventsViews views;
  private final EventRepository events;
  private final SeriesInstances instances;
  private final EventLog eventLog;
  private final TransactionTemplate transactions;

  ExtendingEventsView(EventsViews views, EventRepository events, SeriesInstances instances, EventLog eventLog, TransactionTemplate transactions) {
    this.views = views;
    this.events = events;
    this.instances = instances;
    this.eventLog = eventLog;
    this.transactions = transactions;
  }

  /** Extends every tenant's view; answers how many views moved. */
  public int extendAll() {
    int moved = 0;
    for (TenantId tenant : views.tenants()) {
      try {
        if (Boolean.TRUE.equals(transactions.execute(status -> extend(tenant)))) {
          moved++;
        }
      } catch (RuntimeException e) {
        log.error("Extending the events view of tenant {} failed; the next run retries", tenant.value(), e);
      }
    }
    return moved;
  }

  /** Extends one tenant's view in the caller's transaction; false when it was already far enough. */
  boolean extend(TenantId tenant) {
    Optional<Instant[]> window = views.lockForExtension(tenant);
    if (window.isEmpty()) {
      return false;
    }
    Instant from = window.get()[0];
    Instant to = window.get()[1];
    List<EventEntry> broughtIn = new ArrayList<>(events.nonSeriesStartingIn(tenant, from, to));
    for (EventEntry master : events.activeMasters(tenant)) {
      for (Event created : instances.materialise(tenant, master.event(), from, to)) {
        broughtIn.add(new EventEntry(created, master.scheduleName()));
      }
    }
    views.moveEnd(tenant, to);
    eventLog.extended(tenant, to, broughtIn);
    return true;
  }

  @Configuration(proxyBeanMethods = false)
  static class Job {
    @Bean
    RecurringTask<Void> eventsViewExtension(ExtendingEventsView extending) {
      return Tasks.recurring("events-view-extension", Schedules.daily(LocalTime.of(0, 30)))
          .execute((instance, context) -> extending.extendAll());
    }
  }
}
