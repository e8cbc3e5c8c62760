package dev.horae.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Cluster;
import dev.horae.support.Fixtures;
import dev.horae.support.Receiver;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code kill -9} during delivery: the service runs as a separate process (the built jar) on the
 * test's database, is killed while delivering, and restarted. Every change arrives; a change that
 * arrives twice carries the same {@code webhook-id}. The test's own context does not deliver.
 */
@TestPropertySource(properties = "horae.webhooks.enabled=false")
class DeliveryCrashIT extends ApiTest {
  @Autowired DataSource dataSource;

  private Cluster start() throws Exception {
    return Cluster.start(dataSource, ApiTest.onServerPostgres() ? "horae_it" : null, 1, false, Map.of(
        "horae.webhooks.enabled", "true", "horae.webhooks.poll-interval", "PT0.1S", "horae.cluster.lease", "PT3S",
        "horae.cluster.heartbeat", "PT1S", "horae.webhooks.retry-base", "PT0.2S", "horae.webhooks.timeout", "PT2S"));
  }

  @Test
  void killed_while_delivering_then_restarted_every_change_arrives_and_duplicates_share_their_id() throws Exception {
    try (Receiver receiver = new Receiver()) {
      java.util.concurrent.atomic.AtomicInteger answering = new java.util.concurrent.atomic.AtomicInteger();
      receiver.answer("/crash", n -> {
        answering.incrementAndGet();
        try {
          Thread.sleep(150); // slow enough that the kill lands mid-delivery
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          answering.decrementAndGet();
        }
        return 200;
      });
      Response webhook = api.post("/v1/webhooks", Map.of("url", receiver.url("/crash"), "eventTypes", List.of("wix.calendar.v3.schedule.created")));
      assertThat(webhook.status()).isEqualTo(200);
      Fixtures fixtures = new Fixtures(api);
      Set<String> expected = new HashSet<>();
      for (int i = 0; i < 60; i++) {
        fixtures.schedule(Map.of("name", "Crash " + i));
      }
      api.get("/v1/changes?limit=1000").json().get("changes").forEach(c -> {
        if (c.get("type").stringValue().equals("wix.calendar.v3.schedule.created")) {
          expected.add(c.get("id").stringValue());
        }
      });
      assertThat(expected).hasSize(60);

      int beforeRestart;
      try (Cluster node = start()) {
        // the kill lands while a delivery is being answered, not in the gap between two (then nothing would be cut short)
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(5))
            .until(() -> receiver.calls("/crash").size() >= 10 && answering.get() > 0 || !node.alive(0));
        assertThat(node.alive(0)).as(node.log(0)).isTrue();
        node.kill(0); // SIGKILL: no shutdown hooks, leases left behind
        beforeRestart = receiver.calls("/crash").size();
        assertThat(beforeRestart).isLessThan(60);
        node.restart(0);
        // every change arrived, and every delivery is settled: one the killed node sent but never recorded is
        // sent again once its lease runs out (the receiver may already have it: same webhook-id)
        var db = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        await().atMost(Duration.ofSeconds(120)).until(() -> !node.alive(0)
            || receiver.calls("/crash").stream().map(c -> c.header("webhook-id")).distinct().count() == 60
            && db.queryForObject("select count(*) from webhook_delivery where tenant_id = ? and status <> 'DELIVERED'", Long.class, tenant.id().value()) == 0);
        assertThat(node.alive(0)).as(node.log(0)).isTrue();
      }
      List<String> ids = receiver.calls("/crash").stream().map(c -> c.header("webhook-id")).toList();
      assertThat(new HashSet<>(ids)).isEqualTo(expected);
      // the log tells every attempt, the killed node's unfinished ones as abandoned
      var jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
      List<Map<String, Object>> counts = jdbc.queryForList("select d.id, d.attempts, count(a.id) as logged,"
          + " count(a.id) filter (where a.outcome = 'ABANDONED') as abandoned, count(a.id) filter (where a.outcome = 'IN_FLIGHT') as in_flight"
          + " from webhook_delivery d left join webhook_attempt a on a.tenant_id = d.tenant_id and a.delivery_id = d.id where d.tenant_id = ? group by d.id, d.attempts",
          tenant.id().value());
      assertThat(counts).hasSize(60).allSatisfy(row -> {
        assertThat(((Number) row.get("logged")).intValue()).as("attempts logged for %s", row.get("id")).isEqualTo(row.get("attempts"));
        assertThat(((Number) row.get("in_flight")).intValue()).isZero();
      });
      long abandoned = counts.stream().mapToLong(row -> ((Number) row.get("abandoned")).longValue()).sum();
      assertThat(abandoned).as("attempts the kill cut short").isPositive();
      System.out.printf("crash test: %d deliveries before the kill, %d calls in all for %d changes, %d attempts logged as abandoned%n",
          beforeRestart, ids.size(), expected.size(), abandoned);
    }
  }
}
