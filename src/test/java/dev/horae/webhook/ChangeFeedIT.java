package dev.horae.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.outbox.DomainEvent;
import dev.horae.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The pull feed: envelopes in sequence order, and a cursor that never skips a change, even under concurrent writers. */
class ChangeFeedIT extends ApiTest {
  @org.springframework.beans.factory.annotation.Autowired dev.horae.outbox.Outbox outbox;
  @org.springframework.beans.factory.annotation.Autowired org.springframework.transaction.support.TransactionTemplate transactions;

  @Test
  void the_feed_pages_envelopes_in_sequence_order_from_a_cursor() {
    String start = drain(null, new ArrayList<>());
    Fixtures fixtures = new Fixtures(api);
    String schedule = fixtures.schedule(Map.of("name", "Feed"));
    String day = java.time.LocalDate.now().plusDays(3).toString(); // inside the events view
    fixtures.event(schedule, day + "T10:00:00", day + "T11:00:00", Map.of("title", "Fed"));
    Response page = api.get("/v1/changes?limit=2&cursor=" + start);
    assertThat(page.status()).isEqualTo(200);
    JsonNode changes = page.json().get("changes");
    assertThat(changes.size()).isEqualTo(2);
    assertThat(changes.get(0).get("type").stringValue()).isEqualTo("wix.calendar.v3.schedule.created");
    assertThat(changes.get(0).get("entityId").stringValue()).isEqualTo(schedule);
    assertThat(changes.get(0).get("revision").stringValue()).isEqualTo("1");
    assertThat(changes.get(0).at("/data/createdEvent/entity/name").stringValue()).isEqualTo("Feed");
    assertThat(changes.get(1).get("type").stringValue()).isEqualTo("wix.calendar.v3.event.created");
    long first = Long.parseLong(changes.get(0).get("sequence").stringValue());
    assertThat(Long.parseLong(changes.get(1).get("sequence").stringValue())).isEqualTo(first + 1);
    Response rest = api.get("/v1/changes?cursor=" + page.at("/nextCursor").stringValue());
    assertThat(rest.json().get("changes").get(0).get("type").stringValue()).isEqualTo("wix.calendar.v3.events_view.projection_updated");
    String end = rest.at("/nextCursor").stringValue();
    Response nothing = api.get("/v1/changes?cursor=" + end);
    assertThat(nothing.json().get("changes").size()).isZero();
    assertThat(nothing.at("/nextCursor").stringValue()).isEqualTo(end);
    assertThat(api.get("/v1/changes?cursor=not-a-cursor").status()).isEqualTo(400);
    assertThat(api.get("/v1/changes?limit=0").status()).isEqualTo(400);
  }

  @Test
  void a_reader_polling_during_concurrent_writes_sees_every_change_once_and_never_a_gap() throws Exception {
    List<Long> seen = new ArrayList<>();
    String cursor = drain(null, seen);
    seen.clear();
    Fixtures fixtures = new Fixtures(api);
    int writers = 6;
    int each = 20;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      done.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          fixtures.schedule(Map.of());
        }
        return null;
      }));
    }
    long previous = -1;
    int gaps = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (seen.size() < writers * each && System.nanoTime() < deadline) {
      Response page = api.get("/v1/changes?limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
      for (JsonNode change : page.json().get("changes")) {
        long sequence = Long.parseLong(change.get("sequence").stringValue());
        if (previous >= 0 && sequence != previous + 1) {
          gaps++;
        }
        previous = sequence;
        seen.add(sequence);
      }
      cursor = page.at("/nextCursor").stringValue();
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    assertThat(seen).hasSize(writers * each).doesNotHaveDuplicates();
    assertThat(gaps).isZero();
  }

  /** Records one change in the current transaction, the way a design under test numbers it. */
  interface Recorder {
    void record(dev.horae.shared.TenantId tenant, String slug);
  }

  /**
   * T1 records a change and stays open; T2 records another and commits at once; a reader reads the
   * feed while T1 is open, then T1 commits and the reader continues from its cursor. Answers the
   * slugs the reader saw, in order.
   */
  private List<String> lateCommit(dev.horae.support.Api reader, dev.horae.shared.TenantId tenant, Recorder recorder) throws Exception {
    String cursor = drain(reader, null, new ArrayList<>());
    java.util.concurrent.CountDownLatch recorded = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Future<?> slow = pool.submit(() -> transactions.executeWithoutResult(status -> {
      recorder.record(tenant, "slow");
      recorded.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
    pool.submit(() -> transactions.executeWithoutResult(status -> recorder.record(tenant, "fast"))).get(10, TimeUnit.SECONDS);
    List<String> seen = new ArrayList<>();
    Response during = reader.get("/v1/changes?cursor=" + cursor);
    during.json().get("changes").forEach(c -> seen.add(c.get("slug").stringValue()));
    cursor = during.at("/nextCursor").stringValue();
    release.countDown();
    slow.get(10, TimeUnit.SECONDS);
    pool.shutdown();
    Thread.sleep(1500); // longer than the numbering sweep's second
    reader.get("/v1/changes?cursor=" + cursor).json().get("changes").forEach(c -> seen.add(c.get("slug").stringValue()));
    return seen;
  }

  @Test
  void a_change_that_commits_late_is_never_skipped_by_a_cursor_that_moved_on() throws Exception {
    // Horae: the reader sees the committed change at once and the late one after its commit, numbered after it
    List<String> seen = lateCommit(api, tenant.id(),
        (t, slug) -> outbox.record(t, DomainEvent.action("test.entity", slug, slug, 1L, Map.of("n", 1))));
    assertThat(seen).containsExactly("fast", "slow");
  }

  @org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void the_late_commit_scenario_catches_a_feed_numbered_at_insert() throws Exception {
    // the same scenario against a naive design, numbers taken from a sequence at insert: the reader's cursor passes
    // the late change's lower number before it commits, and never sees it
    dev.horae.tenant.Tenants.NewTenant naive = tenants.create("Naive feed", java.util.Optional.empty());
    jdbc.sql("create sequence if not exists test_naive_feed start 1000000").update();
    List<String> seen = lateCommit(new dev.horae.support.Api(port, naive.apiKey()), naive.id(), (t, slug) -> jdbc.sql(
            "insert into domain_event (tenant_id, sequence, id, entity_fqdn, slug, entity_id, entity_revision, payload, occurred_at)"
                + " values (?, nextval('test_naive_feed'), ?, 'test.entity', ?, ?, 1, '{}', now())")
        .params(t.value(), java.util.UUID.randomUUID(), slug, slug).update());
    assertThat(seen).as("what a reader of the naive feed saw").containsExactly("fast");
  }

  private String drain(String cursor, List<Long> into) {
    return drain(api, cursor, into);
  }

  /** Reads the feed to its end; answers the cursor there. */
  private static String drain(dev.horae.support.Api api, String cursor, List<Long> into) {
    while (true) {
      Response page = api.get("/v1/changes?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
      JsonNode changes = page.json().get("changes");
      changes.forEach(c -> into.add(Long.parseLong(c.get("sequence").stringValue())));
      cursor = page.at("/nextCursor").stringValue();
      if (changes.isEmpty()) {
        return cursor;
      }
    }
  }
}
