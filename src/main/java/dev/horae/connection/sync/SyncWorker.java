package dev.horae.connection.sync;

import dev.horae.connection.ConnectionRepository;
import dev.horae.shared.TenantId;
import dev.horae.storage.ClusterProperties;
import dev.horae.storage.NodeIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs due syncs on every node: each poll leases a few due connections that no node holds ({@code
 * FOR UPDATE SKIP LOCKED}, so any number of nodes share them and none syncs the same one twice) and
 * syncs them, renewing each lease while its sync runs ({@link Syncing#syncLeased}). A sync
 * schedules the next one: the interval after a success, a capped, jittered backoff after a failure;
 * once a day a sync is a full reconciliation (sync tokens ignored).
 *
 * <p>On shutdown it stops claiming, gives back the leases of connections it claimed but had not
 * started, lets the running sync finish within the grace period, and interrupts it after that (an
 * interrupted sync is no error: the connection is due again at once, for another node).
 */
@Component
public class SyncWorker implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);
  private static final int BATCH = 5;

  private final ConnectionRepository connections;
  private final Syncing syncing;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final boolean enabled;
  private final Duration poll;
  private final NodeIdentity node;
  private final ClusterProperties cluster;
  private ScheduledExecutorService loop;
  private volatile boolean running;

  SyncWorker(ConnectionRepository connections, Syncing syncing, TransactionTemplate transactions, Clock clock,
      SyncProperties settings, NodeIdentity node, ClusterProperties cluster) {
    this.connections = connections;
    this.syncing = syncing;
    this.transactions = transactions;
    this.clock = clock;
    this.enabled = settings.enabled();
    this.poll = settings.pollInterval();
    this.node = node;
    this.cluster = cluster;
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
    ScheduledExecutorService l = loop;
    if (l == null) {
      return;
    }
    l.shutdown(); // no new round; the running one sees running == false before its next connection
    try {
      // the running sync may finish within the grace period (less a margin for the interrupted one to give its lease up)
      long wait = Math.max(1000, cluster.shutdownGrace().toMillis() - 3000);
      if (!l.awaitTermination(wait, TimeUnit.MILLISECONDS)) {
        log.info("A sync is still running after {} ms of shutdown; interrupting it", wait);
        l.shutdownNow();
        l.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      l.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Stops beside the other workers (each waits for its own work), not after them. */
  @Override
  public void stop(Runnable callback) {
    dev.horae.storage.Workers.stopBeside("connection-sync", this::stop, callback);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private final java.util.concurrent.atomic.AtomicBoolean woken = new java.util.concurrent.atomic.AtomicBoolean();

  /** Runs a round now instead of at the next poll (a push notification made a connection due); wakes coalesce. */
  public void wake() {
    ScheduledExecutorService l = loop;
    if (running && l != null && woken.compareAndSet(false, true)) {
      try {
        l.execute(() -> {
          woken.set(false);
          runOnce();
        });
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        woken.set(false);
      }
    }
  }

  public void runOnce() {
    if (!running) {
      return;
    }
    try {
      Instant now = clock.instant();
      List<Map.Entry<TenantId, UUID>> due = transactions.execute(status -> connections.claimDue(now, node.id(), now.plus(cluster.lease()), BATCH));
      for (int i = 0; i < due.size(); i++) {
        Map.Entry<TenantId, UUID> c = due.get(i);
        if (!running || Thread.currentThread().isInterrupted()) {
          // shutting down: the connections not started go back at once, still due
          for (Map.Entry<TenantId, UUID> left : due.subList(i, due.size())) {
            transactions.executeWithoutResult(status -> connections.releaseLease(left.getKey(), left.getValue(), node.id(), null));
          }
          return;
        }
        try {
          syncing.syncLeased(c.getKey(), c.getValue());
        } catch (RuntimeException e) {
          log.warn("Sync of connection {} failed; it is retried later ({})", c.getValue(), e.toString());
        }
      }
    } catch (RuntimeException e) {
      log.warn("Sync round failed; the next poll retries ({})", e.toString());
    }
  }
}
