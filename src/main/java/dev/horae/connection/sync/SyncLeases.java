package dev.horae.connection.sync;

import dev.horae.connection.ConnectionRepository;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.storage.ClusterProperties;
import dev.horae.storage.LeaseKeeper;
import dev.horae.storage.NodeIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sync lease of each connection, in PostgreSQL: one holder at a time across the cluster,
 * renewed by a heartbeat while held ({@code horae.cluster.lease}, {@code .heartbeat}), given up when
 * done or taken over once it lapses (its node died). Who waits for a running sync waits here, up
 * to {@code horae.sync.join-timeout}.
 */
@Component
public class SyncLeases {
  private static final Duration POLL = Duration.ofMillis(100);
  private final ConnectionRepository connections;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final NodeIdentity node;
  private final Duration length;
  private final Duration joinTimeout;
  private final LeaseKeeper<UUID> keeper;

  SyncLeases(ConnectionRepository connections, TransactionTemplate transactions, Clock clock, NodeIdentity node, ClusterProperties cluster,
      SyncProperties settings) {
    this.connections = connections;
    this.transactions = transactions;
    this.clock = clock;
    this.node = node;
    this.length = cluster.lease();
    this.joinTimeout = settings.joinTimeout();
    this.keeper = new LeaseKeeper<>("connection-sync", cluster.heartbeat(),
        held -> transactions.execute(status -> connections.renewLeases(node.id(), held, clock.instant().plus(cluster.lease()))));
  }

  /** Takes the lease if nobody holds it (or its holder's lapsed). */
  boolean tryTake(TenantId tenant, UUID id) {
    Instant now = clock.instant();
    return Boolean.TRUE.equals(transactions.execute(status -> connections.lease(tenant, id, node.id(), now, now.plus(length))));
  }

  /** Renews a taken lease until {@link #release}. */
  void hold(UUID id) {
    keeper.hold(id);
  }

  /** Gives the lease up, the connection due again at {@code dueAt} (null: as scheduled); reaches the database even while interrupted. */
  void release(TenantId tenant, UUID id, Instant dueAt) {
    keeper.release(id);
    boolean wasInterrupted = Thread.interrupted();
    try {
      transactions.executeWithoutResult(status -> connections.releaseLease(tenant, id, node.id(), dueAt));
    } finally {
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether this node still holds the lease; asked inside a write's transaction, so no write lands after a takeover. */
  boolean held(TenantId tenant, UUID id) {
    return connections.holdsLease(tenant, id, node.id());
  }

  /** When someone who started waiting now gives up. */
  Instant joinDeadline() {
    return clock.instant().plus(joinTimeout);
  }

  /**
   * Runs {@code work} holding the connection's lease, so no sync runs meanwhile (disconnect): waits
   * for a running sync to end first, up to the join timeout (then 409 SYNC_IN_PROGRESS).
   */
  public <T> T exclusively(TenantId tenant, UUID id, Supplier<T> work) {
    Instant deadline = joinDeadline();
    while (!tryTake(tenant, id)) {
      connections.find(tenant, id, false).orElseThrow(() -> Rejection.notFound("Connection", id));
      if (!awaitEnd(tenant, id, deadline) || !clock.instant().isBefore(deadline)) {
        throw Rejection.conflict("SYNC_IN_PROGRESS", "A sync of connection " + id + " is running; send the request again when it ends");
      }
      pause(); // no sync runs, yet the lease is held (its holder is giving it up): ask again in a moment, not in a spin
    }
    hold(id);
    try {
      return work.get();
    } finally {
      release(tenant, id, null);
    }
  }

  /** Waits until the sync running now ends (or another one took over after it); false at the deadline with it still running. */
  boolean awaitEnd(TenantId tenant, UUID id, Instant deadline) {
    Optional<Instant> running = connections.runningSince(tenant, id, clock.instant());
    while (running.isPresent()) {
      if (!clock.instant().isBefore(deadline)) {
        return false;
      }
      pause();
      Optional<Instant> now = connections.runningSince(tenant, id, clock.instant());
      running = now.equals(running) ? now : Optional.empty();
    }
    return true;
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Rejection.unavailable("SHUTTING_DOWN", "This node is shutting down; send the request again");
    }
  }

  /** Stops the heartbeat once the workers have stopped (and given their leases up). */
  @jakarta.annotation.PreDestroy
  void stopHeartbeat() {
    keeper.close();
  }
}
