package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.horae.connection.emulator.Emulators;
import dev.horae.connection.emulator.GoogleEmulator;
import dev.horae.support.Api;
import dev.horae.support.ApiTest;
import dev.horae.support.Cluster;
import dev.horae.support.Fixtures;
import dev.horae.support.Radicale;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * One sync per connection, whoever asks, on two nodes (this test's and a node of the built jar) on
 * one PostgreSQL, both running the sync worker: 20 simultaneous {@code POST …/sync} split between
 * the nodes, beside the workers and, for Google, a stream of push notifications. Exactly one
 * dedicated export calendar, one copy per event, every request answered, no push lost; a creation
 * retried after the calendar was made but not recorded finds it; disconnect removes every copy.
 */
@TestPropertySource(properties = {"horae.sync.enabled=true", "horae.sync.poll-interval=PT0.2S", "horae.sync.interval=PT1H"})
class ConcurrentSyncIT extends ApiTest {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  private static final int REQUESTS = 20;
  @org.junit.jupiter.api.extension.RegisterExtension
  static final Emulators PROVIDERS = Emulators.withGoogle("sam@example.com");
  static final GoogleEmulator GOOGLE = PROVIDERS.google();
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  private Cluster cluster;
  private Api other;

  @DynamicPropertySource
  static void google(DynamicPropertyRegistry registry) {
    PROVIDERS.register(registry);
  }


  @BeforeAll
  void secondNode() throws Exception {
    Map<String, String> settings = new java.util.LinkedHashMap<>(PROVIDERS.settings());
    settings.remove("server.port"); // its own port; push notifications still go to this test's node (horae.public-url)
    settings.put("horae.sync.enabled", "true");
    settings.put("horae.sync.poll-interval", "PT0.2S");
    settings.put("horae.sync.interval", "PT1H");
    cluster = Cluster.start(dataSource, ApiTest.onServerPostgres() ? "horae_it" : null, 1, false, settings);
    other = cluster.node(0).withKey(tenant.apiKey());
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void caldav_twenty_simultaneous_syncs_on_two_nodes_make_one_calendar_and_one_copy_each() throws Exception {
    Radicale alice = Radicale.alice();
    Set<String> before = new HashSet<>(alice.calendars());
    Fixtures fixtures = new Fixtures(api);
    String schedule = fixtures.schedule(Map.of("name", "Busy " + UUID.randomUUID().toString().substring(0, 6), "timeZone", "UTC"));
    LocalDate day = LocalDate.now().plusDays(3);
    for (int i = 0; i < 3; i++) {
      fixtures.event(schedule, day + "T1" + i + ":00:00", day + "T1" + i + ":30:00", Map.of("title", "Lesson " + i));
    }
    var connected = api.post(PREFIX + "/connections:connectByCredentials", Map.of("scheduleId", schedule, "providerId", Provider.CALDAV,
        "email", alice.user, "password", alice.password, "serverUrl", alice.url()));
    assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    String id = connected.at("/connection/id").stringValue();
    new ConnectionCalls(api).configure(id, Map.of("syncToCalendar", Map.of("enabled", true, "dedicatedCalendar", Map.of())));

    assertThat(burst(id, () -> { })).as("every request is answered 200 with the connection synced").containsOnly(200);
    String calendar = exportCalendar(id);
    assertThat(calendar).endsWith("/horae-" + id + "/");
    assertThat(madeSince(alice, before)).as("dedicated calendars made").containsExactly(java.net.URI.create(calendar).getPath());
    assertThat(alice.objects(calendar)).hasSize(3).doesNotHaveDuplicates();

    // the calendar was made, then the node died before recording it: the retry finds it instead of making another
    quiet(id);
    jdbc.sql("update connection set export_calendar_url = null where id = ?").params(UUID.fromString(id)).update();
    new ConnectionCalls(other).sync(id);
    assertThat(exportCalendar(id)).isEqualTo(calendar);
    assertThat(madeSince(alice, before)).hasSize(1);
    assertThat(alice.objects(calendar)).hasSize(3);

    // disconnect while both workers and more syncs run: nothing is left behind, and nothing comes back
    jdbc.sql("update connection set next_sync_at = now() where id = ?").params(UUID.fromString(id)).update();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> syncs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Api node = i % 2 == 0 ? api : other;
      syncs.add(pool.submit(() -> node.post(PREFIX + "/connections/" + id + "/sync", Map.of()).status()));
    }
    var disconnected = other.post(PREFIX + "/connections/" + id + "/disconnect", Map.of());
    assertThat(disconnected.status()).as(disconnected.toString()).isEqualTo(200);
    for (Future<Integer> s : syncs) {
      assertThat(s.get()).as("a sync after the disconnect is refused, never a 5xx").isIn(200, 428);
    }
    pool.shutdown();
    Thread.sleep(1000); // two worker polls
    assertThat(alice.objects(calendar)).as("copies left after disconnect").isEmpty();
  }

  @Test
  void google_twenty_simultaneous_syncs_and_pushes_on_two_nodes_make_one_calendar_and_lose_no_change() throws Exception {
    String name = "Pat " + UUID.randomUUID().toString().substring(0, 6);
    Fixtures fixtures = new Fixtures(api);
    String schedule = fixtures.schedule(Map.of("name", name, "timeZone", "UTC"));
    LocalDate day = LocalDate.now().plusDays(4);
    for (int i = 0; i < 3; i++) {
      fixtures.event(schedule, day + "T1" + i + ":00:00", day + "T1" + i + ":30:00", Map.of("title", "Class " + i));
    }
    String id = OAuthFlow.connectGoogle(api, port, GOOGLE, schedule);
    new ConnectionCalls(api).configure(id, Map.of("listEventFromCalendars", Map.of("enabled", true, "primaryCalendar", Map.of()),
        "syncToCalendar", Map.of("enabled", true, "dedicatedCalendar", Map.of())));
    new ConnectionCalls(api).sync(id); // the watch channel exists from here on

    // a stream of changes in Google while the syncs run: each one a push notification to this node
    Instant first = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    AtomicInteger pushed = new AtomicInteger();
    List<Integer> statuses = burst(id, () -> {
      int n = pushed.getAndIncrement();
      Instant start = first.plus(n, ChronoUnit.HOURS);
      GOOGLE.put(GOOGLE.email, GoogleEmulator.event("Pushed " + n, start, start.plus(30, ChronoUnit.MINUTES), null));
    });
    assertThat(statuses).as("every request is answered 200").containsOnly(200);
    assertThat(pushed.get()).isPositive();

    List<String> dedicated = GOOGLE.calendarsNamed("Horae: " + name);
    assertThat(dedicated).as("dedicated calendars made").hasSize(1);
    assertThat(exportCalendar(id)).isEqualTo(dedicated.get(0));
    assertThat(GOOGLE.events(dedicated.get(0)).stream().map(e -> e.get("summary").asString()).toList())
        .containsExactlyInAnyOrder("Class 0", "Class 1", "Class 2");

    // every change pushed, also those that arrived while a sync was running, is imported without another request
    int changes = pushed.get();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
        new ConnectionCalls(api).busy(schedule, first.atZone(java.time.ZoneOffset.UTC).toLocalDate(), first.plus(changes + 24, ChronoUnit.HOURS)
            .atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1)).stream().filter(b -> b.startsWith("Pushed ")).count())
        .isEqualTo(changes));

    // made but not recorded: the retry finds the calendar by the name it claimed
    quiet(id);
    jdbc.sql("update connection set export_calendar_url = null where id = ?").params(UUID.fromString(id)).update();
    new ConnectionCalls(other).sync(id);
    assertThat(exportCalendar(id)).isEqualTo(dedicated.get(0));
    assertThat(GOOGLE.calendarsNamed("Horae: " + name)).isEqualTo(dedicated);
    assertThat(GOOGLE.events(dedicated.get(0))).hasSize(3);
  }

  /** {@value #REQUESTS} simultaneous syncs, alternating the nodes, with {@code meanwhile} run every 50 ms until they are answered; answers their statuses. */
  private List<Integer> burst(String id, Runnable meanwhile) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(REQUESTS + 1);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        Api node = i % 2 == 0 ? api : other;
        answers.add(pool.submit(() -> {
          go.await();
          var r = node.post(PREFIX + "/connections/" + id + "/sync", Map.of());
          assertThat(r.status() != 200 || r.at("/connection/status").stringValue().equals("SYNCED")).as(r.toString()).isTrue();
          return r.status();
        }));
      }
      AtomicBoolean done = new AtomicBoolean();
      Future<?> stream = pool.submit(() -> {
        while (!done.get()) {
          meanwhile.run();
          Thread.sleep(50);
        }
        return null;
      });
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> a : answers) {
        statuses.add(a.get());
      }
      done.set(true);
      stream.get();
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits until no sync of the connection runs and none is due (follow-ups of the burst done), so the next sync asked for runs itself. */
  private void quiet(String id) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql("select sync_holder is null"
        + " and next_sync_at > now() + interval '1 minute' from connection where id = ?").params(UUID.fromString(id)).query(Boolean.class).single());
  }

  private String exportCalendar(String id) {
    return jdbc.sql("select export_calendar_url from connection where id = ?").params(UUID.fromString(id)).query(String.class).single();
  }

  private static List<String> madeSince(Radicale account, Set<String> before) {
    return account.calendars().stream().filter(c -> !before.contains(c)).toList();
  }
}
