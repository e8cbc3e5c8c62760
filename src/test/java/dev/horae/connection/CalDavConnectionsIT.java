package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Connect By Credentials against a real CalDAV server (Radicale on loopback; it also stands in for iCloud). */
class CalDavConnectionsIT extends ApiTest {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  @Autowired JdbcClient jdbc;
  private String schedule;
  private String calendarName;

  @BeforeAll
  void setUp() throws Exception {
    schedule = new Fixtures(api).schedule(Map.of("name", "Alice's chair"));
    calendarName = "Work " + UUID.randomUUID().toString().substring(0, 8);
    String path = "/alice/" + UUID.randomUUID() + "/";
    assertThat(dev.horae.support.Radicale.alice().mkcalendar(path, calendarName)).isEqualTo(201);
  }

  private Response connect(String provider, String email, String password, String serverUrl) {
    Map<String, Object> body = new HashMap<>(Map.of("scheduleId", schedule, "providerId", provider, "email", email, "password", password));
    if (serverUrl != null) {
      body.put("serverUrl", serverUrl);
    }
    return api.post(PREFIX + "/connections:connectByCredentials", body);
  }

  @Test
  void providers_say_how_they_connect() {
    Response r = api.get(PREFIX + "/providers");
    assertThat(r.status()).isEqualTo(200);
    Map<String, String> methods = new HashMap<>();
    r.json().get("providers").forEach(p -> methods.put(p.get("name").stringValue(), p.at("/features/connectMethods/0").stringValue()));
    assertThat(methods).containsEntry("Google", "OAUTH").containsEntry("Microsoft", "OAUTH")
        .containsEntry("Apple iCloud", "CREDENTIALS").containsEntry("CalDAV", "CREDENTIALS");
  }

  @Test
  void a_caldav_account_connects_lists_its_calendars_and_disconnects() {
    Response connected = connect(Provider.CALDAV, "alice", "alicepw", caldavUrl());
    assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    assertThat(connected.at("/connection/status").stringValue()).isEqualTo("CONNECTED");
    assertThat(connected.at("/connection/errorReason").stringValue()).isEqualTo("UNDEFINED");
    assertThat(connected.text()).doesNotContain("alicepw");
    String id = connected.at("/connection/id").stringValue();
    String stored = jdbc.sql("select credentials from connection where id = ?").params(UUID.fromString(id)).query(String.class).single();
    assertThat(stored).doesNotContain("alicepw").startsWith("it:");

    Response calendars = api.get(PREFIX + "/connections/" + id + "/calendars");
    assertThat(calendars.status()).as(calendars.toString()).isEqualTo(200);
    assertThat(calendars.json().get("calendars").valueStream().map(c -> c.get("name").stringValue()).toList()).contains(calendarName);

    Response listed = api.get(PREFIX + "/connections?scheduleIds=" + schedule);
    assertThat(listed.json().get("connections").valueStream().map(c -> c.get("id").stringValue()).toList()).contains(id);
    assertThat(listed.json().get("failedProviderIds").size()).isZero();

    Response gone = api.post(PREFIX + "/connections/" + id + "/disconnect", Map.of());
    assertThat(gone.at("/connection/status").stringValue()).isEqualTo("DISCONNECTED");
    assertThat(jdbc.sql("select credentials from connection where id = ?").params(UUID.fromString(id)).query(String.class).optional()).isEmpty();
    Response again = api.post(PREFIX + "/connections/" + id + "/disconnect", Map.of());
    assertThat(again.status()).isEqualTo(428);
    assertThat(again.at("/code").stringValue()).isEqualTo("CONNECTION_ALREADY_DISCONNECTED");
    assertThat(api.get(PREFIX + "/connections/" + id + "/calendars").status()).isEqualTo(428);
  }

  @Test
  void a_wrong_password_is_a_clear_error_and_stores_nothing() {
    int before = api.get(PREFIX + "/connections").json().get("connections").size();
    Response wrong = connect(Provider.CALDAV, "alice", "not-the-password", caldavUrl());
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.at("/code").stringValue()).isEqualTo("BAD_CREDENTIALS");
    assertThat(wrong.at("/errors/0/field").stringValue()).isEqualTo("password");
    Response icloud = connect(Provider.APPLE, "alice@example.com", "apple-id-password", null);
    assertThat(icloud.status()).isEqualTo(422);
    assertThat(icloud.at("/errors/0/description").stringValue()).contains("app-specific password");
    assertThat(api.get(PREFIX + "/connections").json().get("connections").size()).isEqualTo(before);
  }

  @Test
  void bad_requests_name_the_field() {
    assertThat(connect(Provider.CALDAV, "alice", "alicepw", null).at("/errors/0/field").stringValue()).isEqualTo("serverUrl");
    assertThat(connect(Provider.GOOGLE, "alice", "alicepw", null).at("/errors/0/field").stringValue()).isEqualTo("providerId");
    assertThat(connect(Provider.APPLE, "alice", "x", null).at("/errors/0/field").stringValue()).isEqualTo("email");
    Response unreachable = connect(Provider.CALDAV, "alice", "alicepw", "http://127.0.0.1:9/");
    assertThat(unreachable.status()).isEqualTo(422);
    assertThat(unreachable.at("/code").stringValue()).isEqualTo("SERVER_UNREACHABLE");
    assertThat(unreachable.at("/errors/0/field").stringValue()).isEqualTo("serverUrl");
    Response otherSchedule = api.post(PREFIX + "/connections:connectByCredentials", Map.of("scheduleId", UUID.randomUUID().toString(),
        "providerId", Provider.CALDAV, "email", "alice", "password", "alicepw", "serverUrl", caldavUrl()));
    assertThat(otherSchedule.status()).isEqualTo(404);
    assertThat(api.get(PREFIX + "/connections/" + UUID.randomUUID()).status()).isEqualTo(404);
  }
}
