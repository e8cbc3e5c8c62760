package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.horae.connection.sync.SyncWorker;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sync worker: due connections sync on their own; a server that is down backs off and keeps the connection's status. */
@org.springframework.test.context.TestPropertySource(properties = {
    "horae.sync.enabled=true", // the build turns the worker off for every other class (a system property, which this beats)
    "horae.sync.poll-interval=PT0.2S", "horae.sync.interval=PT1H", "horae.sync.retry-base=PT2S"})
class SyncWorkerIT extends ApiTest {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  @Autowired JdbcClient jdbc;
  @Autowired SyncWorker worker;

  @Test
  void a_configured_connection_syncs_without_being_asked_and_a_down_server_backs_off() {
    assertThat(worker.isRunning()).as("the worker runs in this context").isTrue();
    String schedule = new Fixtures(api).schedule(Map.of("name", "Worker"));
    Response connected = api.post(PREFIX + "/connections:connectByCredentials", Map.of("scheduleId", schedule, "providerId", Provider.CALDAV,
        "email", "bob", "password", "bobpw", "serverUrl", caldavUrl()));
    String id = connected.at("/connection/id").stringValue();
    api.patch(PREFIX + "/connections/" + id + "/sync-config", Map.of("syncConfig", Map.of("listEventFromCalendars", Map.of("enabled", true, "primaryCalendar", Map.of()))));
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get(PREFIX + "/connections/" + id).at("/connection/status").stringValue().equals("SYNCED"));
    Response synced = api.get(PREFIX + "/connections/" + id);
    assertThat(Instant.parse(synced.at("/connection/syncState/nextSyncDate").stringValue())).isAfter(Instant.now().plusSeconds(3000));
    assertThat(synced.at("/connection/syncState/lastFullSyncDate").stringValue()).isNotBlank();

    // the server goes away: the worker keeps trying, backing off, and the status stays SYNCED
    jdbc.sql("update connection set server_url = 'http://127.0.0.1:9/', principal_url = 'http://127.0.0.1:9/bob/',"
        + " calendar_home_url = 'http://127.0.0.1:9/bob/', next_sync_at = null where id = ?").params(UUID.fromString(id)).update();
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get(PREFIX + "/connections/" + id).at("/connection/syncState/errorCount").intValue() >= 1);
    Response down = api.get(PREFIX + "/connections/" + id);
    assertThat(down.at("/connection/status").stringValue()).isEqualTo("SYNCED");
    assertThat(Instant.parse(down.at("/connection/syncState/nextSyncDate").stringValue())).isAfter(Instant.now());
    Response metrics = api.get("/actuator/prometheus");
    assertThat(metrics.text()).contains("horae_connections_sync_lag_max_seconds").contains("horae_connections_syncs_total{outcome=\"unreachable\"");
  }
}
