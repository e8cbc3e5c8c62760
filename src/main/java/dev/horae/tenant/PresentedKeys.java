package dev.horae.tenant;

import dev.horae.storage.ChannelListener;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a presented key hash stands for, kept on a node for at most {@code horae.access.key-cache-ttl}
 * (500 ms by default) so that authenticating a busy key is not a database read per request.
 *
 * <p>Every change that can refuse a key (a revocation, a rotation, a tenant suspended, resumed,
 * changed or deleted) sends {@code NOTIFY horae_access} in its transaction. PostgreSQL delivers it at
 * commit, and every node then drops everything it holds, so the next request reads the database
 * again: milliseconds after the commit. If a node's listening connection is down, the entries still
 * end with their lifetime, so no node answers with a revoked key for longer than that. A look-up
 * that began before a notification does not store what it read, so a read from before the change
 * cannot outlive it either. Expiry and a rotation's end are checked on every request against the
 * clock, cached or not.
 */
@Component
class PresentedKeys implements SmartLifecycle {
  static final String CHANNEL = "horae_access";
  private static final int LIMIT = 10_000;

  private record Held(ApiKeyRepository.Presented presented, long loadedNanos) {}

  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final long ttlNanos;
  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private volatile ChannelListener listener;

  PresentedKeys(AccessProperties access, DataSource dataSource, JdbcClient jdbc) {
    this.ttlNanos = access.keyCacheTtl().toNanos();
    this.dataSource = dataSource;
    this.jdbc = jdbc;
  }

  /** The key and its tenant's standing for this hash, from this node's memory when fresh, else from {@code load}. */
  Optional<ApiKeyRepository.Presented> find(String keyHash, Function<String, Optional<ApiKeyRepository.Presented>> load) {
    long now = System.nanoTime();
    Held h = held.get(keyHash);
    if (h != null && now - h.loadedNanos() < ttlNanos) {
      return Optional.of(h.presented());
    }
    long before = generation.get();
    Optional<ApiKeyRepository.Presented> loaded = load.apply(keyHash);
    if (loaded.isPresent() && ttlNanos > 0 && listener != null) {
      if (held.size() >= LIMIT) {
        held.clear();
      }
      held.put(keyHash, new Held(loaded.get(), now));
      if (generation.get() != before) {
        held.remove(keyHash); // a change was announced while this was read: what it read may be from before
      }
    }
    return loaded;
  }

  /** Tells every node, at this transaction's commit, that keys may have changed; this node forgets at once after the commit. */
  @Transactional(propagation = Propagation.MANDATORY)
  void announceChange() {
    jdbc.sql("select pg_notify('" + CHANNEL + "', '')").query().singleRow();
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        forget();
      }
    });
  }

  /** Forgets everything held, on this node (a notification, a lost listening connection). */
  void forget() {
    generation.incrementAndGet();
    held.clear();
  }

  @Override
  public void start() {
    if (ttlNanos > 0) {
      listener = new ChannelListener(dataSource, java.util.List.of(CHANNEL), channel -> forget(), this::forget).start("access-listener");
    }
  }

  @Override
  public void stop() {
    ChannelListener l = listener;
    listener = null;
    forget();
    if (l != null) {
      l.stop();
    }
  }

  @Override
  public boolean isRunning() {
    return listener != null;
  }
}
