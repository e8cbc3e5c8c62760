package dev.horae.connection;

import dev.horae.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs due syncs on every node: each poll leases a few due connections ({@code FOR UPDATE SKIP
 * LOCKED}, so any number of nodes share them and none syncs the same one twice) and syncs them.
 * A sync schedules the next one: the interval after a success, a capped, jittered backoff after a
 * failure; once a day a sync is a full reconciliation (sync tokens ignored).
 */
@Component
class SyncWorker implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);

  private final ConnectionRepository connections;
  private final Syncing syncing;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final boolean enabled;
  private final Duration poll;
  private ScheduledExecutorService loop;
  private volatile boolean running;

  SyncWorker(ConnectionRepository connections, Syncing syncing, TransactionTemplate transactions, Clock clock,
      @Value("${horae.sync.enabled:true}") boolean enabled, @Value("${horae.sync.poll-interval:PT10S}") Duration poll) {
    this.connections = connections;
    this.syncing = syncing;
    this.transactions = transactions;
    this.clock = clock;
    this.enabled = enabled;
    this.poll = poll;
  }

  @Override
  public void start() {
    if (!enabled) {
      return;
    }
    running = true;
    loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "connection-sync"));
    loop.scheduleWithFixedDelay(this::runOnce, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    running = false;
    if (loop != null) {
      loop.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private final java.util.concurrent.atomic.AtomicBoolean woken = new java.util.concurrent.atomic.AtomicBoolean();

  /** Runs a round now instead of at the next poll (a push notification made a connection due); wakes coalesce. */
  void wake() {
    ScheduledExecutorService l = loop;
    if (running && l != null && woken.compareAndSet(false, true)) {
      l.execute(() -> {
        woken.set(false);
        runOnce();
      });
    }
  }

  void runOnce() {
    try {
      List<Map.Entry<TenantId, UUID>> due = transactions.execute(status -> connections.claimDue(clock.instant(), Duration.ofMinutes(10), 5));
      for (Map.Entry<TenantId, UUID> c : due) {
        if (!running) {
          return;
        }
        try {
          syncing.sync(c.getKey(), c.getValue());
        } catch (RuntimeException e) {
          log.warn("Sync of connection {} failed; it is retried later ({})", c.getValue(), e.toString());
        }
      }
    } catch (RuntimeException e) {
      log.warn("Sync round failed; the next poll retries ({})", e.toString());
    }
  }
}
