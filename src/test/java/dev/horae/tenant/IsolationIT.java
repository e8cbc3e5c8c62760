package dev.horae.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The isolation matrix beyond the calendar (TenancyIT has schedules, events and participations):
 * tenant B's key on tenant A's ids, for every operation family, answers 404 (or a list without A's
 * rows), and nothing of A changes.
 */
class IsolationIT extends ApiTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String CONNECTIONS = "/bookings/v2/external-calendars";

  private record Call(String method, String path, Object body) {}

  @Test
  void another_tenants_key_on_this_tenants_ids_answers_404_or_an_empty_list_and_changes_nothing() {
    Api a = api;
    Fixtures fixtures = new Fixtures(a);
    String schedule = fixtures.schedule(Map.of("name", "A's room", "timeZone", "Europe/Berlin"));
    String key = a.post("/v1/api-keys", Map.of("apiKey", Map.of("name", "A's widget", "scopes", List.of("calendar:read"))))
        .at("/apiKey/id").stringValue();
    String webhook = a.post("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/a", "eventTypes", List.of("*"))).at("/webhook/id").stringValue();
    Response connected = a.post(CONNECTIONS + "/connections:connectByCredentials", Map.of("scheduleId", schedule,
        "providerId", "8a9f6e0e-1c3b-4b8e-9f1a-6d2c4e5b7a04", "email", "alice", "password", "alicepw", "serverUrl", caldavUrl()));
    assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    String connection = connected.at("/connection/id").stringValue();
    String service = a.post("/setup/v1/services", Map.of("name", "A's haircut", "duration", 30)).at("/id").stringValue();
    Map<String, Object> hours = new LinkedHashMap<>();
    for (String d : List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat")) {
      hours.put(d, Map.of("startTime", 900, "endTime", 1100));
    }
    String resource = a.post("/setup/v1/resources", Map.of("name", "A's chair", "timezoneIana", "Europe/Berlin", "availability", hours))
        .at("/id").stringValue();
    LocalDate monday = LocalDate.now(BERLIN).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    Response held = a.post("/consumer/v1/appointments", Map.of("serviceId", service, "resourceId", resource,
        "startDateTime", monday.atTime(9, 0).atZone(BERLIN).toOffsetDateTime().toString(),
        "endDateTime", monday.atTime(9, 30).atZone(BERLIN).toOffsetDateTime().toString(), "name", "Ann Lee", "email", "ann@example.com"));
    assertThat(held.status()).as(held.toString()).isEqualTo(200);
    String appointment = held.at("/id").stringValue();

    List<String> reads = List.of("/v1/api-keys/" + key, "/v1/webhooks/" + webhook, CONNECTIONS + "/connections/" + connection,
        "/setup/v1/services/" + service, "/setup/v1/resources/" + resource, "/consumer/v1/appointments/" + appointment);
    Map<String, String> before = new LinkedHashMap<>();
    reads.forEach(p -> before.put(p, a.get(p).text()));

    Api b = api.withKey(tenants.create("Tenant B", java.util.Optional.empty()).apiKey());
    List<Call> calls = new ArrayList<>();
    reads.forEach(p -> calls.add(new Call("GET", p, null)));
    calls.add(new Call("DELETE", "/v1/api-keys/" + key, null));
    calls.add(new Call("POST", "/v1/api-keys/" + key + "/rotate", Map.of()));
    calls.add(new Call("PATCH", "/v1/webhooks/" + webhook, Map.of("webhook", Map.of("enabled", false))));
    calls.add(new Call("DELETE", "/v1/webhooks/" + webhook, null));
    calls.add(new Call("POST", "/v1/webhooks/" + webhook + "/secrets", Map.of()));
    calls.add(new Call("GET", "/v1/webhooks/" + webhook + "/deliveries", null));
    calls.add(new Call("POST", "/v1/webhooks/" + webhook + "/replay", Map.of("from", "2020-01-01T00:00:00Z", "to", "2030-01-01T00:00:00Z")));
    calls.add(new Call("GET", CONNECTIONS + "/connections/" + connection + "/calendars", null));
    calls.add(new Call("PATCH", CONNECTIONS + "/connections/" + connection + "/sync-config",
        Map.of("syncConfig", Map.of("syncToCalendar", Map.of("enabled", true, "dedicatedCalendar", Map.of())))));
    calls.add(new Call("POST", CONNECTIONS + "/connections/" + connection + "/sync", Map.of()));
    calls.add(new Call("POST", CONNECTIONS + "/connections/" + connection + "/disconnect", Map.of()));
    calls.add(new Call("PUT", "/setup/v1/services/" + service, Map.of("name", "B was here", "duration", 30)));
    calls.add(new Call("PUT", "/setup/v1/resources/" + resource, Map.of("name", "B was here")));
    calls.add(new Call("DELETE", "/setup/v1/resources/" + resource, null));
    calls.add(new Call("PUT", "/setup/v1/resources/" + resource + "/recover", Map.of()));
    calls.add(new Call("GET", "/consumer/v1/availability/" + service + "/" + monday + "/" + monday, null));
    for (String action : List.of("book", "reserve", "cancel")) {
      calls.add(new Call("PUT", "/consumer/v1/appointments/" + appointment + "/" + action, Map.of()));
    }
    calls.add(new Call("PUT", "/consumer/v1/appointments/" + appointment + "/reschedule", Map.of(
        "startDateTime", monday.atTime(10, 0).atZone(BERLIN).toOffsetDateTime().toString(),
        "endDateTime", monday.atTime(10, 30).atZone(BERLIN).toOffsetDateTime().toString())));
    calls.add(new Call("DELETE", "/consumer/v1/appointments/" + appointment, null));
    for (Call c : calls) {
      Response r = b.send(c.method(), c.path(), c.body() == null ? null : c.body(), c.body() == null ? null : "application/json");
      assertThat(r.status()).as(c + " → " + r).isEqualTo(404);
    }

    for (String list : List.of("/v1/api-keys", "/v1/webhooks", CONNECTIONS + "/connections", "/setup/v1/resources", "/setup/v1/services",
        "/consumer/v1/appointments", "/v1/changes?limit=1000")) {
      Response r = b.get(list);
      assertThat(r.status()).as(list + " " + r).isEqualTo(200);
      assertThat(r.text()).as(list).doesNotContain(key).doesNotContain(webhook).doesNotContain(connection).doesNotContain(service)
          .doesNotContain(resource).doesNotContain(appointment).doesNotContain("A's");
    }
    reads.forEach(p -> assertThat(a.get(p).text()).as("A's " + p + " after B's calls").isEqualTo(before.get(p)));
    a.post(CONNECTIONS + "/connections/" + connection + "/disconnect", Map.of());
  }
}
