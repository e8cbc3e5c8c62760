package dev.horae.webhook;

import com.standardwebhooks.Webhook;
import dev.horae.outbox.Change;
import dev.horae.outbox.Outbox;
import dev.horae.shared.OutboundPolicy;
import dev.horae.shared.Rejection;
import dev.horae.storage.ChannelListener;
import dev.horae.storage.ClusterProperties;
import dev.horae.storage.LeaseKeeper;
import dev.horae.storage.NodeIdentity;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends webhooks: woken by the outbox's commit notification ({@link ChannelListener}), and every poll
 * anyway, it fans new changes out, leases due deliveries and POSTs each with the
 * Standard Webhooks headers ({@code webhook-id} = the change id, {@code webhook-timestamp}, {@code
 * webhook-signature} with one {@code v1,…} HMAC-SHA256 signature per active secret), a short
 * timeout and no redirects, through {@link dev.horae.shared.OutboundHttp}, whose resolver is the SSRF
 * guard (every connection goes to the addresses just checked). Every
 * node runs one; the database decides who sends what.
 */
@Component
class DeliveryWorker implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
  static final int EXCERPT = 500;
  /** Senders, and the most a round claims: every claimed delivery is sent at once (its attempt is logged by the claim). */
  static final int SENDERS = 16;

  private final Deliveries deliveries;
  private final WebhookRepository webhooks;
  private final OutboundPolicy outbound;
  private final dev.horae.shared.OutboundHttp.Client http;
  private final JsonMapper json;
  private final Clock clock;
  private final boolean enabled;
  private final Duration poll;
  private final Duration timeout;
  private final DataSource dataSource;
  private final AtomicBoolean woken = new AtomicBoolean();
  private ScheduledExecutorService loop;
  private ExecutorService senders;
  private ChannelListener listener;
  private volatile boolean running;

  private final NodeIdentity node;
  private final ClusterProperties cluster;
  private LeaseKeeper<Deliveries.Key> leases;

  DeliveryWorker(Deliveries deliveries, WebhookRepository webhooks, OutboundPolicy outbound, dev.horae.shared.OutboundHttp outboundHttp, JsonMapper json, Clock clock, DataSource dataSource,
      NodeIdentity node, ClusterProperties cluster,
      @Value("${horae.webhooks.enabled:true}") boolean enabled,
      @Value("${horae.webhooks.poll-interval:PT0.5S}") Duration poll,
      @Value("${horae.webhooks.timeout:PT5S}") Duration timeout) {
    this.deliveries = deliveries;
    this.node = node;
    this.cluster = cluster;
    this.dataSource = dataSource;
    this.webhooks = webhooks;
    this.outbound = outbound;
    this.json = json;
    this.clock = clock;
    this.enabled = enabled;
    this.poll = poll;
    this.timeout = timeout;
    this.http = outboundHttp.client(timeout, SENDERS);
  }

  @Override
  public void start() {
    if (!enabled) {
      return;
    }
    running = true;
    leases = new LeaseKeeper<>("webhook-delivery", cluster.heartbeat(),
        held -> deliveries.renew(node.id(), held, clock.instant().plus(cluster.lease())));
    senders = Executors.newFixedThreadPool(SENDERS, r -> new Thread(r, "webhook-sender"));
    loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "webhook-worker"));
    loop.scheduleWithFixedDelay(this::runOnce, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    // the poll stays as the safety net for a missed notification
    listener = new ChannelListener(dataSource, java.util.List.of(Outbox.CHANNEL), channel -> wake(), () -> { })
        .start("webhook-outbox-listener");
  }

  /** A commit recorded changes: run a round now (one queued wake-up at most). */
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

  /**
   * Stops claiming, lets the sends in flight finish within the grace period (they are short: the
   * timeout), gives back what was claimed but not sent, then stops the heartbeat.
   */
  @Override
  public void stop() {
    running = false;
    if (listener != null) {
      listener.stop();
    }
    if (loop == null) {
      return;
    }
    loop.shutdown();
    senders.shutdown();
    try {
      long wait = Math.max(1000, cluster.shutdownGrace().toMillis() - 3000);
      if (!loop.awaitTermination(wait, TimeUnit.MILLISECONDS) || !senders.awaitTermination(1, TimeUnit.SECONDS)) {
        log.info("Webhook sends still running after {} ms of shutdown; interrupting them", wait);
        loop.shutdownNow();
        senders.shutdownNow();
        loop.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      loop.shutdownNow();
      senders.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      leases.close();
      try {
        http.close();
      } catch (java.io.IOException ignored) {
        // the pool's sockets close with the process
      }
    }
  }

  /** Stops beside the other workers (each waits for its own work), not after them. */
  @Override
  public void stop(Runnable callback) {
    dev.horae.storage.Workers.stopBeside("webhook-worker", this::stop, callback);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Fans out and sends while there is work (for up to two seconds), then lets the next poll continue. */
  void runOnce() {
    long until = System.nanoTime() + 2_000_000_000L;
    try {
      while (running && System.nanoTime() < until) {
        int fanned = deliveries.fanOut();
        List<Deliveries.Claimed> batch = deliveries.claim(SENDERS, node.id(), clock.instant().plus(cluster.lease()));
        if (batch.isEmpty()) {
          if (fanned == 0) {
            return;
          }
          continue;
        }
        Map<UUID, List<WebhookRepository.Secret>> secrets = new ConcurrentHashMap<>();
        List<Callable<Void>> calls = new ArrayList<>();
        List<Deliveries.Claimed> unsent = java.util.Collections.synchronizedList(new ArrayList<>());
        batch.forEach(d -> leases.hold(d.key()));
        for (Deliveries.Claimed d : batch) {
          calls.add(() -> {
            try {
              if (!running) {
                unsent.add(d); // shutting down: not started, so given back
                return null;
              }
              if (leases.lost(d.key())) {
                return null; // the heartbeat found it taken (this node stood still past the lease): the new holder sends it
              }
              send(d, secrets.computeIfAbsent(d.webhookId(), id -> webhooks.activeSecrets(d.tenant(), id, clock.instant())));
            } finally {
              leases.release(d.key());
            }
            return null;
          });
        }
        try {
          senders.invokeAll(calls);
        } finally {
          if (!unsent.isEmpty()) {
            deliveries.unsent(List.copyOf(unsent), node.id());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (dev.horae.storage.DatabaseOutage.causedBy(e)) {
        log.warn("Webhook round stopped: PostgreSQL is unreachable; the next round retries ({})", e.toString());
      } else {
        log.warn("Webhook round failed; the next round retries", e);
      }
    }
  }

  void send(Deliveries.Claimed d, List<WebhookRepository.Secret> secrets) {
    long start = System.nanoTime();
    try {
      URI uri = outbound.parse(d.url(), "webhook.url"); // the client's resolver is the guard: no lookup here, none twice
      Change change = deliveries.change(d);
      String body = json.writeValueAsString(Envelope.of(change));
      long timestamp = clock.instant().getEpochSecond();
      String msgId = change.id().toString();
      StringBuilder signatures = new StringBuilder();
      for (WebhookRepository.Secret secret : secrets) {
        signatures.append(signatures.length() == 0 ? "" : " ").append(new Webhook(secret.value()).sign(msgId, timestamp, body));
      }
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      headers.put("user-agent", "Horae-Webhooks/1");
      headers.put("webhook-id", msgId);
      headers.put("webhook-timestamp", Long.toString(timestamp));
      headers.put("webhook-signature", signatures.toString());
      dev.horae.shared.OutboundHttp.Answer response = http.exchange("POST", uri, headers, body.getBytes(StandardCharsets.UTF_8),
          "application/json", timeout);
      String text = response.text();
      deliveries.record(d, node.id(), response.status(), null, millisSince(start), text.length() > EXCERPT ? text.substring(0, EXCERPT) : text,
          response.header("Retry-After").orElse(null));
    } catch (OutboundPolicy.Refused e) {
      deliveries.record(d, node.id(), null, "refused by the outbound policy: " + e.getMessage(), millisSince(start), null, null);
    } catch (Rejection e) {
      deliveries.record(d, node.id(), null, "refused by the outbound policy: " + e.getMessage(), millisSince(start), null, null);
    } catch (Exception e) {
      deliveries.record(d, node.id(), null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), millisSince(start), null, null);
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
