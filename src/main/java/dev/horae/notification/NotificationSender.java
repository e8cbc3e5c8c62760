package dev.horae.notification;

import dev.horae.shared.Backoffs;
import dev.horae.storage.ClusterProperties;
import dev.horae.storage.LeaseKeeper;
import dev.horae.storage.NodeIdentity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends queued messages after their change committed: every poll ({@code HORAE_MAIL_POLL_INTERVAL};
 * no LISTEN connection of its own, as each one holds a pooled connection for good), it leases a few due messages under SKIP LOCKED (renewed by a heartbeat
 * while it sends), hands each to the relay, and records the outcome. At least once: a node that
 * dies mid-send leaves its lease to run out, and another node sends the message again, with the
 * same Message-ID. A failed send waits the service's one backoff ({@link Backoffs#equalJitter});
 * after the last attempt, or a refusal for good, it is FAILED. Every node runs one.
 */
@Component
class NotificationSender implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
  static final int BATCH = 25;

  private final NotificationRepository repository;
  private final MailProperties mail;
  private final ClusterProperties cluster;
  private final NodeIdentity node;
  private final Clock clock;
  private final AtomicBoolean woken = new AtomicBoolean();
  private Mailer mailer;
  private ScheduledExecutorService loop;
  private LeaseKeeper<NotificationRepository.Key> leases;
  private volatile boolean running;

  NotificationSender(NotificationRepository repository, MailProperties mail, ClusterProperties cluster, NodeIdentity node, Clock clock) {
    this.repository = repository;
    this.mail = mail;
    this.cluster = cluster;
    this.node = node;
    this.clock = clock;
  }

  @Override
  public void start() {
    if (!mail.enabled() || !mail.configured()) {
      return;
    }
    mailer = new Mailer(mail);
    running = true;
    leases = new LeaseKeeper<>("notification-sender", cluster.heartbeat(),
        held -> repository.renew(node.id(), held, clock.instant().plus(cluster.lease())));
    loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "notification-sender"));
    loop.scheduleWithFixedDelay(this::runOnce, mail.pollInterval().toMillis(), mail.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void wake() {
    if (running && woken.compareAndSet(false, true)) {
      try {
        loop.execute(() -> {
          woken.set(false);
          runOnce();
        });
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        woken.set(false);
      }
    }
  }

  @Override
  public void stop() {
    running = false;
    if (loop == null) {
      return;
    }
    loop.shutdown();
    try {
      long wait = Math.max(1000, cluster.shutdownGrace().toMillis() - 3000);
      if (!loop.awaitTermination(wait, TimeUnit.MILLISECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      leases.close();
    }
  }

  @Override
  public void stop(Runnable callback) {
    dev.horae.storage.Workers.stopBeside("notification-sender", this::stop, callback);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Sends while there is work, for up to two seconds; the next poll continues. */
  void runOnce() {
    long until = System.nanoTime() + 2_000_000_000L;
    try {
      while (running && System.nanoTime() < until) {
        Instant now = clock.instant();
        List<Notification> batch = repository.claim(BATCH, node.id(), now, now.plus(cluster.lease()));
        if (batch.isEmpty()) {
          return;
        }
        batch.forEach(n -> leases.hold(key(n)));
        try {
          if (!running) {
            batch.forEach(n -> repository.unsent(n, node.id(), clock.instant()));
            return;
          }
          List<Notification> ours = batch.stream().filter(n -> !leases.lost(key(n))).toList();
          record(mailer.sendAll(ours));
        } finally {
          batch.forEach(n -> leases.release(key(n)));
        }
        if (batch.size() < BATCH) {
          return;
        }
      }
      wake(); // out of time with work left: go on at once, after other work queued on this thread
    } catch (RuntimeException e) {
      log.warn("Notification round failed; the next poll retries: {}", e.toString());
    }
  }

  private void record(java.util.Map<Notification, Exception> outcome) {
    repository.sentAll(outcome.entrySet().stream().filter(e -> e.getValue() == null).map(java.util.Map.Entry::getKey).toList(), clock.instant());
    outcome.forEach((n, failure) -> {
      if (failure == null) {
        return;
      } else if (failure instanceof Mailer.Refused refused) {
        log.info("Notification {} refused for good by the relay: {}", n.id(), refused.getMessage());
        repository.failed(n, node.id(), excerpt(refused.getMessage()), null, "SMTP_REFUSED");
      } else {
        Instant retry = n.attempts() >= mail.maxAttempts() ? null
            : clock.instant().plus(Backoffs.equalJitter(n.attempts(), mail.retryBase(), mail.retryCap()));
        log.info("Notification {} not sent (attempt {}): {}", n.id(), n.attempts(), failure.toString());
        repository.failed(n, node.id(), excerpt(failure.toString()), retry, "GAVE_UP");
      }
    });
  }

  private static NotificationRepository.Key key(Notification n) {
    return new NotificationRepository.Key(n.tenantId(), n.id());
  }

  private static String excerpt(String s) {
    return s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
  }
}
