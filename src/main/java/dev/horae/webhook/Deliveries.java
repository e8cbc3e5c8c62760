package dev.horae.webhook;

import dev.horae.outbox.Change;
import dev.horae.outbox.Changes;
import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;
import dev.horae.shared.Backoffs;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery bookkeeping, each step its own short transaction so no HTTP call holds a database
 * lock:
 * <ol>
 *   <li>{@link #fanOut}: new outbox changes become one PENDING delivery per matching enabled
 *       subscription (webhook rows claimed {@code FOR UPDATE SKIP LOCKED}, so nodes share the work);</li>
 *   <li>{@link #claim}: due deliveries are leased to a node (their next attempt moved to the lease's
 *       end, renewed by its heartbeat while it sends) under {@code SKIP LOCKED}, so two nodes never
 *       send the same attempt; each attempt is counted and logged in the claim, before it is sent; a node that dies mid-send leaves
 *       the lease to run out, the attempt is logged as abandoned and the delivery is sent again, with
 *       the same {@code webhook-id};
 *       a delivery waits while an earlier one for the same entity is pending, so an endpoint sees
 *       an entity's changes in revision order;</li>
 *   <li>{@link #record}: the attempt is logged; 2xx delivers, anything else retries with capped
 *       exponential backoff and jitter until {@code give-up-after} (72 h), when the delivery fails
 *       and the endpoint is disabled (itself a change: {@code horae.v1.webhook.disabled}).</li>
 * </ol>
 */
@Component
class Deliveries {
  static final String FQDN = "horae.v1.webhook";

  private final JdbcClient jdbc;
  private final Changes changes;
  private final Outbox outbox;
  private final Clock clock;
  private final org.springframework.jdbc.core.JdbcTemplate batch;
  private final Duration retryBase;
  private final Duration retryCap;
  private final Duration giveUpAfter;

  Deliveries(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, Changes changes, Outbox outbox, Clock clock,
      @Value("${horae.webhooks.retry-base:PT5S}") Duration retryBase,
      @Value("${horae.webhooks.retry-cap:PT1H}") Duration retryCap,
      @Value("${horae.webhooks.give-up-after:PT72H}") Duration giveUpAfter) {
    this.jdbc = jdbc;
    this.changes = changes;
    this.outbox = outbox;
    this.clock = clock;
    this.batch = batch;
    this.retryBase = retryBase;
    this.retryCap = retryCap;
    this.giveUpAfter = giveUpAfter;
  }

  /** A suspended tenant's webhooks wait (nothing is fanned out or sent) until it is resumed; a deleted one's never go again. */
  private static final String ACTIVE_TENANT = "exists (select 1 from tenant t where t.id = w.tenant_id and t.status = 'ACTIVE')";

  /** A leased delivery; {@code attempts} counts this attempt, logged as {@code attempt}. */
  record Claimed(UUID id, TenantId tenant, UUID webhookId, String url, UUID eventId, long sequence, int attempts, UUID attempt) {
    Key key() {
      return new Key(tenant, id);
    }
  }

  /** A delivery's primary key: its tenant and id. */
  record Key(TenantId tenant, UUID id) {}

  /** {@code (tenant_id, id) in} these keys, as two arrays unnested together (the primary key's order). */
  private static final String KEYS = " in (select * from unnest(cast(? as uuid[]), cast(? as uuid[])))";

  private static Object[] keys(List<Key> keys) {
    return new Object[] {keys.stream().map(k -> k.tenant().value()).toArray(UUID[]::new), keys.stream().map(Key::id).toArray(UUID[]::new)};
  }

  /** Creates the deliveries of new changes for up to 50 subscriptions; answers how many were created. */
  @Transactional
  int fanOut() {
    var rows = jdbc.sql("select w.* from webhook w where w.enabled and " + ACTIVE_TENANT + " and w.last_sequence <"
            + " (select coalesce(max(d.sequence), 0) from domain_event d where d.tenant_id = w.tenant_id)"
            + " order by w.updated_at limit 50 for update skip locked")
        .query((rs, n) -> Map.entry(new TenantId(rs.getObject("tenant_id", UUID.class)), WebhookRepository.row(rs, n)))
        .list();
    int created = 0;
    Instant now = Instants.truncate(clock.instant());
    for (var row : rows) {
      TenantId tenant = row.getKey();
      Webhook w = row.getValue();
      List<Change> page = changes.after(tenant, w.lastSequence(), 500);
      for (Change c : page) {
        if (w.wants(c.type())) {
          created += insert(tenant, w.id(), c, now, null);
        }
      }
      if (!page.isEmpty()) {
        jdbc.sql("update webhook set last_sequence = ? where tenant_id = ? and id = ?")
            .params(page.get(page.size() - 1).sequence(), tenant.value(), w.id()).update();
      }
    }
    return created;
  }

  int insert(TenantId tenant, UUID webhookId, Change c, Instant now, UUID replayOf) {
    return jdbc.sql("insert into webhook_delivery (id, tenant_id, webhook_id, event_id, sequence, entity_id, status, attempts,"
            + " next_attempt_at, created_at, replay_of) values (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?) on conflict do nothing")
        .params(Ids.newUuid(), tenant.value(), webhookId, c.id(), c.sequence(), c.entityId(), Instants.utc(now), Instants.utc(now), replayOf)
        .update();
  }

  /**
   * Leases up to {@code limit} due deliveries to {@code holder} until {@code until}, and begins
   * their attempts: each is counted and logged (IN_FLIGHT, with the node's name) in the same
   * transaction, before any request leaves, so a send that dies with its node is still in the log.
   * Claim no more than there are free senders: every claimed delivery is sent at once. An attempt
   * still in flight when its delivery is claimed again was abandoned: its node stopped before
   * recording an answer, and the lease ran out.
   */
  @Transactional
  List<Claimed> claim(int limit, String holder, Instant until) {
    Instant now = clock.instant();
    // A plan cached while the table was small (seq scans in the per-entity check) turns quadratic
    // once a backlog builds; plan this statement for its actual values every time.
    jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
    List<Claimed> due = jdbc.sql("with due as ("
            + " select d.tenant_id, d.id from webhook_delivery d join webhook w on w.tenant_id = d.tenant_id and w.id = d.webhook_id"
            + " where d.status = 'PENDING' and d.next_attempt_at <= ? and w.enabled and " + ACTIVE_TENANT
            + " and (d.replay_of is not null or not exists (select 1 from webhook_delivery e where e.tenant_id = d.tenant_id and e.webhook_id = d.webhook_id"
            + "   and e.entity_id = d.entity_id and e.status = 'PENDING' and e.replay_of is null and e.sequence < d.sequence))"
            + " order by d.next_attempt_at, d.sequence limit ? for update of d skip locked)"
            + " update webhook_delivery d set next_attempt_at = ?, lease_until = ?, leased_by = ?, attempts = d.attempts + 1 from due, webhook w"
            + " where d.tenant_id = due.tenant_id and d.id = due.id and w.tenant_id = d.tenant_id and w.id = d.webhook_id"
            + " returning d.id, d.tenant_id, d.webhook_id, w.url, d.event_id, d.sequence, d.attempts")
        .params(Instants.utc(now), limit, Instants.utc(until), Instants.utc(until), holder)
        .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
            rs.getObject("webhook_id", UUID.class), rs.getString("url"), rs.getObject("event_id", UUID.class), rs.getLong("sequence"),
            rs.getInt("attempts"), Ids.newUuid()))
        .list();
    if (due.isEmpty()) {
      return due;
    }
    Object[] keys = keys(due.stream().map(Claimed::key).toList());
    jdbc.sql("update webhook_attempt set outcome = 'ABANDONED', error = ? where (tenant_id, delivery_id)" + KEYS + " and outcome = 'IN_FLIGHT'")
        .params(AttemptOutcome.ABANDONED_ERROR, keys[0], keys[1]).update();
    jdbc.sql("insert into webhook_attempt (tenant_id, delivery_id, id, attempted_at, outcome, node, latency_ms)"
            + " select t, d, a, ?, 'IN_FLIGHT', ?, 0 from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as uuid[])) as x (t, d, a)")
        .params(Instants.utc(Instants.truncate(now)), holder, keys[0], keys[1], due.stream().map(Claimed::attempt).toArray(UUID[]::new)).update();
    return due;
  }

  /** The heartbeat: moves {@code holder}'s leases on {@code ids} to {@code until}; answers those it still holds. */
  @Transactional
  List<Key> renew(String holder, List<Key> held, Instant until) {
    Object[] keys = keys(held);
    return jdbc.sql("update webhook_delivery set next_attempt_at = ?, lease_until = ? where leased_by = ? and (tenant_id, id)" + KEYS
            + " and status = 'PENDING' returning tenant_id, id")
        .params(Instants.utc(until), Instants.utc(until), holder, keys[0], keys[1])
        .query((rs, n) -> new Key(new TenantId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class))).list();
  }

  /**
   * Gives back deliveries claimed but not sent (this node is stopping): due again at once, for
   * another node, and their attempts, which never left, taken back out of the count and the log.
   */
  @Transactional
  void unsent(List<Claimed> unsent, String holder) {
    Object[] keys = keys(unsent.stream().map(Claimed::key).toList());
    int given = jdbc.sql("update webhook_delivery set next_attempt_at = ?, leased_by = null, lease_until = null, attempts = attempts - 1"
            + " where (tenant_id, id)" + KEYS + " and leased_by = ? and status = 'PENDING'")
        .params(Instants.utc(clock.instant()), keys[0], keys[1], holder).update();
    if (given > 0) {
      jdbc.sql("delete from webhook_attempt where (tenant_id, id)" + KEYS + " and outcome = 'IN_FLIGHT'")
          .params(keys[0], unsent.stream().map(Claimed::attempt).toArray(UUID[]::new)).update();
    }
  }

  /** The change a delivery carries. */
  Change change(Claimed d) {
    return changes.after(d.tenant(), d.sequence() - 1, 1).get(0);
  }

  /**
   * Logs an attempt and moves the delivery on: delivered, retried later, or (after give-up-after)
   * failed. A receiver answering 429 or 503 with {@code Retry-After} is retried when it asked
   * (up to the retry cap); otherwise the service's backoff decides.
   */
  @Transactional
  void record(Claimed d, String holder, Integer status, String error, long latencyMs, String excerpt, String retryAfter) {
    Instant now = Instants.truncate(clock.instant());
    // the answer is the truth, even one that came after the lease was lost and the attempt was called abandoned
    jdbc.sql("update webhook_attempt set outcome = ?, status_code = ?, error = ?, latency_ms = ?, response_excerpt = ?"
            + " where tenant_id = ? and id = ?")
        .params(status != null ? "RESPONDED" : "FAILED", status, error, (int) Math.min(latencyMs, Integer.MAX_VALUE), excerpt, d.tenant().value(), d.attempt())
        .update();
    if (status != null && status >= 200 && status < 300) {
      jdbc.sql("update webhook_delivery set status = 'DELIVERED', delivered_at = ?, next_attempt_at = null, leased_by = null, lease_until = null"
              + " where tenant_id = ? and id = ?")
          .params(Instants.utc(now), d.tenant().value(), d.id()).update();
      return;
    }
    int ours = jdbc.sql("update webhook_delivery set leased_by = null, lease_until = null where tenant_id = ? and id = ? and leased_by = ?")
        .params(d.tenant().value(), d.id(), holder).update();
    if (ours == 0) {
      return; // another node holds the delivery now (this one stood still past its lease): its attempt decides what follows
    }
    Instant created = jdbc.sql("select created_at from webhook_delivery where tenant_id = ? and id = ?").params(d.tenant().value(), d.id())
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).single();
    if (!now.isBefore(created.plus(giveUpAfter))) {
      jdbc.sql("update webhook_delivery set status = 'FAILED', next_attempt_at = null where tenant_id = ? and id = ?").params(d.tenant().value(), d.id())
          .update();
      int disabled = jdbc.sql("update webhook set enabled = false, disabled_reason = 'FAILING', updated_at = ?, revision = revision + 1"
              + " where tenant_id = ? and id = ? and enabled")
          .params(Instants.utc(now), d.tenant().value(), d.webhookId()).update();
      if (disabled == 1) {
        outbox.record(d.tenant(), DomainEvent.action(FQDN, "disabled", d.webhookId().toString(), null, Map.of(
            "webhookId", d.webhookId().toString(), "url", d.url(), "reason", "FAILING",
            "failingSince", Instants.format(created), "lastStatusCode", status == null ? "none" : status.toString())));
      }
      return;
    }
    boolean asked = status != null && (status == 429 || status == 503);
    long delay = Backoffs.delay(d.attempts(), asked ? retryAfter : null, now, retryBase, retryCap).toMillis();
    jdbc.sql("update webhook_delivery set next_attempt_at = ? where tenant_id = ? and id = ?").params(Instants.utc(now.plusMillis(delay)), d.tenant().value(), d.id())
        .update();
  }
}
