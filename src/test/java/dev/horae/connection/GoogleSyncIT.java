package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.connection.emulator.Emulators;
import dev.horae.connection.emulator.GoogleEmulator;
import dev.horae.connection.oauth.OAuthTokens;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google connections against the Google Calendar API v3 emulator: full sync over pages, incremental
 * sync by sync token, 410 → full resync, busy semantics, token refresh and revocation, rate limits,
 * export with client-chosen ids and If-Match, push channels and their verification, disconnect.
 */
class GoogleSyncIT extends ApiTest {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  @org.junit.jupiter.api.extension.RegisterExtension
  static final Emulators PROVIDERS = Emulators.withGoogle("ann@example.com");
  static final GoogleEmulator GOOGLE = PROVIDERS.google();

  @Autowired JdbcClient jdbc;
  @Autowired OAuthTokens tokens;
  @Autowired ConnectionRepository connections;
  private LocalDate monday;

  @DynamicPropertySource
  static void google(DynamicPropertyRegistry registry) {
    PROVIDERS.register(registry);
  }


  @BeforeAll
  void week() {
    monday = LocalDate.now(BERLIN).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
  }

  private Instant berlin(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(BERLIN).toInstant();
  }

  private ObjectNode event(String summary, LocalDate day, int hour, int hours) {
    return GoogleEmulator.event(summary, berlin(day, hour), berlin(day, hour + hours), "Europe/Berlin");
  }

