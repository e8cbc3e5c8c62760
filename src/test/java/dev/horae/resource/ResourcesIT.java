package dev.horae.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.connection.emulator.Emulators;
import dev.horae.connection.emulator.GoogleEmulator;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Resources: the API, and a resource's own Google calendar: the auth URL, authorizing it (against
 * the Google emulator), its busy time counting with calendarAvailability 1, and its bookings written
 * to it.
 */
class ResourcesIT extends ApiTest {
  @org.junit.jupiter.api.extension.RegisterExtension
  static final Emulators PROVIDERS = Emulators.withGoogle("pat@example.com");
  static final GoogleEmulator GOOGLE = PROVIDERS.google();
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @DynamicPropertySource
  static void google(DynamicPropertyRegistry registry) {
    PROVIDERS.register(registry);
  }

  @Test
  void create_update_bulk_list_and_the_rules_of_the_fields() {
    OnSchedCalls onsched = new OnSchedCalls(api);
    Response made = onsched.resource(Map.of("name", "Alex", "email", "alex@example.com", "timezoneIana", "Europe/Berlin"));
    assertThat(made.at("/object").stringValue()).isEqualTo("resource");
    assertThat(made.at("/availability/mon/startTime").intValue()).isEqualTo(900); // business hours by default
    assertThat(made.at("/availability/sun/endTime").intValue()).isZero();
    assertThat(api.get("/calendar/v3/schedules/" + made.at("/scheduleId").stringValue()).at("/schedule/name").stringValue()).isEqualTo("Alex");
    String id = made.at("/id").stringValue();
    Response updated = onsched.put("/setup/v1/resources/" + id, Map.of("description", "Senior stylist", "dateOverrides",
        List.of(Map.of("date", "2030-12-24", "startTime", 900, "endTime", 1200))));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.at("/name").stringValue()).isEqualTo("Alex"); // absent fields keep their value
    assertThat(updated.at("/dateOverrides/0/endTime").intValue()).isEqualTo(1200);

    Response bulk = api.post("/setup/v1/resources/bulk", Map.of("resources", List.of(Map.of("name", "Bo"), Map.of("name", "Cy"))));
    assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
    assertThat(bulk.json().size()).isEqualTo(2);
    Response badBulk = api.post("/setup/v1/resources/bulk", Map.of("resources", List.of(Map.of("name", "Dee"), Map.of("email", "not-an-email"))));
    assertThat(badBulk.status()).isEqualTo(400);
    assertThat(badBulk.text()).contains("resources[1].name").contains("resources[1].email");
    assertThat(api.get("/setup/v1/resources?name=Dee").at("/total").intValue()).as("a refused bulk creates nothing").isZero();
    Response bulkUpdate = onsched.put("/setup/v1/resources/bulk", Map.of("resources", List.of(Map.of("id", bulk.json().get(0).get("id").stringValue(),
        "availability", OnSchedCalls.everyDay(800, 1600)))));
    assertThat(bulkUpdate.json().get(0).get("availability").get("sat").get("startTime").intValue()).isEqualTo(800);

    Response list = api.get("/setup/v1/resources?limit=2");
    assertThat(list.at("/object").stringValue()).isEqualTo("list");
    assertThat(list.at("/count").intValue()).isEqualTo(2);
    assertThat(list.at("/hasMore").booleanValue()).isTrue();
    assertThat(api.get("/setup/v1/resources?limit=101").status()).isEqualTo(400);

