package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.connection.emulator.Emulators;
import dev.horae.connection.emulator.GraphEmulator;
import dev.horae.connection.oauth.OAuthAccounts;
import dev.horae.connection.oauth.OAuthTokens;
import dev.horae.connection.oauth.ProviderSlots;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Microsoft connections against the Graph emulator: calendarView delta over pages with the delta
 * link kept, 410 → re-baseline, showAs, token refresh (rotating refresh tokens) and revocation,
 * 429 Retry-After, at most 4 requests per mailbox, export with transactionId and If-Match,
 * subscriptions with the validation handshake, clientState and lifecycle notifications.
 */
class MicrosoftSyncIT extends ApiTest {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  @org.junit.jupiter.api.extension.RegisterExtension
  static final Emulators PROVIDERS = Emulators.withGraph();
  static final GraphEmulator GRAPH = PROVIDERS.graph();

  @Autowired JdbcClient jdbc;
  @Autowired OAuthTokens tokens;
  @Autowired ConnectionRepository connections;
  @Autowired List<OAuthAccounts> adapters;
  @Autowired tools.jackson.databind.json.JsonMapper json;
  @Autowired java.time.Clock clock;
  private LocalDate monday;

  @DynamicPropertySource
  static void graph(DynamicPropertyRegistry registry) {
    PROVIDERS.register(registry);
  }


  @BeforeAll
  void week() {
    monday = LocalDate.now(ZoneOffset.UTC).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
  }

  private Instant at(LocalDate day, int hour) {
    return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
  }

  private ObjectNode event(String subject, LocalDate day, int hour, String showAs) {
    ObjectNode e = GraphEmulator.event(subject, at(day, hour), at(day, hour + 1));
    e.put("showAs", showAs);
    return e;
  }

