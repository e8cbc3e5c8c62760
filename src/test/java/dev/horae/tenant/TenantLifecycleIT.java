package dev.horae.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Radicale;
import dev.horae.support.Fixtures;
import dev.horae.support.Operator;
import dev.horae.support.Receiver;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Suspending pauses a tenant's background work; deleting cleans its external side and erases every row it owns. */
@TestPropertySource(properties = {"horae.sync.enabled=true", // the build turns the worker off for other classes (a system property, which this beats)
    "horae.sync.poll-interval=PT0.5S", "db-scheduler.polling-interval=1s"})
class TenantLifecycleIT extends ApiTest {
  private static final String CONNECTIONS = "/bookings/v2/external-calendars";
  @Autowired JdbcClient jdbc;
  @Autowired ErasingTenants erasing;

  private Api admin() {
    return new Operator(api).api();
  }

  private String[] newTenant(String name) {
    Operator.Tenant t = new Operator(api).tenant(name);
    return new String[] {t.id(), t.key()};
  }

  private String connectWithExport(Api as, String schedule) {
    Response r = as.post(CONNECTIONS + "/connections:connectByCredentials", Map.of("scheduleId", schedule, "providerId", "8a9f6e0e-1c3b-4b8e-9f1a-6d2c4e5b7a04", // CalDAV
       
        "email", "alice", "password", "alicepw", "serverUrl", caldavUrl()));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    String id = r.at("/connection/id").stringValue();
    Response configured = as.patch(CONNECTIONS + "/connections/" + id + "/sync-config", Map.of("syncConfig",
        Map.of("syncToCalendar", Map.of("enabled", true, "dedicatedCalendar", Map.of()))));
    assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
    return id;
  }

