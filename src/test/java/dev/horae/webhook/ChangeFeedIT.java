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

  @Test
  void a_change_that_commits_late_is_never_skipped_by_a_cursor_that_moved_on() throws Exception {
    String cursor = drain(null, new ArrayList<>());
    java.util.concurrent.CountDownLatch recorded = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    // T1 records a change and stays open; T2 records another and commits at once.
    Future<?> slow = pool.submit(() -> transactions.executeWithoutResult(status -> {
      outbox.record(tenant.id(), DomainEvent.action("test.entity", "slow", "1", 1L, Map.of("n", 1)));
      recorded.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
    Future<?> fast = pool.submit(() -> transactions.executeWithoutResult(status ->
        outbox.record(tenant.id(), DomainEvent.action("test.entity", "fast", "2", 1L, Map.of("n", 2)))));
    Thread.sleep(500);
    // While T1 is open the reader sees neither change, so its cursor cannot pass T1's.
    Response during = api.get("/v1/changes?cursor=" + cursor);
    assertThat(during.json().get("changes").size()).isZero();
    cursor = during.at("/nextCursor").stringValue();
    release.countDown();
    slow.get(10, TimeUnit.SECONDS);
    fast.get(10, TimeUnit.SECONDS);
    pool.shutdown();
    Response after = api.get("/v1/changes?cursor=" + cursor);
    assertThat(after.json().get("changes").valueStream().map(c -> c.get("slug").stringValue()).toList()).containsExactly("slow", "fast");
  }

  /** Reads the feed to its end; answers the cursor there. */
  private String drain(String cursor, List<Long> into) {
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