  @Test
  void busy_time_is_imported_by_delta_and_re_baselined_after_410() throws Exception {
    String cal = GRAPH.addCalendar("Work");
    String meeting = GRAPH.put(cal, event("Meeting", monday, 9, "busy"));
    GRAPH.put(cal, event("Free slot", monday, 10, "free"));
    GRAPH.put(cal, event("Maybe", monday, 11, "tentative"));
    GRAPH.put(cal, event("Away", monday, 12, "oof"));
    GRAPH.put(cal, event("Elsewhere", monday, 13, "workingElsewhere"));
    ObjectNode cancelled = event("Cancelled", monday, 14, "busy");
    cancelled.put("isCancelled", true);
    GRAPH.put(cal, cancelled);
    ObjectNode declined = event("Declined", monday, 15, "busy");
    declined.putObject("responseStatus").put("response", "declined");
    GRAPH.put(cal, declined);
    ObjectNode allDay = GraphEmulator.event("Holiday", at(monday.plusDays(2), 0), at(monday.plusDays(3), 0));
    allDay.put("isAllDay", true);
    String holiday = GRAPH.put(cal, allDay);

    String schedule = new Fixtures(api).schedule(Map.of("name", "Outlook", "timeZone", "UTC"));
    String id = OAuthFlow.connectMicrosoft(api, port, GRAPH, schedule);
    assertThat(api.get(PREFIX + "/connections/" + id + "/calendars").json().get("calendars").valueStream().map(c -> c.get("name").stringValue()).toList())
        .contains("Work", "Calendar");
    configure(id, Map.of("listEventFromCalendars", Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", cal))))));
    GRAPH.clearRequests();
    assertThat(sync(id).at("/connection/status").stringValue()).isEqualTo("SYNCED");
    List<String> rounds = deltas();
    assertThat(rounds.get(0)).contains("startDateTime=").contains("endDateTime=");
    assertThat(rounds).anyMatch(r -> r.contains("$skiptoken=")); // pages of 2
    assertThat(busy(schedule)).containsExactly("Meeting " + at(monday, 9), "Maybe " + at(monday, 11), "Away " + at(monday, 12),
        "Holiday " + at(monday.plusDays(2), 0));

    GRAPH.change(meeting, e -> {
      e.set("start", GraphEmulator.when(at(monday, 16)));
      e.set("end", GraphEmulator.when(at(monday, 17)));
    });
    GRAPH.delete(holiday);
    GRAPH.put(cal, event("New", monday.plusDays(1), 9, "busy"));
    GRAPH.clearRequests();
    sync(id);
    assertThat(deltas()).isNotEmpty().allMatch(r -> r.contains("$deltatoken=") || r.contains("$skiptoken="));
    assertThat(busy(schedule)).containsExactly("Maybe " + at(monday, 11), "Away " + at(monday, 12), "Meeting " + at(monday, 16),
        "New " + at(monday.plusDays(1), 9));

    GRAPH.expireDeltaLinks();
    GRAPH.put(cal, event("After expiry", monday.plusDays(1), 14, "busy"));
    GRAPH.clearRequests();
    assertThat(sync(id).at("/connection/status").stringValue()).isEqualTo("SYNCED");
    assertThat(deltas().get(0)).contains("$deltatoken=");
    assertThat(deltas()).anyMatch(r -> r.contains("startDateTime=")); // a new baseline
    assertThat(busy(schedule)).contains("After expiry " + at(monday.plusDays(1), 14)).hasSize(5);
  }

  @Test
  void tokens_rotate_throttling_honours_retry_after_and_a_mailbox_gets_at_most_four_requests() throws Exception {
    String schedule = new Fixtures(api).schedule(Map.of("name", "Limits", "timeZone", "UTC"));
    String id = OAuthFlow.connectMicrosoft(api, port, GRAPH, schedule);
    configure(id, Map.of("listEventFromCalendars", Map.of("enabled", true, "primaryCalendar", Map.of())));
    GRAPH.expireAccessTokens();
    int issued = GRAPH.refreshTokens().size();
    assertThat(sync(id).at("/connection/status").stringValue()).isEqualTo("SYNCED");
    assertThat(GRAPH.refreshTokens()).hasSize(issued + 1); // refreshed once, and the rotated refresh token kept
    String current = GRAPH.refreshTokens().get(GRAPH.refreshTokens().size() - 1);
    assertThat(tokens.read(connections.password(tenant.id(), UUID.fromString(id)).orElseThrow()).refreshToken()).isEqualTo(current);

    GRAPH.throttle(1, "1");
    assertThat(sync(id).at("/connection/status").stringValue()).isEqualTo("SYNCED");
    GRAPH.clearThrottles();
    assertThat(GRAPH.waitedAfterThrottle()).isNotNull().isGreaterThanOrEqualTo(Duration.ofMillis(950));

    OAuthAccounts graph = adapters.stream().filter(a -> a.providerId().equals(Provider.MICROSOFT)).findFirst().orElseThrow();
    OAuthAccounts.Session session = tokens.session(tenant.id(), connections.find(tenant.id(), UUID.fromString(id), false).orElseThrow());
    // a second node: its own adapter and slots, the same database; the limit is per mailbox, not per node
    OAuthAccounts otherNode = new dev.horae.connection.microsoft.GraphCalendarAccounts(json, clock, new dev.horae.connection.microsoft.MicrosoftProperties(
        GRAPH.baseUrl() + "/v1.0", 2, 5, Duration.ofMillis(20), Duration.ofSeconds(3), 4, dev.horae.connection.OutOfOffice.BUSY),
        new ProviderSlots(jdbc, clock));
    GRAPH.latency(100);
    GRAPH.resetConcurrency();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<List<dev.horae.connection.account.Calendar>>> calls = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        OAuthAccounts node = i % 2 == 0 ? graph : otherNode;
        calls.add(pool.submit((Callable<List<dev.horae.connection.account.Calendar>>) () -> node.calendars(session)));
      }
      for (Future<List<dev.horae.connection.account.Calendar>> call : calls) {
        assertThat(call.get()).isNotEmpty();
      }
    } finally {
      pool.shutdownNow();
      GRAPH.latency(0);
    }
    assertThat(GRAPH.maxConcurrentRequests()).as("concurrent requests to the mailbox from two nodes").isBetween(2, 4);

    GRAPH.revokeGrant(GRAPH.refreshTokens().get(GRAPH.refreshTokens().size() - 1));
    GRAPH.expireAccessTokens();
    Response revoked = sync(id);
    assertThat(revoked.at("/connection/status").stringValue()).isEqualTo("ERROR");
    assertThat(revoked.at("/connection/errorReason").stringValue()).isEqualTo("TOKEN_REVOKED");
  }