  @Test
  void a_suspended_tenants_webhooks_and_syncs_wait_and_go_on_after_resume() throws Exception {
    String[] t = newTenant("Paused");
    Api paused = api.withKey(t[1]);
    try (Receiver receiver = new Receiver()) {
      receiver.answer("/audit", n -> 200);
      Response hook = paused.post("/v1/webhooks", Map.of("url", receiver.url("/audit"), "eventTypes", List.of("horae.v1.tenant.*")));
      assertThat(hook.status()).as(hook.toString()).isEqualTo(200);
      String schedule = new Fixtures(paused).schedule(Map.of("name", "Paused room"));
      String connection = connectWithExport(paused, schedule);
      await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select status from connection where id = ?") // the worker's first sync, done
          .param(UUID.fromString(connection)).query(String.class).single().equals("SYNCED"));
      String lastSync = lastSync(connection);

      admin().post("/admin/v1/tenants/" + t[0] + "/suspend", Map.of()); // itself a horae.v1.tenant change the webhook wants
      jdbc.sql("update connection set next_sync_at = now() where id = ?").param(UUID.fromString(connection)).update();
      Thread.sleep(3000); // six sync polls and thirty delivery polls
      assertThat(receiver.calls("/audit")).as("deliveries while suspended").isEmpty();
      assertThat(lastSync(connection)).as("syncs while suspended").isEqualTo(lastSync);

      admin().post("/admin/v1/tenants/" + t[0] + "/resume", Map.of());
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls("/audit").size() >= 2);
      assertThat(receiver.calls("/audit").get(0).body()).contains("horae.v1.tenant").contains("suspended");
      await().atMost(Duration.ofSeconds(30)).until(() -> !lastSync(connection).equals(lastSync));
      paused.post(CONNECTIONS + "/connections/" + connection + "/disconnect", Map.of());
    }
  }

  @Test
  void deleting_a_tenant_refuses_it_at_once_removes_its_exported_copies_and_leaves_no_row_with_its_id_in_any_table() throws Exception {
    String[] t = newTenant("Leaving");
    UUID id = UUID.fromString(t[0]);
    Api leaving = api.withKey(t[1]);
    Fixtures fixtures = new Fixtures(leaving);
    String schedule = fixtures.schedule(Map.of("name", "Leaving room", "timeZone", "Europe/Berlin"));
    LocalDate day = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(3);
    String event = fixtures.event(schedule, day + "T10:00:00", day + "T11:00:00", Map.of("title", "Last class", "totalCapacity", 3))
        .get("id").stringValue();
    fixtures.event(schedule, day + "T18:00:00", day + "T19:00:00", Map.of("title", "Weekly", "recurrenceRule", Map.of("rrule", "FREQ=WEEKLY;COUNT=4")));
    assertThat(leaving.post("/calendar/v3/participations", Map.of("participation", Map.of("eventId", event, "partySize", 1,
        "participant", Map.of("name", "A")))).status()).isEqualTo(200);
    assertThat(leaving.post("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/none", "eventTypes", List.of("wix.calendar.v3.*"))).status())
        .isEqualTo(200);
    assertThat(leaving.post("/v1/api-keys", Map.of("apiKey", Map.of("name", "second", "scopes", List.of("calendar:read")))).status())
        .isEqualTo(201);
    Response resource = leaving.post("/setup/v1/resources", Map.of("name", "Leaving chair", "timezoneIana", "Europe/Berlin"));
    assertThat(resource.status()).as(resource.toString()).isLessThan(300);
    String connection = connectWithExport(leaving, schedule);
    Response synced = leaving.post(CONNECTIONS + "/connections/" + connection + "/sync", Map.of());
    assertThat(synced.at("/connection/status").stringValue()).as(synced.toString()).isEqualTo("SYNCED");
    String calendar = jdbc.sql("select export_calendar_url from connection where id = ?").param(UUID.fromString(connection))
        .query(String.class).single();
    assertThat(Radicale.alice().objects(calendar)).hasSize(5);
    List<String> tables = jdbc.sql("select table_name from information_schema.columns where column_name = 'tenant_id'"
        + " and table_schema = current_schema() order by table_name").query(String.class).list();
    assertThat(tables.stream().filter(table -> rows(table, id) > 0).count()).as("tables holding the tenant's rows").isGreaterThan(10);

    Response deleting = admin().delete("/admin/v1/tenants/" + t[0]);
    assertThat(deleting.status()).as(deleting.toString()).isEqualTo(202);
    assertThat(deleting.at("/tenant/status").stringValue()).isEqualTo("DELETING");
    assertThat(deleting.at("/tenant/deletion/phase").stringValue()).isEqualTo("REQUESTED");
    Response refused = leaving.get("/calendar/v3/events/" + event);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.at("/code").stringValue()).isEqualTo("TENANT_DELETED");
    assertThat(admin().delete("/admin/v1/tenants/" + t[0]).status()).as("deleting twice").isIn(202, 404);

    await().atMost(Duration.ofSeconds(60)).until(() -> admin().get("/admin/v1/tenants/" + t[0]).status() == 404);
    for (String table : tables) {
      assertThat(rows(table, id)).as(table).isZero();
    }
    assertThat(jdbc.sql("select count(*) from tenant where id = ?").param(id).query(Long.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from rate_limit_bucket where id = ?").param("tenant:" + id).query(Long.class).single()).isZero();
    assertThat(Radicale.alice().objects(calendar)).as("Horae's copies on the external calendar").isEmpty();
    assertThat(leaving.get("/calendar/v3/events/" + event).status()).isEqualTo(401);
    // and the other tenants are untouched
    assertThat(api.get("/calendar/v3/events/view").status()).isEqualTo(200);
  }

  @Test
  void a_key_refused_while_its_tenant_was_deleting_is_unknown_at_once_when_the_tenant_is_gone() {
    String[] t = newTenant("Gone at once");
    Api gone = api.withKey(t[1]);
    assertThat(admin().delete("/admin/v1/tenants/" + t[0]).status()).isEqualTo(202);
    Response deleting = gone.get("/calendar/v3/events/view"); // the node now holds the key as its DELETING tenant's, for up to the cache's life
    assertThat(deleting.status()).as(deleting.toString()).isEqualTo(403);
    erasing.erase(new dev.horae.shared.TenantId(UUID.fromString(t[0])));
    Response unknown = gone.get("/calendar/v3/events/view");
    assertThat(unknown.status()).as("the erased tenant's key, asked right after the erasure: " + unknown).isEqualTo(401);
  }

  private String lastSync(String connection) {
    return jdbc.sql("select coalesce(last_sync_at::text, '') from connection where id = ?").param(UUID.fromString(connection))
        .query(String.class).single();
  }

  private long rows(String table, UUID tenant) {
    return jdbc.sql("select count(*) from \"" + table + "\" where tenant_id = ?").param(tenant).query(Long.class).single();
  }
}
