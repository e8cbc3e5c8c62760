package dev.horae.storage;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of one worker's leases: while this node works on something it claimed in the
 * database (a connection's sync, a webhook send), {@link #hold} keeps it in a set that a thread
 * renews every heartbeat through the worker's own statement. A lease the statement no longer finds
 * under this node's name (it ran out while the node stood still, another node took it) is reported
 * {@link #lost}, so the work can stop writing. A node that dies stops beating, and its leases run
 * out after at most one lease.
 *
 * @param <K> how the worker names a claimed item
 */
public final class LeaseKeeper<K> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  /** Renews the leases of {@code held} for this node; answers those it still holds. */
  @FunctionalInterface
  public interface Renewal<K> {
    Collection<K> renew(List<K> held);
  }

  private final String name;
  private final Renewal<K> renewal;
  private final Set<K> held = ConcurrentHashMap.newKeySet();
  private final Set<K> lost = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService beat;

  public LeaseKeeper(String name, Duration every, Renewal<K> renewal) {
    this.name = name;
    this.renewal = renewal;
    this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name + "-heartbeat");
      t.setDaemon(true);
      return t;
    });
    beat.scheduleWithFixedDelay(this::renew, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  public void hold(K key) {
    lost.remove(key);
    held.add(key);
  }

  public void release(K key) {
    held.remove(key);
    lost.remove(key);
  }

  /** Whether the lease on {@code key} was found gone at a heartbeat since {@link #hold}. */
  public boolean lost(K key) {
    return lost.contains(key);
  }

  /** The items this node holds now. */
  public List<K> held() {
    return List.copyOf(held);
  }

  void renew() {
    List<K> snapshot = held();
    if (snapshot.isEmpty()) {
      return;
    }
    try {
      Set<K> kept = Set.copyOf(renewal.renew(snapshot));
      for (K key : snapshot) {
        if (!kept.contains(key) && held.contains(key) && lost.add(key)) {
          log.warn("{}: the lease on {} is no longer this node's; its work stops writing", name, key);
        }
      }
    } catch (RuntimeException e) {
      // the database may be unreachable for a moment: the next beat tries again while the lease lasts
      log.warn("{}: renewing {} leases failed; the next heartbeat retries ({})", name, snapshot.size(), e.toString());
    }
  }

  @Override
  public void close() {
    beat.shutdownNow();
  }
}