  @Test
  void export_uses_transaction_ids_and_if_match_and_never_duplicates() throws Exception {
    Fixtures fixtures = new Fixtures(api);
    String schedule = fixtures.schedule(Map.of("name", "Export " + UUID.randomUUID().toString().substring(0, 6), "timeZone", "UTC"));
    JsonNode dentist = fixtures.event(schedule, monday + "T10:00:00", monday + "T11:00:00", Map.of("title", "Dentist"));
    String id = OAuthFlow.connectMicrosoft(api, port, GRAPH, schedule);
    configure(id, Map.of("syncToCalendar", Map.of("enabled", true, "dedicatedCalendar", Map.of()),
        "listEventFromCalendars", Map.of("enabled", true, "primaryCalendar", Map.of())));
    assertThat(sync(id).at("/connection/status").stringValue()).isEqualTo("SYNCED");
    String cal = jdbc.sql("select export_calendar_url from connection where id = ?").params(UUID.fromString(id)).query(String.class).single();
    assertThat(GRAPH.events(cal)).hasSize(1).allMatch(e -> e.get("transactionId").stringValue().equals("horae-" + dentist.get("id").stringValue()));
    GRAPH.clearRequests();
    sync(id);
    assertThat(GRAPH.requests()).noneMatch(r -> r.startsWith("POST /v1.0/me/calendars/") || r.startsWith("PATCH /v1.0/me/events"));

    String dentistId = dentist.get("id").stringValue();
    api.patch("/calendar/v3/events/" + dentistId, Map.of("event", Map.of("id", dentistId, "revision", "1", "title", "Dentist, room 2")));
    sync(id);
    assertThat(GRAPH.events(cal)).hasSize(1).allMatch(e -> e.get("subject").stringValue().equals("Dentist, room 2"));

    fixtures.event(schedule, monday.plusDays(1) + "T08:00:00", monday.plusDays(1) + "T09:00:00", Map.of("title", "Lost answer"));
    GRAPH.dropCreateAnswers(1);
    assertThat(sync(id).at("/connection/syncState/errorCount").intValue()).isEqualTo(1);
    jdbc.sql("update connection set next_sync_at = now() where id = ?").params(UUID.fromString(id)).update();
    assertThat(sync(id).at("/connection/syncState/errorCount").intValue()).isZero();
    assertThat(GRAPH.events(cal)).hasSize(2).filteredOn(e -> e.get("subject").stringValue().equals("Lost answer")).hasSize(1);

    api.post(PREFIX + "/connections/" + id + "/disconnect", Map.of());
    assertThat(GRAPH.events(cal)).isEmpty();
  }

  @Test
  void subscriptions_are_validated_checked_renewed_and_removed() throws Exception {
    String cal = GRAPH.addCalendar("Pushed");
    String schedule = new Fixtures(api).schedule(Map.of("name", "Subscribed", "timeZone", "UTC"));
    String id = OAuthFlow.connectMicrosoft(api, port, GRAPH, schedule);
    configure(id, Map.of("listEventFromCalendars", Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", cal))))));
    sync(id);
    GraphEmulator.Subscription s = GRAPH.subscriptions().values().stream().filter(x -> x.calendarId().equals(cal)).findFirst().orElseThrow();
    assertThat(s.notificationUrl()).isEqualTo("http://127.0.0.1:" + port + PREFIX + "/push/microsoft");
    assertThat(s.expires()).isBefore(Instant.now().plus(Duration.ofMinutes(4230)));

    assertThat(notify(s.id(), "forged")).isEqualTo(403);
    assertThat(notify(UUID.randomUUID().toString(), s.clientState())).isEqualTo(403);
    assertThat(notify(s.id(), s.clientState())).isEqualTo(202);
    assertThat(Instant.parse(api.get(PREFIX + "/connections/" + id).at("/connection/syncState/nextSyncDate").stringValue())).isBefore(Instant.now());

    // near its end, a subscription is extended (PATCH), not remade
    jdbc.sql("update push_channel set expires_at = now() + interval '1 hour' where resource_id = ?").params(s.id()).update();
    GRAPH.clearRequests();
    sync(id);
    assertThat(GRAPH.requests()).contains("PATCH /v1.0/subscriptions/" + s.id());
    assertThat(GRAPH.subscriptions().get(s.id()).expires()).isAfter(Instant.now().plus(Duration.ofHours(24)));

    assertThat(GRAPH.lifecycle(s.id(), "reauthorizationRequired")).isEqualTo(202);
    GRAPH.clearRequests();
    sync(id);
    assertThat(GRAPH.requests()).contains("PATCH /v1.0/subscriptions/" + s.id());

    assertThat(GRAPH.lifecycle(s.id(), "subscriptionRemoved")).isEqualTo(202);
    sync(id);
    GraphEmulator.Subscription again = GRAPH.subscriptions().values().stream().filter(x -> x.calendarId().equals(cal)).findFirst().orElseThrow();
    assertThat(again.id()).isNotEqualTo(s.id());

    api.post(PREFIX + "/connections/" + id + "/disconnect", Map.of());
    assertThat(GRAPH.subscriptions().values().stream().filter(x -> x.calendarId().equals(cal))).isEmpty();
  }

  private int notify(String subscription, String clientState) throws Exception {
    String body = "{\"value\":[{\"subscriptionId\":\"" + subscription + "\",\"clientState\":\"" + clientState + "\",\"changeType\":\"updated\","
        + "\"resource\":\"Users/u/Events/e\",\"tenantId\":\"t\"}]}";
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + PREFIX + "/push/microsoft")).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private List<String> deltas() {
    return GRAPH.requests().stream().filter(r -> r.contains("/calendarView/delta")).toList();
  }

  private Response sync(String id) {
    return new ConnectionCalls(api).sync(id);
  }

  private void configure(String id, Map<String, Object> config) {
    new ConnectionCalls(api).configure(id, config);
  }

  private List<String> busy(String schedule) {
    return new ConnectionCalls(api).busy(schedule, monday.minusDays(1), monday.plusWeeks(2));
  }
}
