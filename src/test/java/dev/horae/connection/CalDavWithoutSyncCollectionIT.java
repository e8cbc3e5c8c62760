package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Servers without RFC 6578: the CTag says whether anything changed, ETags say what. */
@TestPropertySource(properties = "horae.caldav.sync-collection=false")
class CalDavWithoutSyncCollectionIT extends ApiTest {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  private static final String DAY = java.time.LocalDate.now().plusDays(10).toString().replace("-", ""); // inside the sync window
  @Autowired JdbcClient jdbc;

  @Test
  void ctag_and_etags_keep_the_import_in_step() throws Exception {
    String schedule = new Fixtures(api).schedule(Map.of("name", "No sync-collection"));
    String calendar = caldavUrl() + "/bob/" + UUID.randomUUID() + "/";
    assertThat(send("MKCALENDAR", calendar, "<?xml version=\"1.0\"?><c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"/>")).isEqualTo(201);
    assertThat(send("PUT", calendar + "a.ics", ics("a", "First", DAY + "T100000Z"))).isEqualTo(201);
    Response connected = api.post(PREFIX + "/connections:connectByCredentials", Map.of("scheduleId", schedule, "providerId", Provider.CALDAV,
        "email", "bob", "password", "bobpw", "serverUrl", caldavUrl()));
    String id = connected.at("/connection/id").stringValue();
    api.patch(PREFIX + "/connections/" + id + "/sync-config", Map.of("syncConfig", Map.of("listEventFromCalendars",
        Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", calendar)))))));
    api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(titles(schedule)).containsExactly("First");
    String token = jdbc.sql("select sync_token from connection_calendar_sync where connection_id = ?").params(UUID.fromString(id)).query(String.class).single();
    assertThat(token).startsWith("ctag:");

    assertThat(send("PUT", calendar + "b.ics", ics("b", "Second", DAY + "T110000Z"))).isEqualTo(201);
    assertThat(send("DELETE", calendar + "a.ics", null)).isIn(200, 204);
    api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(titles(schedule)).containsExactly("Second");
    assertThat(jdbc.sql("select sync_token from connection_calendar_sync where connection_id = ?").params(UUID.fromString(id)).query(String.class).single())
        .isNotEqualTo(token);
  }

  private List<String> titles(String schedule) {
    Response r = api.get(PREFIX + "/events?from=" + java.time.LocalDate.now().plusDays(5) + "T00:00:00Z&to=" + java.time.LocalDate.now().plusDays(15) + "T00:00:00Z&fieldsets=OWN_PI&scheduleIds=" + schedule);
    return r.json().get("events").valueStream().map(e -> e.get("title").stringValue()).toList();
  }

  private static String ics(String uid, String summary, String start) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:" + start
        + "\r\nDURATION:PT1H\r\nSUMMARY:" + summary + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  private static int send(String method, String url, String body) {
    return dev.horae.support.Radicale.bob().send(method, url, body).status();
  }
}
