package dev.horae.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Cluster;
import dev.horae.support.Operator;
import dev.horae.support.ScratchPostgres;
import dev.horae.support.ScratchRadicale;
import dev.horae.support.Radicale;
import dev.horae.support.Fixtures;
import dev.horae.support.Receiver;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import static org.awaitility.Awaitility.await;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three nodes of the built jar on one PostgreSQL behind haproxy (round robin, no sticky sessions):
 * any node serves any request, and any node can die. The PostgreSQL is the test's own ({@link
 * ScratchPostgres}), so one test can restart it under load; so is the CalDAV server ({@link
 * ScratchRadicale}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {
  /** Sync and webhooks on, with the shipped lease (15 s) and heartbeat (5 s); fast polls so a test waits for leases, not polls. */
  static final Map<String, String> WORKING = Map.of("horae.sync.enabled", "true", "horae.sync.poll-interval", "PT1S",
      "horae.webhooks.enabled", "true", "horae.webhooks.poll-interval", "PT0.2S", "horae.webhooks.retry-base", "PT0.2S",
      "horae.webhooks.timeout", "PT5S");
  private ScratchPostgres scratch;
  private ScratchRadicale radicale;
  private dev.horae.support.SlowSmtp smtp;
  private Cluster cluster;
  private String url;
  private String user;

  @BeforeAll
  void start() throws Exception {
    // once, in the embedded pass: it brings its own PostgreSQL either way (one it may restart), so a second pass would
    // only run the same again
    org.junit.jupiter.api.Assumptions.assumeFalse(ApiTest.onServerPostgres(), "the cluster suite runs in the embedded pass");
    radicale = new ScratchRadicale();
    scratch = new ScratchPostgres();
    url = scratch.jdbcUrl();
    user = scratch.user();
    smtp = new dev.horae.support.SlowSmtp(150); // 150 ms to accept a message: a kill catches sends in flight
    Map<String, String> settings = new java.util.HashMap<>(WORKING);
    settings.putAll(Map.of("horae.mail.host", "127.0.0.1", "horae.mail.port", Integer.toString(smtp.port()), "horae.mail.security", "NONE",
        "horae.mail.poll-interval", "PT0.2S", "horae.mail.retry-base", "PT0.2S", "horae.mail.timeout", "PT5S"));
    cluster = Cluster.start(url, user, null, 3, true, settings);
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (scratch != null) {
      scratch.close();
    }
    if (radicale != null) {
      radicale.close();
    }
    if (smtp != null) {
      smtp.close();
    }
  }

  /** Every node is up again after a test that stopped one. */
  @AfterEach
  void everyNodeUp() throws Exception {
    for (int i = 0; i < cluster.size(); i++) {
      if (!cluster.alive(i)) {
        cluster.restart(i);
      }
    }
  }

  private Connection database() throws Exception {
    return DriverManager.getConnection(url, user, null);
  }

  private static String node(Response r) {
    return r.header("X-Horae-Node");
  }

  @Test
  void the_console_signed_in_through_the_balancer_works_on_every_node_and_signing_out_ends_it_everywhere() throws Exception {
    Operator.Tenant t = new Operator(cluster.balancer()).tenant("Console everywhere");
    Api console = cluster.balancer().withHeader("X-Horae-Console", "1");
    Response signIn = console.post("/console/session", Map.of("apiKey", t.key()));
    assertThat(signIn.status()).as(signIn.toString()).isEqualTo(200);
    String setCookie = signIn.header("Set-Cookie");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    assertThat(cookie).startsWith("HORAE_CONSOLE=");

    // round robin through the balancer: every request lands on another node, and each knows the session
    Api signedIn = console.withHeader("Cookie", cookie);
    Set<String> servedBy = new HashSet<>();
    for (int i = 0; i < 9; i++) {
      Response r = signedIn.get("/console/api/v1/api-keys/current");
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      servedBy.add(node(r));
    }
    assertThat(servedBy).as("the nodes that answered").hasSize(3);
    for (int i = 0; i < cluster.size(); i++) { // and each node directly
      Response r = cluster.node(i).withHeader("X-Horae-Console", "1").withHeader("Cookie", cookie).get("/console/session");
      assertThat(r.at("/signedIn").booleanValue()).as("node %d", i + 1).isTrue();
    }

    // the key is in PostgreSQL only sealed
    try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery("select attribute_bytes from spring_session_attributes")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        assertThat(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(t.key());
      }
      assertThat(rows).isPositive();
    }

    // signing out on node 2 ends the session on nodes 1 and 3 too
    Response out = cluster.node(1).withHeader("X-Horae-Console", "1").withHeader("Cookie", cookie).delete("/console/session");
    assertThat(out.status()).as(out.toString()).isEqualTo(204);
    for (int i = 0; i < cluster.size(); i++) {
      Response r = cluster.node(i).withHeader("X-Horae-Console", "1").withHeader("Cookie", cookie)
          .get("/console/api/v1/api-keys/current");
      assertThat(r.status()).as("node %d after sign-out: %s", i + 1, r).isEqualTo(401);
    }
  }

  @Test
  void a_key_revoked_through_the_balancer_is_refused_by_every_node_within_a_second() {
    Operator.Tenant t = new Operator(cluster.balancer()).tenant("Revoked everywhere");
    Response made = cluster.balancer().withKey(t.key())
        .post("/v1/api-keys", Map.of("apiKey", Map.of("name", "leaked", "scopes", List.of("calendar:read"))));
    String leaked = made.at("/apiKey/secret").stringValue();
    for (int i = 0; i < cluster.size(); i++) { // every node has answered with this key (and may remember it)
      for (int k = 0; k < 3; k++) {
        assertThat(cluster.node(i).withKey(leaked).get("/calendar/v3/events/view").status()).isEqualTo(200);
      }
    }
    Response revoked = cluster.balancer().withKey(t.key()).delete("/v1/api-keys/" + made.at("/apiKey/id").stringValue());
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
    long at = System.nanoTime();
    long[] refusedAfter = new long[cluster.size()];
    for (int i = 0; i < cluster.size(); i++) {
      Response r = cluster.node(i).withKey(leaked).get("/calendar/v3/events/view");
      while (r.status() == 200 && System.nanoTime() - at < 3_000_000_000L) {
        r = cluster.node(i).withKey(leaked).get("/calendar/v3/events/view");
      }
      refusedAfter[i] = (System.nanoTime() - at) / 1_000_000;
      assertThat(r.status()).as("node %d: %s", i + 1, r).isEqualTo(401);
    }
    System.out.printf("cluster: a key revoked through the balancer was refused by the three nodes after %s ms%n",
        java.util.Arrays.toString(refusedAfter));
    assertThat(java.util.Arrays.stream(refusedAfter).max().orElseThrow()).as("the slowest node, ms").isLessThan(1000);
  }

  private <T> T query(java.util.function.Function<JdbcTemplate, T> q) {
    SingleConnectionDataSource ds = new SingleConnectionDataSource(url, user, null, true);
    try {
      return q.apply(new JdbcTemplate(ds));
    } finally {
      ds.destroy();
    }
  }

  @Test
  void killing_the_node_that_is_delivering_loses_no_webhook_logs_every_attempt_and_another_node_resumes_within_30_s() throws Exception {
    Operator.Tenant t = new Operator(cluster.balancer()).tenant("Killed while delivering");
    Api api = cluster.balancer().withKey(t.key());
    try (Receiver receiver = new Receiver()) {
      slow(receiver, "/kill", 200);
      Response hook = api.post("/v1/webhooks", Map.of("url", receiver.url("/kill"), "eventTypes", List.of("wix.calendar.v3.schedule.created")));
      assertThat(hook.status()).as(hook.toString()).isEqualTo(200);
      java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
      java.util.concurrent.Future<?> written = writer.submit(() -> {
        // a request cut off by the kill is sent again with its Idempotency-Key: exactly 60 schedules, whichever node answers
        for (int i = 0; i < 60; i++) {
          Api once = api.withHeader("Idempotency-Key", "kill-delivering-" + i);
          for (int attempt = 0; ; attempt++) {
            try {
              Response r = once.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Delivered " + i)));
              if (r.status() == 200) {
                break;
              }
              assertThat(r.status()).as(r.toString()).isIn(502, 503);
            } catch (java.io.UncheckedIOException cut) {
              assertThat(attempt).as("retries of one request").isLessThan(10);
            }
          }
        }
      });
      writer.shutdown();
      String tenantId = t.id();
      String delivering = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> query(db -> db.query(
          "select a.node from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id where d.tenant_id = ?::uuid"
              + " and a.outcome = 'IN_FLIGHT' group by a.node order by count(*) desc limit 1",
          (rs, n) -> rs.getString(1), tenantId).stream().findFirst().orElse(null)), java.util.Objects::nonNull);
      int victim = cluster.indexOf(delivering);
      assertThat(victim).as("the delivering node %s", delivering).isNotNegative();
      cluster.kill(victim);
      long killedAt = System.nanoTime();
      written.get(); // the writes go on through the balancer while a node dies (haproxy skips it)
      List<String> held = query(db -> db.queryForList("select id::text from webhook_delivery where tenant_id = ?::uuid and leased_by = ?"
          + " and status = 'PENDING'", String.class, tenantId, delivering));
      assertThat(held).as("deliveries the killed node held").isNotEmpty();
      await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> query(db -> db.queryForObject(
          "select count(*) from webhook_delivery where id = any (?::uuid[]) and status = 'DELIVERED'", Long.class,
          (Object) held.toArray(String[]::new))) == held.size());
      long resumedMs = (System.nanoTime() - killedAt) / 1_000_000;
      await().atMost(Duration.ofSeconds(60)).until(() -> receiver.calls("/kill").stream().map(c -> c.header("webhook-id")).distinct().count() == 60);

      List<Map<String, Object>> log = query(db -> db.queryForList("select d.attempts, count(a.id) as logged,"
          + " count(a.id) filter (where a.outcome = 'ABANDONED' and a.node = ?) as abandoned,"
          + " count(a.id) filter (where a.outcome = 'IN_FLIGHT') as in_flight"
          + " from webhook_delivery d left join webhook_attempt a on a.delivery_id = d.id where d.tenant_id = ?::uuid group by d.id, d.attempts",
          delivering, tenantId));
      assertThat(log).hasSize(60).allSatisfy(row -> {
        assertThat(((Number) row.get("logged")).intValue()).isEqualTo(row.get("attempts"));
        assertThat(((Number) row.get("in_flight")).intValue()).isZero();
      });
      long abandoned = log.stream().mapToLong(row -> ((Number) row.get("abandoned")).longValue()).sum();
      assertThat(abandoned).as("the killed node's unfinished attempts, logged as abandoned").isPositive();
      // the API shows them too
      Response deliveries = api.get("/v1/webhooks/" + hook.at("/webhook/id").stringValue() + "/deliveries?limit=100");
      assertThat(deliveries.json().get("deliveries").valueStream().flatMap(d -> d.get("attemptLog").valueStream())
          .filter(a -> a.get("outcome").stringValue().equals("ABANDONED")).count()).isEqualTo(abandoned);
      System.out.printf("cluster: killed the delivering node; the %d deliveries it held were delivered by others %d ms later"
          + " (%d attempts logged as abandoned, %d calls for 60 changes)%n", held.size(), resumedMs, abandoned, receiver.calls("/kill").size());
      assertThat(resumedMs).as("resumed within 30 s").isLessThan(30_000);
    }
  }

  /**
   * Issue 20: kill -9 of a node mid-batch of participant notifications. Every message still
   * arrives, and a message sent again after the kill carries the Message-ID it had.
   */
  @Test
  void killing_the_node_that_is_sending_notifications_loses_none_and_a_resend_keeps_its_message_id() throws Exception {
    Operator.Tenant t = new Operator(cluster.balancer()).tenant("Killed while mailing");
    Api api = cluster.balancer().withKey(t.key());
    String schedule = api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Mailed"))).at("/schedule/id").stringValue();
    String event = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule, "title", "Class",
        "start", Map.of("localDate", "2027-06-01T10:00:00"), "end", Map.of("localDate", "2027-06-01T11:00:00")))).at("/event/id").stringValue();
    int people = 40;
    String domain = "@killed-" + t.id().substring(0, 8) + ".example";
    for (int i = 0; i < people; i++) {
      Response joined = api.post("/calendar/v3/participations", Map.of("participation", Map.of("eventId", event, "partySize", 1,
          "participant", Map.of("name", "P" + i, "email", "p" + i + domain))));
      assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
    }
    String revision = api.get("/calendar/v3/events/" + event).at("/event/revision").stringValue();
    Response moved = api.patch("/calendar/v3/events/" + event, Map.of("event", Map.of("id", event, "revision", revision,
        "start", Map.of("localDate", "2027-06-01T12:00:00"), "end", Map.of("localDate", "2027-06-01T13:00:00")),
        "participantNotification", Map.of("notifyParticipants", true, "message", "Moved to noon.")));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    String tenantId = t.id();
    // kill the node whose message the SMTP server is receiving: its send never hears the 250
    String sending = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> {
      java.util.Set<String> inFlight = smtp.receiving();
      if (inFlight.isEmpty()) {
        return null;
      }
      return query(db -> db.query("select leased_by from notification where tenant_id = ?::uuid and status = 'QUEUED' and leased_by is not null"
          + " and message_id = any (?::text[]) limit 1", (rs, n) -> rs.getString(1), tenantId, (Object) inFlight.toArray(String[]::new)))
          .stream().findFirst().orElse(null);
    }, java.util.Objects::nonNull);
    int victim = cluster.indexOf(sending);
    assertThat(victim).as("the sending node %s", sending).isNotNegative();
    cluster.kill(victim);
    long killedAt = System.nanoTime();
    List<String> held = query(db -> db.queryForList("select id::text from notification where tenant_id = ?::uuid and leased_by = ?"
        + " and status = 'QUEUED'", String.class, tenantId, sending));
    assertThat(held).as("messages the killed node held").isNotEmpty();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> query(db -> db.queryForObject(
        "select count(*) from notification where tenant_id = ?::uuid and status = 'SENT'", Long.class, tenantId)) == people);
    long resumedMs = (System.nanoTime() - killedAt) / 1_000_000;

    Map<String, String> written = new java.util.HashMap<>();
    query(db -> db.queryForList("select recipient, message_id from notification where tenant_id = ?::uuid", tenantId))
        .forEach(row -> written.put((String) row.get("recipient"), (String) row.get("message_id")));
    assertThat(written).hasSize(people);
    List<dev.horae.support.SlowSmtp.Accepted> ours = smtp.accepted().stream().filter(a -> a.recipient().endsWith(domain)).toList();
    assertThat(ours.stream().map(dev.horae.support.SlowSmtp.Accepted::recipient).distinct().count()).as("no message lost").isEqualTo(people);
    assertThat(ours).as("every copy, first or resent, carries the Message-ID written with the change")
        .allSatisfy(a -> assertThat(a.messageId()).isEqualTo(written.get(a.recipient())));
    List<Integer> attempts = query(db -> db.queryForList("select attempts from notification where id = any (?::uuid[])", Integer.class,
        (Object) held.toArray(String[]::new)));
    assertThat(attempts).as("the killed node's messages were claimed again").allSatisfy(a -> assertThat(a).isGreaterThanOrEqualTo(2));
    System.out.printf("cluster: killed the node sending notifications; the %d messages it held were sent by others within %d ms"
        + " (%d accepted for %d recipients, %d of them again with the same Message-ID)%n", held.size(), resumedMs, ours.size(), people,
        ours.size() - people);
    assertThat(ours.size()).as("the message cut off by the kill was accepted, then sent again by another node").isGreaterThan(people);
  }

  /** The receiver answers 200 on {@code path} after {@code millis}, so sends are in flight long enough to be caught. */
  private static void slow(Receiver receiver, String path, int millis) {
    receiver.answer(path, n -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 200;
    });
  }

  /** A schedule of {@code events} events, connected to alice's account on the test's Radicale, exporting to a dedicated calendar. */
  private String[] exportingConnection(Api api, String name, int events) {
    Fixtures fixtures = new Fixtures(api);
    String schedule = fixtures.schedule(Map.of("name", name, "timeZone", "UTC"));
    LocalDate day = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1);
    for (int i = 0; i < events; i++) {
      fixtures.event(schedule, day.plusDays(i) + "T10:00:00", day.plusDays(i) + "T11:00:00", Map.of("title", name + " " + i));
    }
    Response connected = api.post("/bookings/v2/external-calendars/connections:connectByCredentials", Map.of("scheduleId", schedule,
        "providerId", dev.horae.connection.Provider.CALDAV, "email", "alice", "password", "alicepw", "serverUrl", radicale.url()));
    assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    String id = connected.at("/connection/id").stringValue();
    Response configured = api.patch("/bookings/v2/external-calendars/connections/" + id + "/sync-config",
        Map.of("syncConfig", Map.of("syncToCalendar", Map.of("enabled", true, "dedicatedCalendar", Map.of()))));
    assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
    return new String[] {schedule, id};
  }

  /** Waits until a node is exporting the connection (its lease held, some copies written); answers the holder. */
  private String exporting(String connection) {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> query(db -> db.query(
        "select c.sync_holder from connection c where c.id = ?::uuid and c.sync_holder is not null and c.export_calendar_url is not null"
            + " and (select count(*) from exported_event e where e.connection_id = c.id) >= 5",
        (rs, n) -> rs.getString(1), connection).stream().findFirst().orElse(null)), java.util.Objects::nonNull);
  }

  private void assertExportedOnce(String connection, int events) throws Exception {
    String calendar = query(db -> db.queryForObject("select export_calendar_url from connection where id = ?::uuid", String.class, connection));
    List<String> objects = Radicale.alice().objects(calendar);
    assertThat(objects).as("copies in the export calendar").hasSize(events).doesNotHaveDuplicates();
    long recorded = query(db -> db.queryForObject("select count(*) from exported_event where connection_id = ?::uuid", Long.class, connection));
    assertThat(recorded).as("copies Horae recorded").isEqualTo(events);
  }

  @Test
  void killing_the_node_that_is_syncing_a_caldav_connection_lets_another_node_finish_it_within_30_s_without_duplicates() throws Exception {
    Operator.Tenant t = new Operator(cluster.balancer()).tenant("Killed while syncing");
    Api api = cluster.balancer().withKey(t.key());
    String[] made = exportingConnection(api, "Kill sync", 150);
    String holder = exporting(made[1]);
    int victim = cluster.indexOf(holder);
    assertThat(victim).isNotNegative();
    cluster.kill(victim);
    long killedAt = System.nanoTime();
    java.time.Instant killed = java.time.Instant.now();
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> query(db -> db.queryForObject(
        "select last_success_at > ? and sync_holder is null from connection where id = ?::uuid", Boolean.class,
        java.sql.Timestamp.from(killed), made[1])));
    long resumedMs = (System.nanoTime() - killedAt) / 1_000_000;
    Response after = api.get("/bookings/v2/external-calendars/connections/" + made[1]);
    assertThat(after.at("/connection/status").stringValue()).isEqualTo("SYNCED");
    assertExportedOnce(made[1], 150);
    System.out.printf("cluster: killed the node syncing a CalDAV connection; another node finished the sync %d ms later%n", resumedMs);
    assertThat(resumedMs).as("resumed within 30 s").isLessThan(30_000);
  }

  @Test
  void sigterm_during_a_sync_and_webhook_sends_lets_them_finish_and_records_no_error() throws Exception {
    Operator.Tenant t = new Operator(cluster.balancer()).tenant("Terminated while working");
    Api api = cluster.balancer().withKey(t.key());
    try (Receiver receiver = new Receiver()) {
      slow(receiver, "/term", 100);
      Response hook = api.post("/v1/webhooks", Map.of("url", receiver.url("/term"), "eventTypes", List.of("wix.calendar.v3.event.created")));
      assertThat(hook.status()).isEqualTo(200);
      String[] made = exportingConnection(api, "Term sync", 150);
      String holder = exporting(made[1]);
      int victim = cluster.indexOf(holder);
      assertThat(victim).isNotNegative();
      int logFrom = cluster.log(victim).length();
      int exit = cluster.terminate(victim);
      String shutdownLog = cluster.log(victim).substring(logFrom);
      await().atMost(Duration.ofSeconds(40)).until(() -> query(db -> db.queryForObject(
          "select last_success_at is not null and sync_holder is null from connection where id = ?::uuid", Boolean.class, made[1])));
      Map<String, Object> state = query(db -> db.queryForMap("select status, sync_error_count from connection where id = ?::uuid", made[1]));
      assertThat(state.get("status")).isEqualTo("SYNCED");
      assertThat(state.get("sync_error_count")).as("errors recorded for the sync").isEqualTo(0);
      assertExportedOnce(made[1], 150);
      await().atMost(Duration.ofSeconds(60)).until(() -> receiver.calls("/term").stream().map(c -> c.header("webhook-id")).distinct().count() == 150);
      Map<String, Object> attempts = query(db -> db.queryForMap("select count(*) filter (where a.outcome in ('FAILED', 'ABANDONED')) as bad,"
          + " count(*) as all_attempts from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id where d.tenant_id = ?::uuid", t.id()));
      assertThat(((Number) attempts.get("bad")).intValue()).as("failed or abandoned attempts").isZero();
      assertThat(shutdownLog).as("what the node logged while stopping").doesNotContain(" ERROR ").doesNotContainIgnoringCase("exception");
      assertThat(exit).as("exit status after SIGTERM").isIn(0, 143);
      System.out.printf("cluster: SIGTERM while syncing: exit %d, %d webhook attempts, none failed or abandoned%n", exit,
          ((Number) attempts.get("all_attempts")).intValue());
    }
  }

  @Test
  void a_postgresql_restart_under_load_gives_only_503s_readiness_down_and_the_cluster_recovers_without_a_restart() throws Exception {
    Operator.Tenant t = new Operator(cluster.balancer()).tenant("Through an outage");
    Api api = cluster.balancer().withKey(t.key());
    Map<String, Integer> statuses = new ConcurrentHashMap<>();
    List<String> bad = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicLong lastSuccess = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.ExecutorService load = java.util.concurrent.Executors.newFixedThreadPool(4);
    for (int w = 0; w < 4; w++) {
      int worker = w;
      load.submit(() -> {
        int i = 0;
        while (!stop.get()) {
          Response r = worker % 2 == 0 ? api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Load " + worker + "-" + i++)))
              : api.get("/v1/api-keys/current");
          statuses.merge(Integer.toString(r.status()), 1, Integer::sum);
          if (r.status() == 200) {
            lastSuccess.set(System.nanoTime());
          } else if (r.status() != 503 || !String.valueOf(r.contentType()).startsWith("application/problem+json")
              || r.header("Retry-After") == null) {
            bad.add(r.toString());
          }
        }
        return null;
      });
    }
    Thread.sleep(1500);
    scratch.stop();
    long downAt = System.nanoTime();
    Thread.sleep(500);
    // while the database is away, every node says it is not ready (the balancer's check), yet stays alive
    for (int i = 0; i < cluster.size(); i++) {
      int node = i;
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
          .until(() -> cluster.node(node).get("/actuator/health/readiness").status() == 503);
      assertThat(cluster.node(i).get("/actuator/health/liveness").status()).as("node %d alive", i + 1).isEqualTo(200);
    }
    long outageMs = (System.nanoTime() - downAt) / 1_000_000;
    scratch.start();
    long backAt = System.nanoTime();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> lastSuccess.get() > backAt);
    long recoveredMs = (lastSuccess.get() - backAt) / 1_000_000;
    Thread.sleep(2000); // and it stays recovered
    stop.set(true);
    load.shutdown();
    assertThat(load.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    System.out.printf("cluster: PostgreSQL stopped for %d ms under load (until every node's readiness was DOWN): answers %s;"
        + " first success %d ms after it was back%n", outageMs, statuses, recoveredMs);
    assertThat(bad).as("answers other than 200 and 503 problems with Retry-After").isEmpty();
    assertThat(statuses).containsKey("503").containsKey("200");
    for (int i = 0; i < cluster.size(); i++) {
      assertThat(cluster.node(i).get("/actuator/health/readiness").status()).as("node %d ready again", i + 1).isEqualTo(200);
    }
  }
}
