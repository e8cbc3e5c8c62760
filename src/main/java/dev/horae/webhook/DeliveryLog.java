package dev.horae.webhook;

import dev.horae.outbox.Change;
import dev.horae.outbox.Changes;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The delivery log of a subscription (newest first, every attempt), and replays. */
@Component
class DeliveryLog {
  private final JdbcClient jdbc;
  private final WebhookRepository webhooks;
  private final Changes changes;
  private final Deliveries deliveries;
  private final Clock clock;

  DeliveryLog(JdbcClient jdbc, WebhookRepository webhooks, Changes changes, Deliveries deliveries, Clock clock) {
    this.jdbc = jdbc;
    this.webhooks = webhooks;
    this.changes = changes;
    this.deliveries = deliveries;
    this.clock = clock;
  }

  /** One attempt; {@code node} names the node that sent it, {@code latencyMs} is absent until it has an outcome. */
  record Attempt(String attemptedDate, AttemptOutcome outcome, Integer statusCode, String error, Integer latencyMs, String responseExcerpt,
      String node) {}

  record Delivery(
      String id, String webhookId, String changeId, String sequence, String entityId, String status, int attempts,
      String nextAttemptDate, String createdDate, String deliveredDate, String replayOf, List<Attempt> attemptLog) {}

  /** Deliveries created before {@code before} (a cursor: created date and id), newest first. */
  List<Delivery> list(TenantId tenant, UUID webhookId, Instant before, UUID beforeId, int limit) {
    webhooks.find(tenant, webhookId, false).orElseThrow(() -> Rejection.notFound("Webhook", webhookId));
    List<Map<String, Object>> rows = jdbc.sql("select * from webhook_delivery where tenant_id = ? and webhook_id = ?"
            + " and (created_at, id) < (?, ?) order by created_at desc, id desc limit ?")
        .params(tenant.value(), webhookId, Instants.utc(before), beforeId, limit)
        .query().listOfRows();
    Map<UUID, List<Attempt>> attempts = new HashMap<>();
    if (!rows.isEmpty()) {
      UUID[] ids = rows.stream().map(r -> (UUID) r.get("id")).toArray(UUID[]::new);
      // an attempt still in flight after its delivery's lease ran out was abandoned (the next claim records it so)
      jdbc.sql("select a.*, d.lease_until < ? as lease_over from webhook_attempt a"
              + " join webhook_delivery d on d.tenant_id = a.tenant_id and d.id = a.delivery_id"
              + " where a.tenant_id = ? and a.delivery_id = any(?) order by a.attempted_at, a.id")
          .params(Instants.utc(clock.instant()), tenant.value(), (Object) ids)
          .query((rs, n) -> {
            AttemptOutcome outcome = AttemptOutcome.valueOf(rs.getString("outcome"));
            if (outcome == AttemptOutcome.IN_FLIGHT && rs.getBoolean("lease_over")) {
              outcome = AttemptOutcome.ABANDONED;
            }
            boolean ended = outcome == AttemptOutcome.RESPONDED || outcome == AttemptOutcome.FAILED;
            String error = outcome == AttemptOutcome.ABANDONED && rs.getString("error") == null
                ? AttemptOutcome.ABANDONED_ERROR : rs.getString("error");
            attempts.computeIfAbsent(rs.getObject("delivery_id", UUID.class), k -> new ArrayList<>()).add(new Attempt(
                Instants.format(rs.getObject("attempted_at", OffsetDateTime.class).toInstant()), outcome, (Integer) rs.getObject("status_code"),
                error, ended ? rs.getInt("latency_ms") : null, rs.getString("response_excerpt"), rs.getString("node")));
            return null;
          }).list();
    }
    return rows.stream().map(r -> new Delivery(r.get("id").toString(), webhookId.toString(), r.get("event_id").toString(),
        r.get("sequence").toString(), (String) r.get("entity_id"), (String) r.get("status"), (Integer) r.get("attempts"),
        format(r.get("next_attempt_at")), format(r.get("created_at")), format(r.get("delivered_at")),
        r.get("replay_of") == null ? null : r.get("replay_of").toString(), attempts.getOrDefault((UUID) r.get("id"), List.of()))).toList();
  }

  /** Sends one delivery's change again, as a new delivery with the same webhook-id. */
  @Transactional
  int replay(TenantId tenant, UUID webhookId, UUID deliveryId) {
    webhooks.find(tenant, webhookId, false).orElseThrow(() -> Rejection.notFound("Webhook", webhookId));
    Long sequence = jdbc.sql("select sequence from webhook_delivery where tenant_id = ? and webhook_id = ? and id = ?")
        .params(tenant.value(), webhookId, deliveryId).query(Long.class).optional()
        .orElseThrow(() -> Rejection.notFound("Delivery", deliveryId));
    Change change = changes.after(tenant, sequence - 1, 1).get(0);
    return deliveries.insert(tenant, webhookId, change, Instants.truncate(clock.instant()), deliveryId);
  }

  /** Sends again every change the subscription wants that was recorded in {@code [from, to)}. */
  @Transactional
  int replay(TenantId tenant, UUID webhookId, Instant from, Instant to) {
    Webhook w = webhooks.find(tenant, webhookId, false).orElseThrow(() -> Rejection.notFound("Webhook", webhookId));
    if (!from.isBefore(to)) {
      throw Rejection.invalid("to", "must be after from");
    }
    List<Long> sequences = jdbc.sql("select sequence from domain_event where tenant_id = ? and occurred_at >= ? and occurred_at < ?"
            + " and sequence <= ? order by sequence limit 10001")
        .params(tenant.value(), Instants.utc(from), Instants.utc(to), w.lastSequence()).query(Long.class).list();
    if (sequences.size() > 10_000) {
      throw Rejection.invalid("from", "the range holds more than 10,000 changes; replay a shorter one");
    }
    int n = 0;
    Instant now = Instants.truncate(clock.instant());
    for (Long sequence : sequences) {
      Change c = changes.after(tenant, sequence - 1, 1).get(0);
      if (w.wants(c.type())) {
        n += deliveries.insert(tenant, webhookId, c, now, c.id());
      }
    }
    return n;
  }

  private static String format(Object timestamp) {
    if (timestamp == null) {
      return null;
    }
    if (timestamp instanceof OffsetDateTime odt) {
      return Instants.format(odt.toInstant());
    }
    if (timestamp instanceof java.sql.Timestamp ts) {
      return Instants.format(ts.toInstant());
    }
    return timestamp.toString();
  }
}