  @Test
  void busy_time_is_imported_over_pages_then_kept_in_step_by_sync_token() throws Exception {
    String cal = GOOGLE.addCalendar("Ann's work");
    ObjectNode standup = event("Standup", monday, 9, 1);
    standup.putArray("recurrence").add("RRULE:FREQ=WEEKLY;COUNT=4");
    String series = GOOGLE.put(cal, standup);
    ObjectNode moved = event("Standup moved", monday.plusWeeks(1), 11, 1);
    moved.put("id", series + "_" + berlin(monday.plusWeeks(1), 9).toString().replace("-", "").replace(":", ""));
    moved.put("recurringEventId", series);
    moved.set("originalStartTime", GoogleEmulator.dateTime(berlin(monday.plusWeeks(1), 9), "Europe/Berlin"));
    GOOGLE.put(cal, moved);
    ObjectNode dropped = GoogleEmulator.event("x", berlin(monday.plusWeeks(2), 9), berlin(monday.plusWeeks(2), 10), "Europe/Berlin");
    dropped.put("id", series + "_dropped");
    dropped.put("recurringEventId", series);
    dropped.put("status", "cancelled");
    dropped.set("originalStartTime", GoogleEmulator.dateTime(berlin(monday.plusWeeks(2), 9), "Europe/Berlin"));
    dropped.remove("start");
    dropped.remove("end");
    dropped.remove("summary");
    GOOGLE.put(cal, dropped);
    String focus = GOOGLE.put(cal, event("Focus", monday, 13, 1));
    ObjectNode lunch = event("Lunch maybe", monday, 12, 1);
    lunch.put("transparency", "transparent");
    GOOGLE.put(cal, lunch);
    ObjectNode declined = event("Declined", monday, 15, 1);
    ObjectNode me = declined.putArray("attendees").addObject();
    me.put("email", "ann@example.com");
    me.put("self", true);
    me.put("responseStatus", "declined");
    GOOGLE.put(cal, declined);
    ObjectNode away = event("Away", monday.plusDays(1), 10, 2);
    away.put("eventType", "outOfOffice");
    GOOGLE.put(cal, away);
    ObjectNode holiday = JSON().createObjectNode();
    holiday.put("summary", "Day off");
    holiday.set("start", GoogleEmulator.date(monday.plusDays(3)));
    holiday.set("end", GoogleEmulator.date(monday.plusDays(4)));
    String holidayId = GOOGLE.put(cal, holiday);

    String schedule = new Fixtures(api).schedule(Map.of("name", "Ann", "timeZone", "UTC"));
    String id = OAuthFlow.connectGoogle(api, port, GOOGLE, schedule);
    Response calendars = api.get(PREFIX + "/connections/" + id + "/calendars");
    assertThat(calendars.json().get("calendars").valueStream().map(c -> c.get("name").stringValue()).toList()).contains("Ann's work", "ann@example.com");
    configure(id, Map.of("listEventFromCalendars", Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", cal, "name", "Ann's work"))))));
    GOOGLE.clearRequests();
    Response synced = sync(id);
    assertThat(synced.at("/connection/status").stringValue()).as(synced.toString()).isEqualTo("SYNCED");
    assertThat(synced.at("/connection/externalAccountEmail").stringValue()).isEqualTo("ann@example.com");
    List<String> lists = listings(cal);
    assertThat(lists.get(0)).doesNotContain("syncToken=").contains("singleEvents=false").contains("timeMin=");
    assertThat(lists).anyMatch(r -> r.contains("pageToken=")); // 8 events, pages of 2
    assertThat(busy(schedule)).containsExactly(
        "Standup " + berlin(monday, 9),
        "Focus " + berlin(monday, 13),
        "Away " + berlin(monday.plusDays(1), 10), // out of office counts as busy by default
        "Day off " + monday.plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant(),
        "Standup moved " + berlin(monday.plusWeeks(1), 11),
        "Standup " + berlin(monday.plusWeeks(3), 9)); // the third occurrence was cancelled

    // changes in Google: one incremental listing by sync token
    GOOGLE.put(cal, event("New meeting", monday.plusDays(2), 15, 1));
    GOOGLE.change(cal, focus, e -> e.put("transparency", "transparent"));
    GOOGLE.change(cal, moved.get("id").stringValue(), e -> {
      e.set("start", GoogleEmulator.dateTime(berlin(monday.plusWeeks(1), 12), "Europe/Berlin"));
      e.set("end", GoogleEmulator.dateTime(berlin(monday.plusWeeks(1), 13), "Europe/Berlin"));
    });
    GOOGLE.delete(cal, holidayId);
    GOOGLE.clearRequests();
    sync(id);
    assertThat(listings(cal)).allMatch(r -> r.contains("syncToken="));
    assertThat(busy(schedule)).containsExactly(
        "Standup " + berlin(monday, 9),
        "Away " + berlin(monday.plusDays(1), 10),
        "New meeting " + berlin(monday.plusDays(2), 15),
        "Standup moved " + berlin(monday.plusWeeks(1), 12),
        "Standup " + berlin(monday.plusWeeks(3), 9));

    // Google expires the sync token: 410, then a full listing; what vanished meanwhile is gone
    GOOGLE.expireSyncTokens();
    GOOGLE.delete(cal, series);
    GOOGLE.clearRequests();
    assertThat(sync(id).at("/connection/status").stringValue()).isEqualTo("SYNCED");
    List<String> after410 = listings(cal);
    assertThat(after410.get(0)).contains("syncToken=");
    assertThat(after410.get(1)).doesNotContain("syncToken=");
    assertThat(busy(schedule)).containsExactly("Away " + berlin(monday.plusDays(1), 10), "New meeting " + berlin(monday.plusDays(2), 15));
    // the next sync is incremental again
    GOOGLE.clearRequests();
    sync(id);
    assertThat(listings(cal)).isNotEmpty().allMatch(r -> r.contains("syncToken="));
  }

  @Test
  void an_expired_access_token_is_refreshed_and_a_revoked_grant_is_token_revoked() throws Exception {
    String schedule = new Fixtures(api).schedule(Map.of("name", "Refresh", "timeZone", "UTC"));
    String id = OAuthFlow.connectGoogle(api, port, GOOGLE, schedule);
    String grant = GOOGLE.refreshTokens().get(GOOGLE.refreshTokens().size() - 1);
    configure(id, Map.of("listEventFromCalendars", Map.of("enabled", true, "primaryCalendar", Map.of())));
    assertThat(sync(id).at("/connection/status").stringValue()).isEqualTo("SYNCED");

    GOOGLE.expireAccessTokens(); // Google refuses the access token Horae holds (Horae thinks it still has an hour)
    GOOGLE.clearRequests();
    assertThat(sync(id).at("/connection/status").stringValue()).isEqualTo("SYNCED");
    assertThat(GOOGLE.requests()).contains("POST /token");
    String sealed = jdbc.sql("select credentials from connection where id = ?").params(UUID.fromString(id)).query(String.class).single();
    assertThat(sealed).doesNotContain("ya29").doesNotContain(grant);

    // a token close to expiry is refreshed before it is used: no call is refused first
    var stored = tokens.read(connections.password(tenant.id(), UUID.fromString(id)).orElseThrow());
    connections.credentials(tenant.id(), UUID.fromString(id),
        tokens.write(new OAuthTokens.Tokens(stored.accessToken(), stored.refreshToken(), Instant.now().plusSeconds(60))));
    GOOGLE.clearRequests();
    assertThat(sync(id).at("/connection/status").stringValue()).isEqualTo("SYNCED");
    assertThat(GOOGLE.requests().get(0)).isEqualTo("POST /token");

    GOOGLE.clearRequests();
    GOOGLE.revokeGrant(grant);
    GOOGLE.expireAccessTokens();
    long before = changes("external_calendar.error");
    Response revoked = sync(id);
    assertThat(revoked.at("/connection/status").stringValue()).isEqualTo("ERROR");
    assertThat(revoked.at("/connection/errorReason").stringValue()).isEqualTo("TOKEN_REVOKED");
    assertThat(changes("external_calendar.error")).isEqualTo(before + 1);
    Response listing = api.get(PREFIX + "/connections/" + id + "/calendars");
    assertThat(listing.status()).isEqualTo(422);
    assertThat(listing.at("/code").stringValue()).isEqualTo("TOKEN_REVOKED");
  }

  @Test
  void rate_limits_are_retried_with_backoff_and_a_provider_that_keeps_refusing_backs_the_sync_off() throws Exception {
    String schedule = new Fixtures(api).schedule(Map.of("name", "Throttled", "timeZone", "UTC"));
    String id = OAuthFlow.connectGoogle(api, port, GOOGLE, schedule);
    configure(id, Map.of("listEventFromCalendars", Map.of("enabled", true, "primaryCalendar", Map.of())));
    GOOGLE.throttle(2, 429, "0");
    GOOGLE.throttle(1, 403, null);
    GOOGLE.clearRequests();
    assertThat(sync(id).at("/connection/status").stringValue()).isEqualTo("SYNCED");
    assertThat(GOOGLE.requests().stream().filter(r -> r.contains("calendarList")).count()).isEqualTo(4); // 3 refused, the 4th answered
    GOOGLE.clearThrottles();

    GOOGLE.throttle(1000, 429, null);
    Response throttled = sync(id);
    GOOGLE.clearThrottles();
    assertThat(throttled.at("/connection/status").stringValue()).isEqualTo("SYNCED"); // a busy provider is not an error of the connection
    assertThat(throttled.at("/connection/syncState/errorCount").intValue()).isEqualTo(1);
    assertThat(Instant.parse(throttled.at("/connection/syncState/nextSyncDate").stringValue())).isAfter(Instant.now());
  }

  @Test
  void export_writes_each_event_once_with_ids_horae_chooses_and_if_match() throws Exception {
    Fixtures fixtures = new Fixtures(api);
    String schedule = fixtures.schedule(Map.of("name", "Export " + UUID.randomUUID().toString().substring(0, 6), "timeZone", "Europe/Berlin"));
    JsonNode dentist = fixtures.event(schedule, monday + "T10:00:00", monday + "T11:00:00", Map.of("title", "Dentist"));
    fixtures.event(schedule, monday + "T18:00:00", monday + "T19:00:00", Map.of("title", "Class", "recurrenceRule", Map.of("rrule", "FREQ=WEEKLY;COUNT=2")));
    String id = OAuthFlow.connectGoogle(api, port, GOOGLE, schedule);
    configure(id, Map.of("syncToCalendar", Map.of("enabled", true, "dedicatedCalendar", Map.of())));
    assertThat(sync(id).at("/connection/status").stringValue()).isEqualTo("SYNCED");
    String cal = jdbc.sql("select export_calendar_url from connection where id = ?").params(UUID.fromString(id)).query(String.class).single();
    List<ObjectNode> copies = live(cal);
    assertThat(copies).hasSize(3).allMatch(e -> e.get("id").stringValue().startsWith("horae"));
    String dentistCopy = "horae" + dentist.get("id").stringValue();
    assertThat(Instant.parse(GOOGLE.events(cal).stream().filter(e -> e.get("id").stringValue().equals(dentistCopy)).findFirst().orElseThrow()
        .at("/start/dateTime").stringValue())).isEqualTo(berlin(monday, 10));

    GOOGLE.clearRequests();
    sync(id);
    assertThat(GOOGLE.requests()).as("nothing written twice").noneMatch(r -> (r.startsWith("POST ") && r.endsWith("/events")) || r.startsWith("PUT "))
        .anyMatch(r -> r.contains("privateExtendedProperty="));

    String dentistId = dentist.get("id").stringValue();
    api.patch("/calendar/v3/events/" + dentistId, Map.of("event", Map.of("id", dentistId, "revision", "1", "title", "Dentist, room 2")));
    GOOGLE.change(cal, dentistCopy, e -> e.put("summary", "edited in Google")); // someone edits Horae's copy too
    GOOGLE.clearRequests();
    sync(id);
    assertThat(GOOGLE.requests()).anyMatch(r -> r.startsWith("PUT ") && r.endsWith("/events/" + dentistCopy));
    assertThat(live(cal).stream().filter(e -> e.get("id").stringValue().equals(dentistCopy)).findFirst().orElseThrow().get("summary").stringValue())
        .isEqualTo("Dentist, room 2");

    // an insert whose answer is lost: the retry meets 409, reads the copy and updates it: still one copy
    fixtures.event(schedule, monday.plusDays(1) + "T08:00:00", monday.plusDays(1) + "T09:00:00", Map.of("title", "Lost answer"));
    GOOGLE.dropInsertAnswers(1);
    Response failed = sync(id);
    assertThat(failed.at("/connection/syncState/errorCount").intValue()).isEqualTo(1);
    jdbc.sql("update connection set next_sync_at = now() where id = ?").params(UUID.fromString(id)).update();
    assertThat(sync(id).at("/connection/syncState/errorCount").intValue()).isZero();
    assertThat(live(cal)).hasSize(4).filteredOn(e -> e.get("summary").stringValue().equals("Lost answer")).hasSize(1);

    api.post("/calendar/v3/events/" + dentistId + "/cancel", Map.of("revision", "2"));
    sync(id);
    assertThat(live(cal)).hasSize(3).noneMatch(e -> e.get("id").stringValue().equals(dentistCopy));

    api.post(PREFIX + "/connections/" + id + "/disconnect", Map.of());
    assertThat(live(cal)).isEmpty();
  }

  @Test
  void exports_to_the_primary_calendar_are_never_imported_back() throws Exception {
    Fixtures fixtures = new Fixtures(api);
    GoogleEmulator other = GOOGLE;
    String schedule = fixtures.schedule(Map.of("name", "Both ways", "timeZone", "UTC"));
    LocalDate day = monday.plusDays(4);
    fixtures.event(schedule, day + "T08:00:00", day + "T09:00:00", Map.of("title", "Ours"));
    String id = OAuthFlow.connectGoogle(api, port, other, schedule);
    configure(id, Map.of("syncToCalendar", Map.of("enabled", true, "primaryCalendar", Map.of()),
        "listEventFromCalendars", Map.of("enabled", true, "primaryCalendar", Map.of())));
    sync(id);
    sync(id);
    assertThat(live("ann@example.com").stream().map(e -> e.get("summary").stringValue()).toList()).contains("Ours");
    Response busy = api.get(PREFIX + "/events?from=" + day + "T00:00:00Z&to=" + day.plusDays(1) + "T00:00:00Z&scheduleIds=" + schedule + "&fieldsets=OWN_PI");
    assertThat(busy.json().get("events").valueStream().map(e -> e.get("title").stringValue()).toList()).doesNotContain("Ours");
    api.post(PREFIX + "/connections/" + id + "/disconnect", Map.of());
    assertThat(live("ann@example.com").stream().map(e -> e.get("summary").stringValue()).toList()).doesNotContain("Ours");
  }

  @Test
  void push_channels_are_made_verified_and_stopped_and_disconnect_revokes_the_grant() throws Exception {
    String cal = GOOGLE.addCalendar("Pushed");
    String schedule = new Fixtures(api).schedule(Map.of("name", "Push", "timeZone", "UTC"));
    String id = OAuthFlow.connectGoogle(api, port, GOOGLE, schedule);
    String grant = GOOGLE.refreshTokens().get(GOOGLE.refreshTokens().size() - 1);
    configure(id, Map.of("listEventFromCalendars", Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", cal))))));
    sync(id);
    var watch = GOOGLE.channels().values().stream().filter(w -> w.calendarId().equals(cal)).findFirst().orElseThrow();
    assertThat(watch.address()).isEqualTo("http://127.0.0.1:" + port + PREFIX + "/push/google");
    sync(id);
    assertThat(GOOGLE.channels().values().stream().filter(w -> w.calendarId().equals(cal)).count()).as("a live channel is kept, not remade").isEqualTo(1);

    assertThat(push(watch.id(), "forged", watch.resourceId(), "exists")).isEqualTo(403);
    assertThat(push(watch.id(), null, watch.resourceId(), "exists")).isEqualTo(403);
    assertThat(push(watch.id(), watch.token(), "another-resource", "exists")).isEqualTo(403);
    assertThat(push(UUID.randomUUID().toString(), watch.token(), watch.resourceId(), "exists")).isEqualTo(403);
    assertThat(watch.token()).as("the token names its tenant, so the channel is found by its key").startsWith(tenant.id().value() + ".");
    String otherTenant = UUID.randomUUID() + watch.token().substring(watch.token().indexOf('.'));
    assertThat(push(watch.id(), otherTenant, watch.resourceId(), "exists")).as("the signature covers the tenant").isEqualTo(403);
    Instant next = Instant.parse(api.get(PREFIX + "/connections/" + id).at("/connection/syncState/nextSyncDate").stringValue());
    assertThat(next).as("a refused notification changes nothing").isAfter(Instant.now().plusSeconds(60));
    assertThat(push(watch.id(), watch.token(), watch.resourceId(), "exists")).isEqualTo(200);
    assertThat(Instant.parse(api.get(PREFIX + "/connections/" + id).at("/connection/syncState/nextSyncDate").stringValue())).isBefore(Instant.now());

    // a channel near its end is replaced, and the old one stopped
    jdbc.sql("update push_channel set expires_at = now() + interval '1 hour' where id = ?").params(watch.id()).update();
    sync(id);
    assertThat(GOOGLE.channels()).doesNotContainKey(watch.id());
    assertThat(GOOGLE.channels().values().stream().filter(w -> w.calendarId().equals(cal)).count()).isEqualTo(1);

    api.post(PREFIX + "/connections/" + id + "/disconnect", Map.of());
    assertThat(GOOGLE.channels().values().stream().filter(w -> w.calendarId().equals(cal))).isEmpty();
    assertThat(GOOGLE.revoked(grant)).isTrue();
  }

  private int push(String channel, String token, String resource, String state) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + PREFIX + "/push/google"))
        .header("X-Goog-Channel-ID", channel).header("X-Goog-Resource-ID", resource).header("X-Goog-Resource-State", state)
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("X-Goog-Channel-Token", token);
    }
    return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static tools.jackson.databind.json.JsonMapper JSON() {
    return tools.jackson.databind.json.JsonMapper.builder().build();
  }

  private List<ObjectNode> live(String calendar) {
    return GOOGLE.events(calendar).stream().filter(e -> !"cancelled".equals(e.path("status").asString(""))).toList();
  }

  private List<String> listings(String calendar) {
    return GOOGLE.requests().stream().filter(r -> r.startsWith("GET /calendar/v3/calendars/" + calendar + "/events?")).toList();
  }

  private long changes(String slugSuffix) {
    return api.changes().stream().filter(c -> c.get("type").stringValue().endsWith(slugSuffix)).count();
  }

  private Response sync(String id) {
    return new ConnectionCalls(api).sync(id);
  }

  private void configure(String id, Map<String, Object> config) {
    new ConnectionCalls(api).configure(id, config);
  }

  private List<String> busy(String schedule) {
    return new ConnectionCalls(api).busy(schedule, monday.minusDays(1), monday.plusWeeks(6));
  }
}
