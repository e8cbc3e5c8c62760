package dev.horae.dav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import dev.horae.support.Khal;
import dev.horae.support.Programs;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Horae's CalDAV server from outside, over raw HTTP: discovery, the reports, writes with entity
 * tags, and that a change made over CalDAV is an ordinary Horae change (the REST API and the change
 * feed see it).
 */
class CalDavServerIT extends ApiTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Fixtures fixtures;
  private String schedule;
  private LocalDate monday;

  /** A DAV answer. */
  record Dav(int status, String body, java.net.http.HttpHeaders headers) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Dav dav(String method, String path, String body, Map<String, String> headers) {
    return dav(tenant.apiKey(), method, path, body, headers);
  }

  Dav dav(String key, String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("someone:" + key).getBytes(StandardCharsets.UTF_8)));
    }
    headers.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Dav(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static final String XML = "application/xml; charset=utf-8";

  @BeforeAll
  void schedule() {
    fixtures = new Fixtures(api);
    schedule = fixtures.schedule(Map.of("name", "Room 1", "timeZone", "Europe/Berlin"));
    monday = LocalDate.now().plusWeeks(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
  }

  String calendar() {
    return "/dav/calendars/" + schedule + "/";
  }

  @Test
  void discovery_leads_from_the_well_known_address_to_the_calendars() {
    Dav wellKnown = dav(null, "PROPFIND", "/.well-known/caldav", null, Map.of());
    assertThat(wellKnown.status()).isEqualTo(301);
    assertThat(wellKnown.header("Location")).isEqualTo("/dav/");

    Dav anonymous = dav(null, "PROPFIND", "/dav/", null, Map.of("Depth", "0"));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic ");
    assertThat(dav("hk_nonsense", "PROPFIND", "/dav/", null, Map.of("Depth", "0")).status()).isEqualTo(401);

    Dav root = dav("PROPFIND", "/dav/", """
        <?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/><d:foo/></d:prop></d:propfind>""",
        Map.of("Depth", "0", "Content-Type", XML));
    assertThat(root.status()).as(root.toString()).isEqualTo(207);
    assertThat(root.body()).contains("<D:current-user-principal><D:href>/dav/principal/</D:href>").contains("404 Not Found");

    Dav principal = dav("PROPFIND", "/dav/principal/", """
        <d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-home-set/></d:prop></d:propfind>""",
        Map.of("Depth", "0"));
    assertThat(principal.body()).contains("<C:calendar-home-set><D:href>/dav/calendars/</D:href>");

    Dav home = dav("PROPFIND", "/dav/calendars/", """
        <d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><d:resourcetype/><d:displayname/><cs:getctag/></d:prop></d:propfind>""",
        Map.of("Depth", "1"));
    assertThat(home.status()).isEqualTo(207);
    assertThat(home.body()).contains("<D:href>/dav/calendars/" + schedule + "/</D:href>").contains("<D:displayname>Room 1</D:displayname>")
        .contains("<C:calendar/>").contains("<CS:getctag>https://horae.dev/ns/sync/");
  }

  @Test
  void bodies_with_a_doctype_are_refused_and_big_ones_too() {
    Dav xxe = dav("PROPFIND", calendar(), """
        <?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d:propfind xmlns:d="DAV:"><d:prop><d:displayname>&x;</d:displayname></d:prop></d:propfind>""",
        Map.of("Depth", "0"));
    assertThat(xxe.status()).isEqualTo(400);
    assertThat(xxe.body()).doesNotContain("root:");
    Dav huge = dav("PUT", calendar() + "huge.ics", "X".repeat(1_100_000), Map.of("Content-Type", "text/calendar"));
    assertThat(huge.status()).isEqualTo(413);
    Dav notIcs = dav("PUT", calendar() + "bad.ics", "hello", Map.of("Content-Type", "text/calendar"));
    assertThat(notIcs.status()).as(notIcs.toString()).isBetween(400, 403);
    Dav unknown = dav("PROPFIND", "/dav/calendars/00000000-0000-0000-0000-000000000000/", null, Map.of("Depth", "0"));
    assertThat(unknown.status()).isEqualTo(404);
  }

  String single(String uid, String start, String end, String summary) {
    return """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Test//EN\r
        BEGIN:VEVENT\r
        UID:%s\r
        DTSTAMP:20260101T000000Z\r
        DTSTART;TZID=Europe/Berlin:%s\r
        DTEND;TZID=Europe/Berlin:%s\r
        SUMMARY:%s\r
        END:VEVENT\r
        END:VCALENDAR\r
        """.formatted(uid, start, end, summary);
  }

  static String basic(LocalDate d, int hour) {
    return d.toString().replace("-", "") + "T%02d0000".formatted(hour);
  }

  @Test
  void a_put_creates_an_event_the_api_sees_and_if_match_guards_changes() throws Exception {
    String name = calendar() + "lunch.ics";
    Dav created = dav("PUT", name, single("lunch-1", basic(monday, 12), basic(monday, 13), "Lunch"),
        Map.of("Content-Type", "text/calendar", "If-None-Match", "*"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Dav again = dav("PUT", name, single("lunch-1", basic(monday, 12), basic(monday, 13), "Lunch"),
        Map.of("Content-Type", "text/calendar", "If-None-Match", "*"));
    assertThat(again.status()).as("a second create of the same name").isEqualTo(412);

    Dav got = dav("GET", name, null, Map.of());
    assertThat(got.status()).isEqualTo(200);
    Calendar parsed = new CalendarBuilder().build(new StringReader(got.body()));
    Component vevent = parsed.getComponent(Component.VEVENT).orElseThrow();
    assertThat(vevent.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo("lunch-1");
    assertThat(vevent.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo(basic(monday, 12));
    String etag = got.header("ETag");
    assertThat(etag).isEqualTo("\"1\"");

    JsonNode made = api.changes().stream().filter(c -> c.get("type").stringValue().equals("wix.calendar.v3.event.created")
        && c.toString().contains("\"title\":\"Lunch\"")).findFirst().orElseThrow();
    String id = made.get("entityId").stringValue();
    JsonNode event = api.get("/calendar/v3/events/" + id).at("/event");
    assertThat(event.get("scheduleId").stringValue()).isEqualTo(schedule);
    assertThat(event.at("/start/localDate").stringValue()).isEqualTo(monday + "T12:00:00");
    assertThat(event.get("timeZone").stringValue()).isEqualTo("Europe/Berlin");

    Dav stale = dav("PUT", name, single("lunch-1", basic(monday, 12), basic(monday, 14), "Long lunch"),
        Map.of("Content-Type", "text/calendar", "If-Match", "\"7\""));
    assertThat(stale.status()).isEqualTo(412);
    Dav changed = dav("PUT", name, single("lunch-1", basic(monday, 12), basic(monday, 14), "Long lunch"),
        Map.of("Content-Type", "text/calendar", "If-Match", etag));
    assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
    assertThat(dav("GET", name, null, Map.of()).header("ETag")).isEqualTo("\"2\"");

    Dav otherUid = dav("PUT", calendar() + "other.ics", single("lunch-1", basic(monday, 15), basic(monday, 16), "Copy"),
        Map.of("Content-Type", "text/calendar"));
    assertThat(otherUid.status()).as("a second object with the same UID").isEqualTo(409);
    assertThat(otherUid.body()).contains("no-uid-conflict");

    Dav deleted = dav("DELETE", name, null, Map.of("If-Match", "\"2\""));
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(dav("GET", name, null, Map.of()).status()).isEqualTo(404);
    assertThat(api.get("/calendar/v3/events/" + id).at("/event/status").stringValue()).as("DELETE cancels the event").isEqualTo("CANCELLED");
  }

  @Test
  void a_read_only_key_reads_but_cannot_write() {
    Response made = api.post("/v1/api-keys", Map.of("apiKey", Map.of("name", "phone", "scopes", List.of("calendar:read"))));
    String readOnly = made.at("/apiKey/secret").stringValue();
    assertThat(dav(readOnly, "PROPFIND", calendar(), null, Map.of("Depth", "0")).status()).isEqualTo(207);
    Dav refused = dav(readOnly, "PUT", calendar() + "x.ics", single("x-1", basic(monday, 8), basic(monday, 9), "X"),
        Map.of("Content-Type", "text/calendar"));
    assertThat(refused.status()).isEqualTo(403);
    Response other = api.post("/v1/api-keys", Map.of("apiKey", Map.of("name", "webhooks", "scopes", List.of("webhooks:read"))));
    assertThat(dav(other.at("/apiKey/secret").stringValue(), "PROPFIND", calendar(), null, Map.of("Depth", "0")).status()).isEqualTo(403);
  }

  @Test
  void a_key_limited_to_one_schedule_sees_and_changes_only_that_calendar_and_only_over_caldav() {
    String mine = fixtures.schedule(Map.of("name", "Only mine", "timeZone", "Europe/Berlin"));
    Response made = api.post("/v1/api-keys", Map.of("apiKey", Map.of("name", "one calendar", "scopes",
        List.of("calendar:read", "calendar:write"), "scheduleIds", List.of(mine))));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    assertThat(made.at("/apiKey/scheduleIds/0").stringValue()).isEqualTo(mine);
    String key = made.at("/apiKey/secret").stringValue();

    Dav home = dav(key, "PROPFIND", "/dav/calendars/", null, Map.of("Depth", "1"));
    assertThat(home.status()).isEqualTo(207);
    assertThat(home.body()).contains("/dav/calendars/" + mine + "/").doesNotContain(schedule);
    assertThat(dav(key, "PROPFIND", calendar(), null, Map.of("Depth", "0")).status()).as("another schedule of the tenant").isEqualTo(404);
    assertThat(dav(key, "PUT", calendar() + "nope.ics", single("nope-1", basic(monday, 8), basic(monday, 9), "No"),
        Map.of("Content-Type", "text/calendar")).status()).isEqualTo(404);
    Dav put = dav(key, "PUT", "/dav/calendars/" + mine + "/mine.ics", single("mine-1", basic(monday, 8), basic(monday, 9), "Mine"),
        Map.of("Content-Type", "text/calendar", "If-None-Match", "*"));
    assertThat(put.status()).as(put.toString()).isEqualTo(201);

    Response rest = api.withKey(key).get("/calendar/v3/schedules/" + mine);
    assertThat(rest.status()).isEqualTo(403);
    assertThat(rest.at("/code").stringValue()).isEqualTo("KEY_LIMITED_TO_SCHEDULES");
    assertThat(api.withKey(key).get("/v1/api-keys/current").at("/apiKey/scheduleIds/0").stringValue()).isEqualTo(mine);

    Response rotated = api.post("/v1/api-keys/" + made.at("/apiKey/id").stringValue() + "/rotate", Map.of("overlapSeconds", 0));
    assertThat(rotated.at("/apiKey/scheduleIds").size()).as("a rotation keeps the reach").isEqualTo(1);
    assertThat(dav(rotated.at("/apiKey/secret").stringValue(), "PROPFIND", calendar(), null, Map.of("Depth", "0")).status()).isEqualTo(404);

    Response unknown = api.post("/v1/api-keys", Map.of("apiKey", Map.of("name", "x", "scheduleIds",
        List.of("not-a-uuid", java.util.UUID.randomUUID().toString(), mine, mine))));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text()).contains("apiKey.scheduleIds[0]").contains("apiKey.scheduleIds[1]").contains("apiKey.scheduleIds[3]")
        .doesNotContain("apiKey.scheduleIds[2]");
    assertThat(api.post("/v1/api-keys", Map.of("apiKey", Map.of("name", "x", "scheduleIds", List.of()))).text())
        .contains("apiKey.scheduleIds");
  }

  @Test
  void query_multiget_sync_and_free_busy() throws Exception {
    String own = fixtures.schedule(Map.of("name", "Reports", "timeZone", "Europe/Berlin"));
    String cal = "/dav/calendars/" + own + "/";
    JsonNode weekly = fixtures.event(own, monday + "T09:00:00", monday + "T10:00:00", Map.of("title", "Standup",
        "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("MONDAY"), "until", Map.of("localDate", monday.plusWeeks(3) + "T23:00:00"))));
    JsonNode review = fixtures.event(own, monday.plusDays(2) + "T14:00:00", monday.plusDays(2) + "T15:30:00", Map.of("title", "Review"));
    fixtures.event(own, monday.plusWeeks(6) + "T14:00:00", monday.plusWeeks(6) + "T15:00:00", Map.of("title", "Later"));

    Dav sync0 = dav("REPORT", cal, """
        <d:sync-collection xmlns:d="DAV:"><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>""",
        Map.of("Content-Type", XML));
    assertThat(sync0.status()).as(sync0.toString()).isEqualTo(207);
    assertThat(sync0.body().split("<D:response>").length - 1).isEqualTo(3);
    String token = sync0.body().replaceAll("(?s).*<D:sync-token>([^<]+)</D:sync-token>.*", "$1");

    String week = """
        <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/>%s</d:prop>
        <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:time-range start="%s" end="%s"/></c:comp-filter></c:comp-filter></c:filter>
        </c:calendar-query>""";
    String from = basic(monday.plusWeeks(1), 0) + "Z";
    String to = basic(monday.plusWeeks(2), 0) + "Z";
    Dav oneWeek = dav("REPORT", cal, week.formatted("<c:calendar-data/>", from, to), Map.of("Depth", "1", "Content-Type", XML));
    assertThat(oneWeek.status()).isEqualTo(207);
    assertThat(oneWeek.body()).contains(weekly.get("id").stringValue() + ".ics").doesNotContain(review.get("id").stringValue())
        .contains("RRULE:").doesNotContain("Later");
    Dav expanded = dav("REPORT", cal, week.formatted("<c:calendar-data><c:expand start=\"%s\" end=\"%s\"/></c:calendar-data>".formatted(from, to),
        from, to), Map.of("Depth", "1", "Content-Type", XML));
    String data = expanded.body().replaceAll("(?s).*<C:calendar-data>(.*)</C:calendar-data>.*", "$1").replace("&#13;", "\r");
    Calendar one = new CalendarBuilder().build(new StringReader(data));
    assertThat(one.getComponents(Component.VEVENT)).hasSize(1);
    assertThat(data).doesNotContain("RRULE").contains("RECURRENCE-ID").contains("DTSTART:" + basic(monday.plusWeeks(1), 8) + "Z");

    Dav multiget = dav("REPORT", cal, """
        <c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/></d:prop>
        <d:href>%1$s%2$s.ics</d:href><d:href>%1$snope.ics</d:href></c:calendar-multiget>""".formatted(cal, review.get("id").stringValue()),
        Map.of("Content-Type", XML));
    assertThat(multiget.body()).contains("<D:getetag>&quot;1&quot;</D:getetag>").contains("nope.ics</D:href><D:status>HTTP/1.1 404");

    assertThat(api.post("/calendar/v3/events/" + review.get("id").stringValue() + "/cancel", Map.of("revision", "1")).status()).isEqualTo(200);
    Dav sync1 = dav("REPORT", cal, """
        <d:sync-collection xmlns:d="DAV:"><d:sync-token>%s</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"""
        .formatted(token), Map.of("Content-Type", XML));
    assertThat(sync1.body().split("<D:response>").length - 1).as(sync1.body()).isEqualTo(1);
    assertThat(sync1.body()).contains(review.get("id").stringValue() + ".ics</D:href><D:status>HTTP/1.1 404");
    Dav badToken = dav("REPORT", cal, """
        <d:sync-collection xmlns:d="DAV:"><d:sync-token>http://elsewhere/1</d:sync-token><d:prop><d:getetag/></d:prop></d:sync-collection>""",
        Map.of("Content-Type", XML));
    assertThat(badToken.status()).isEqualTo(403);
    assertThat(badToken.body()).contains("valid-sync-token");

    Dav busy = dav("REPORT", cal, """
        <c:free-busy-query xmlns:c="urn:ietf:params:xml:ns:caldav"><c:time-range start="%s" end="%s"/></c:free-busy-query>""".formatted(from, to),
        Map.of("Content-Type", XML));
    assertThat(busy.status()).isEqualTo(200);
    assertThat(busy.body()).contains("FREEBUSY;FBTYPE=BUSY:" + basic(monday.plusWeeks(1), 8) + "Z/" + basic(monday.plusWeeks(1), 9) + "Z");
  }

  /** Debian's python3-caldav discovers, lists, queries, creates a series, moves one occurrence, syncs and deletes. */
  @Test
  void python_caldav_does_the_whole_round() throws Exception {
    String own = fixtures.schedule(Map.of("name", "Python's room", "timeZone", "Europe/Berlin"));
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("horae-caldav-py-");
    java.nio.file.Path script = dir.resolve("caldav_client.py");
    try (var in = getClass().getResourceAsStream("/dav/caldav_client.py")) {
      java.nio.file.Files.copy(in, script);
    }
    Programs.Run run = Programs.run(dir, Map.of("HOME", dir.toString(), "LANG", "C.UTF-8"),
        List.of("/usr/bin/python3", script.toString(), "http://127.0.0.1:" + port + "/dav/", tenant.apiKey(), own, monday.toString()));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.output()).contains("done").doesNotContain("FAIL");
    JsonNode series = api.changes().stream().filter(c -> c.get("type").stringValue().equals("wix.calendar.v3.event.created")
        && c.toString().contains("Python weekly")).findFirst().orElseThrow();
    assertThat(api.get("/calendar/v3/events/" + series.get("entityId").stringValue()).at("/event/status").stringValue()).isEqualTo("CANCELLED");
    assertThat(api.changes().stream().anyMatch(c -> c.toString().contains("Python weekly (moved)")))
        .as("the moved occurrence was an ordinary update, in the change feed").isTrue();
  }

  /** Horae's own CalDAV client (a connection by credentials) discovers Horae's CalDAV server and imports a schedule's busy time from it. */
  @Test
  void horaes_own_caldav_client_connects_to_horaes_caldav_server() {
    String served = fixtures.schedule(Map.of("name", "Served calendar", "timeZone", "Europe/Berlin"));
    fixtures.event(served, monday.plusDays(1) + "T10:00:00", monday.plusDays(1) + "T11:00:00", Map.of("title", "Served meeting"));
    String importing = fixtures.schedule(Map.of("name", "Importer", "timeZone", "Europe/Berlin"));
    Response key = api.post("/v1/api-keys", Map.of("apiKey", Map.of("name", "app password", "scopes", List.of("calendar:read"))));
    String prefix = "/bookings/v2/external-calendars";
    Response connected = api.post(prefix + "/connections:connectByCredentials", Map.of("scheduleId", importing, "providerId", dev.horae.connection.Provider.CALDAV,
        "email", "horae", "password", key.at("/apiKey/secret").stringValue(), "serverUrl", "http://127.0.0.1:" + port + "/"));
    assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    String id = connected.at("/connection/id").stringValue();
    JsonNode calendars = api.get(prefix + "/connections/" + id + "/calendars").json().get("calendars");
    JsonNode mine = calendars.valueStream().filter(c -> c.get("name").stringValue().equals("Served calendar")).findFirst().orElseThrow();
    Response config = api.patch(prefix + "/connections/" + id + "/sync-config", Map.of("syncConfig", Map.of("listEventFromCalendars",
        Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", mine.get("id").stringValue(), "name", "Served calendar")))))));
    assertThat(config.status()).as(config.toString()).isEqualTo(200);
    Response synced = api.post(prefix + "/connections/" + id + "/sync", Map.of());
    assertThat(synced.at("/connection/status").stringValue()).as(synced.toString()).isEqualTo("SYNCED");
    Response events = api.get(prefix + "/events?from=" + monday + "T00:00:00Z&to=" + monday.plusDays(3) + "T00:00:00Z&scheduleIds=" + importing
        + "&fieldsets=OWN_PI");
    assertThat(events.status()).as(events.toString()).isEqualTo(200);
    assertThat(events.json().get("events").valueStream().map(e -> e.get("title").stringValue() + " " + e.get("start").stringValue()).toList())
        .containsExactly("Served meeting " + monday.plusDays(1).atTime(10, 0).atZone(java.time.ZoneId.of("Europe/Berlin")).toInstant());
  }

  /**
   * Debian's vdirsyncer syncs a Horae calendar with a folder both ways: an edit on each side is seen
   * on the other, a new local event becomes a Horae event, and an edit on both sides is a conflict
   * it reports. khal then reads the folder.
   */
  @Test
  void vdirsyncer_syncs_both_ways_and_reports_a_conflict() throws Exception {
    String own = fixtures.schedule(Map.of("name", "Two-way", "timeZone", "Europe/Berlin"));
    JsonNode planning = fixtures.event(own, monday + "T09:00:00", monday + "T10:00:00", Map.of("title", "Planning"));
    String id = planning.get("id").stringValue();
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("horae-vdirsyncer-dav-");
    java.nio.file.Path local = java.nio.file.Files.createDirectories(dir.resolve("local"));
    java.nio.file.Files.writeString(dir.resolve("config"), """
        [general]
        status_path = "%1$s/status/"

        [pair twoway]
        a = "horae"
        b = "folder"
        collections = null

        [storage horae]
        type = "caldav"
        url = "http://127.0.0.1:%2$d/dav/calendars/%3$s/"
        username = "vdirsyncer"
        password = "%4$s"

        [storage folder]
        type = "filesystem"
        path = "%1$s/local/"
        fileext = ".ics"
        """.formatted(dir, port, own, tenant.apiKey()));
    Map<String, String> env = Map.of("HOME", dir.toString(), "LANG", "C.UTF-8", "LC_ALL", "C.UTF-8");
    List<String> vdirsyncer = List.of("/usr/bin/vdirsyncer", "-c", dir.resolve("config").toString());
    Programs.Run discover = Programs.run(dir, env, with(vdirsyncer, "discover"));
    assertThat(discover.exitCode()).as(discover.toString()).isZero();
    Programs.Run first = Programs.run(dir, env, with(vdirsyncer, "sync"));
    assertThat(first.exitCode()).as(first.toString()).isZero();
    List<java.nio.file.Path> files;
    try (var listed = java.nio.file.Files.list(local)) {
      files = listed.filter(f -> f.toString().endsWith(".ics")).toList();
    }
    assertThat(files).as("vdirsyncer names the files itself").hasSize(1);
    java.nio.file.Path file = files.get(0);
    assertThat(java.nio.file.Files.readString(file)).contains("SUMMARY:Planning");

    // an edit in Horae reaches the folder
    assertThat(api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("revision", "1", "title", "Planning v2"))).status()).isEqualTo(200);
    Programs.Run second = Programs.run(dir, env, with(vdirsyncer, "sync"));
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(java.nio.file.Files.readString(file)).contains("SUMMARY:Planning v2");

    // an edit in the folder, and a new event there, reach Horae
    java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file).replace("SUMMARY:Planning v2", "SUMMARY:Planning v3"));
    java.nio.file.Files.writeString(local.resolve("dentist.ics"), single("dentist-1", basic(monday.plusDays(1), 15), basic(monday.plusDays(1), 16), "Dentist"));
    Programs.Run third = Programs.run(dir, env, with(vdirsyncer, "sync"));
    assertThat(third.exitCode()).as(third.toString()).isZero();
    assertThat(api.get("/calendar/v3/events/" + id).at("/event/title").stringValue()).isEqualTo("Planning v3");
    assertThat(api.get("/calendar/v3/events/" + id).at("/event/revision").stringValue()).isEqualTo("3");
    Dav dentist = dav("REPORT", "/dav/calendars/" + own + "/", """
        <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>
        <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:prop-filter name="UID"><c:text-match>dentist-1</c:text-match>
        </c:prop-filter></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>""", Map.of("Depth", "1", "Content-Type", XML));
    assertThat(dentist.status()).as(dentist.toString()).isEqualTo(207);
    assertThat(dentist.body().split("<D:response>").length - 1).as("found by its UID").isEqualTo(1);
    assertThat(dentist.body()).contains("UID:dentist-1").contains("SUMMARY:Dentist");

    // both sides change the same event: vdirsyncer reports the conflict and keeps both as they are
    assertThat(api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("revision", "3", "title", "Planning (Horae)"))).status()).isEqualTo(200);
    java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file).replace("SUMMARY:Planning v3", "SUMMARY:Planning (folder)"));
    Programs.Run conflict = Programs.run(dir, env, with(vdirsyncer, "sync"));
    assertThat(conflict.exitCode()).as(conflict.toString()).isNotZero();
    assertThat(conflict.output()).as(conflict.toString()).containsIgnoringCase("conflict");
    assertThat(api.get("/calendar/v3/events/" + id).at("/event/title").stringValue()).isEqualTo("Planning (Horae)");
    assertThat(java.nio.file.Files.readString(file)).contains("SUMMARY:Planning (folder)");

    Programs.Run khal = Khal.list(dir, env, monday.toString(), "7d");
    assertThat(khal.exitCode()).as(khal.toString()).isZero();
    assertThat(khal.output()).contains(monday + " 09:00 " + monday + " 10:00 Planning (folder)")
        .contains(monday.plusDays(1) + " 15:00 " + monday.plusDays(1) + " 16:00 Dentist");
  }

  private static List<String> with(List<String> a, String b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.add(b);
    return out;
  }

  /** The same new object PUT twice at the same moment (a client's retry) makes one event: the name is claimed with it. */
  @Test
  void two_puts_of_one_new_object_at_once_make_one_event() throws Exception {
    String own = fixtures.schedule(Map.of("name", "Raced", "timeZone", "Europe/Berlin"));
    String body = single("raced-1", basic(monday.plusDays(2), 8), basic(monday.plusDays(2), 9), "Raced");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Dav>> sent = new java.util.ArrayList<>();
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      for (int i = 0; i < 4; i++) {
        sent.add(pool.submit(() -> {
          go.await();
          return dav("PUT", "/dav/calendars/" + own + "/raced.ics", body, Map.of("Content-Type", "text/calendar", "If-None-Match", "*"));
        }));
      }
      go.countDown();
      List<Integer> statuses = new java.util.ArrayList<>();
      for (var f : sent) {
        statuses.add(f.get().status());
      }
      assertThat(statuses).as(statuses.toString()).containsOnlyOnce(201).containsOnly(201, 412);
    } finally {
      pool.shutdownNow();
    }
    long made = api.changes().stream().filter(c -> c.get("type").stringValue().equals("wix.calendar.v3.event.created")
        && c.toString().contains("\"title\":\"Raced\"")).count();
    assertThat(made).isEqualTo(1);
  }
}