    Response hours = api.post("/setup/v1/resources", Map.of("name", "Odd", "availability", Map.of("mon", Map.of("startTime", 1700, "endTime", 900))));
    assertThat(hours.status()).isEqualTo(400);
    assertThat(hours.text()).contains("availability.mon");
    Response mode = api.post("/setup/v1/resources", Map.of("name", "Odd", "options", Map.of("calendarAvailability", 7)));
    assertThat(mode.text()).contains("options.calendarAvailability");
    assertThat(api.delete("/setup/v1/resources/" + id).at("/deletedStatus").booleanValue()).isTrue();
    assertThat(api.changes().stream().filter(c -> c.get("entityId").stringValue().equals(id))
        .map(c -> c.get("type").stringValue()).toList())
        .containsExactly("onsched.setup.v1.resource.created", "wix.bookings.resources.v2.resource.created", "onsched.setup.v1.resource.updated",
            "wix.bookings.resources.v2.resource.updated", "onsched.setup.v1.resource.updated", "wix.bookings.resources.v2.resource.deleted");
    assertThat(onsched.put("/setup/v1/resources/" + id + "/recover", Map.of()).at("/deletedStatus").booleanValue()).isFalse();
  }

  @Test
  void a_resource_authorizes_its_google_calendar_whose_busy_time_counts_and_which_receives_its_bookings() throws Exception {
    OnSchedCalls onsched = new OnSchedCalls(api);
    String service = onsched.service(Map.of("name", "Coaching", "duration", 60));
    String back = "https://app.example.com/resource-connected";
    Response created = api.post("/setup/v1/resources?googleAuthReturnUrl=" + enc(back), Map.of("name", "Pat", "timezoneIana", "Europe/Berlin",
        "availability", OnSchedCalls.everyDay(900, 1200), "options", Map.of("googleCalendarId", "pat@example.com", "calendarAvailability", 1)));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    assertThat(created.at("/googleCalendarAuthorized").booleanValue()).isFalse();
    String authUrl = created.at("/googleCalendarAuthUrl").stringValue();
    assertThat(authUrl).startsWith(GOOGLE.baseUrl()).contains("login_hint=pat%40example.com");
    String id = created.at("/id").stringValue();
    Response auth = api.get("/setup/v1/resources/" + id + "/calendar/auth/google/pat@example.com?googleAuthReturnUrl=" + enc(back));
    assertThat(auth.at("/calendarId").stringValue()).isEqualTo("pat@example.com");
    assertThat(api.get("/setup/v1/resources/" + id + "/calendar/auth/outlook/pat@example.com?outlookAuthReturnUrl=" + enc(back)).status())
        .as("a resource has one external calendar").isEqualTo(400);

    // Pat consents at Google and comes back to the app
    Map<String, String> q = query(URI.create(auth.at("/calendarAuthUrl").stringValue()).getRawQuery());
    String code = "4/" + UUID.randomUUID();
    GOOGLE.issueCode(code, q.get("code_challenge"));
    HttpResponse<String> callback = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/bookings/v2/external-calendars/oauth/callback?state=" + enc(q.get("state")) + "&code=" + enc(code)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    String location = callback.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(back + "?connectionId=");
    String connection = location.substring(location.indexOf('=') + 1);
    Response resource = api.get("/setup/v1/resources/" + id + "?googleAuthReturnUrl=" + enc(back));
    assertThat(resource.at("/googleCalendarAuthorized").booleanValue()).isTrue();
    assertThat(resource.json().hasNonNull("googleCalendarAuthUrl")).isFalse();
    Response conn = api.get("/bookings/v2/external-calendars/connections/" + connection);
    assertThat(conn.at("/connection/scheduleId").stringValue()).isEqualTo(resource.at("/scheduleId").stringValue());
    assertThat(conn.at("/connection/syncConfig/syncToCalendar/enabled").booleanValue()).isTrue();

    // Pat's busy time in Google counts
    LocalDate monday = LocalDate.now(BERLIN).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    GOOGLE.put("pat@example.com", GoogleEmulator.event("Gym", monday.atTime(10, 0).atZone(BERLIN).toInstant(),
        monday.atTime(11, 0).atZone(BERLIN).toInstant(), "Europe/Berlin"));
    api.post("/bookings/v2/external-calendars/connections/" + connection + "/sync", Map.of());
    List<String> starts = onsched.starts(service, monday.toString(), monday.toString(), "resourceId=" + id);
    assertThat(starts).containsExactly(at(monday, 9), at(monday, 11));

    // and a booking goes to Pat's Google calendar
    Response booked = api.post("/consumer/v1/appointments?completeBooking=BK", Map.of("serviceId", service, "resourceId", id,
        "startDateTime", at(monday, 9), "endDateTime", at(monday, 10), "name", "Sam", "email", "sam@example.com"));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(200);
    api.post("/bookings/v2/external-calendars/connections/" + connection + "/sync", Map.of());
    assertThat(GOOGLE.events("pat@example.com").stream().filter(e -> !"cancelled".equals(e.path("status").asString("")))
        .map(e -> e.get("summary").stringValue()).toList()).containsExactlyInAnyOrder("Gym", "Coaching: Sam");
    assertThat(onsched.starts(service, monday.toString(), monday.toString(), "resourceId=" + id))
        .as("the booking counts once, not again as its own exported copy").containsExactly(at(monday, 11));
  }

  private static String at(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(BERLIN).toOffsetDateTime().toString();
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
