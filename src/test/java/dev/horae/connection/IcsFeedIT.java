package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * ICS feed subscriptions against a local HTTP server serving feeds shaped as Google (X-WR-TIMEZONE,
 * a weekly series with EXDATE and a RECURRENCE-ID override, a UTC single), Outlook (the Windows zone
 * id "W. Europe Standard Time" with its VTIMEZONE, Last-Modified, a free event) and Apple (all-day
 * events, a cancelled one, a VALARM with its own UID) write them: busy time as Horae's busy rules
 * read it, conditional GETs answered 304 with nothing rewritten, a changed feed applied, and feeds
 * that are too large or not iCalendar refused at connect.
 */
@TestPropertySource(properties = "horae.ics.max-bytes=100000")
class IcsFeedIT extends ApiTest {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
  private static final String BERLIN_TZ = "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nX-LIC-LOCATION:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\n"
      + "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
      + "END:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n"
      + "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
  private static final String WINDOWS_TZ = "BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\n"
      + "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\n"
      + "DTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\n"
      + "END:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

  private final Map<String, String> feeds = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();
  private HttpServer server;
  private String base;
  private LocalDate monday;

  @BeforeAll
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", x -> {
      String path = x.getRequestURI().getPath();
      fetches.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      String body = feeds.get(path);
      if (body == null) {
        x.sendResponseHeaders(404, -1);
        x.close();
        return;
      }
      String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
      String modified = "Tue, 01 Dec 2026 10:00:00 GMT"; // the Outlook-shaped feed sends only this validator
      boolean outlook = path.startsWith("/outlook");
      boolean unchanged = outlook ? modified.equals(x.getRequestHeaders().getFirst("If-Modified-Since")) && !body.contains("CHANGED")
          : etag.equals(x.getRequestHeaders().getFirst("If-None-Match"));
      if (unchanged) {
        notModified.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        x.sendResponseHeaders(304, -1);
        x.close();
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", path.endsWith(".html") ? "text/html" : "text/calendar; charset=utf-8");
      if (outlook) {
        x.getResponseHeaders().set("Last-Modified", modified);
      } else {
        x.getResponseHeaders().set("ETag", etag);
      }
      x.sendResponseHeaders(200, bytes.length);
      x.getResponseBody().write(bytes);
      x.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    monday = LocalDate.now(BERLIN).plusDays(7).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
  }

  @AfterAll
  void stop() {
    server.stop(0);
  }

  private String google(boolean changed) {
    String d = monday.format(BASIC);
    return "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
        + "X-WR-CALNAME:Pat's classes\r\nX-WR-TIMEZONE:Europe/Berlin\r\n" + BERLIN_TZ
        + "BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:" + d + "T090000\r\nDTEND;TZID=Europe/Berlin:" + d + "T100000\r\n"
        + "RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=Europe/Berlin:" + monday.plusWeeks(1).format(BASIC) + "T090000\r\n"
        + "DTSTAMP:20261201T100000Z\r\nUID:weekly123@google.com\r\nSUMMARY:" + (changed ? "Yoga, new room" : "Yoga") + "\r\n"
        + "DESCRIPTION:A long description that Google folds at seventy-five octets\\, so the reader must unfold it before anythin\r\n g else\r\n"
        + "END:VEVENT\r\n"
        + "BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:" + monday.plusWeeks(2).format(BASIC) + "T110000\r\nDTEND;TZID=Europe/Berlin:"
        + monday.plusWeeks(2).format(BASIC) + "T120000\r\nDTSTAMP:20261201T100000Z\r\nUID:weekly123@google.com\r\n"
        + "RECURRENCE-ID;TZID=Europe/Berlin:" + monday.plusWeeks(2).format(BASIC) + "T090000\r\nSUMMARY:Yoga moved\r\nEND:VEVENT\r\n"
        + (changed ? "" : "BEGIN:VEVENT\r\nDTSTART:" + monday.plusDays(1).format(BASIC) + "T130000Z\r\nDTEND:" + monday.plusDays(1).format(BASIC)
            + "T140000Z\r\nDTSTAMP:20261201T100000Z\r\nUID:single@google.com\r\nSUMMARY:Lunch\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n")
        + "END:VCALENDAR\r\n";
  }

  private String outlook() {
    String wed = monday.plusDays(2).format(BASIC);
    return "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\nX-WR-CALNAME:Calendar\r\n" + WINDOWS_TZ
        + "BEGIN:VEVENT\r\nUID:040000008200E00074C5B7101A82E00800000000A1\r\nSUMMARY:Busy\r\nDTSTART;TZID=W. Europe Standard Time:" + wed
        + "T150000\r\nDTEND;TZID=W. Europe Standard Time:" + wed + "T160000\r\nCLASS:PUBLIC\r\nPRIORITY:5\r\nDTSTAMP:20261201T100000Z\r\n"
        + "TRANSP:OPAQUE\r\nSTATUS:CONFIRMED\r\nSEQUENCE:0\r\nX-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\nEND:VEVENT\r\n"
        + "BEGIN:VEVENT\r\nUID:040000008200E00074C5B7101A82E00800000000A2\r\nSUMMARY:Free\r\nDTSTART;TZID=W. Europe Standard Time:" + wed
        + "T170000\r\nDTEND;TZID=W. Europe Standard Time:" + wed + "T180000\r\nDTSTAMP:20261201T100000Z\r\nTRANSP:TRANSPARENT\r\n"
        + "X-MICROSOFT-CDO-BUSYSTATUS:FREE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  private String apple() {
    LocalDate thu = monday.plusDays(3);
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:Home\r\n"
        + "X-APPLE-CALENDAR-COLOR:#1BADF8\r\n" + BERLIN_TZ
        + "BEGIN:VEVENT\r\nCREATED:20261201T100000Z\r\nUID:5A1B2C3D-0001-APPLE\r\nDTSTART;VALUE=DATE:" + thu.format(BASIC)
        + "\r\nDTEND;VALUE=DATE:" + thu.plusDays(1).format(BASIC) + "\r\nSUMMARY:Day off\r\nTRANSP:OPAQUE\r\nDTSTAMP:20261201T100000Z\r\nEND:VEVENT\r\n"
        + "BEGIN:VEVENT\r\nUID:5A1B2C3D-0002-APPLE\r\nDTSTART;VALUE=DATE:" + thu.plusDays(1).format(BASIC) + "\r\nDTEND;VALUE=DATE:"
        + thu.plusDays(2).format(BASIC) + "\r\nSUMMARY:Birthday\r\nTRANSP:TRANSPARENT\r\nDTSTAMP:20261201T100000Z\r\nEND:VEVENT\r\n"
        + "BEGIN:VEVENT\r\nUID:5A1B2C3D-0003-APPLE\r\nDTSTART;TZID=Europe/Berlin:" + thu.format(BASIC) + "T080000\r\nDTEND;TZID=Europe/Berlin:"
        + thu.format(BASIC) + "T083000\r\nSUMMARY:Cancelled call\r\nSTATUS:CANCELLED\r\nDTSTAMP:20261201T100000Z\r\nEND:VEVENT\r\n"
        + "BEGIN:VEVENT\r\nUID:5A1B2C3D-0004-APPLE\r\nDTSTART;TZID=Europe/Berlin:" + thu.format(BASIC) + "T100000\r\nDURATION:PT45M\r\n"
        + "SUMMARY:Dentist\r\nDTSTAMP:20261201T100000Z\r\nBEGIN:VALARM\r\nUID:ALARM-0001\r\nX-WR-ALARMUID:ALARM-0001\r\nTRIGGER:-PT15M\r\n"
        + "ACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  private String connect(String schedule, String url) {
    Response r = api.post(PREFIX + "/connections:connectByUrl", Map.of("scheduleId", schedule, "url", url));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.at("/connection/providerId").stringValue()).isEqualTo(Provider.ICS_FEED);
    return r.at("/connection/id").stringValue();
  }

  private static String at(LocalDate day, int hour, int minute) {
    return day.atTime(hour, minute).atZone(BERLIN).toInstant().toString();
  }

  private List<String> busy(String schedule) {
    return new ConnectionCalls(api).busy(schedule, monday.minusDays(1), monday.plusWeeks(5));
  }

  @Test
  void feeds_shaped_as_google_outlook_and_apple_write_them_are_busy_time_by_horaes_rules() {
    Response providers = api.get(PREFIX + "/providers");
    assertThat(providers.json().get("providers").valueStream().filter(p -> p.get("id").stringValue().equals(Provider.ICS_FEED))
        .map(p -> p.get("features").get("connectMethods").get(0).stringValue() + " " + p.get("features").get("syncToCalendar").stringValue()).toList())
        .containsExactly("URL NOT_SUPPORTED");
    Fixtures fixtures = new Fixtures(api);
    String pat = fixtures.schedule(Map.of("name", "Pat", "timeZone", "UTC"));
    String kim = fixtures.schedule(Map.of("name", "Kim", "timeZone", "UTC"));
    String lee = fixtures.schedule(Map.of("name", "Lee", "timeZone", "UTC"));
    feeds.put("/google/private-5ecret/basic.ics", google(false));
    feeds.put("/outlook/published/calendar.ics", outlook());
    feeds.put("/apple/home.ics", apple());
    String google = connect(pat, base + "/google/private-5ecret/basic.ics");
    String outlook = connect(kim, base + "/outlook/published/calendar.ics");
    String apple = connect(lee, base + "/apple/home.ics");
    Response shown = api.get(PREFIX + "/connections/" + google);
    assertThat(shown.at("/connection/serverUrl").stringValue()).isEqualTo(base + "/…/basic.ics").doesNotContain("5ecret");
    for (String id : List.of(google, outlook, apple)) {
      assertThat(new ConnectionCalls(api).sync(id).at("/connection/status").stringValue()).isEqualTo("SYNCED");
    }

    assertThat(busy(pat)).containsExactly("Yoga " + at(monday, 9, 0), "Lunch " + monday.plusDays(1).atTime(13, 0).toInstant(ZoneOffset.UTC),
        "Yoga moved " + at(monday.plusWeeks(2), 11, 0), "Yoga " + at(monday.plusWeeks(3), 9, 0));
    assertThat(busy(kim)).containsExactly("Busy " + at(monday.plusDays(2), 15, 0));
    assertThat(busy(lee)).containsExactly("Day off " + monday.plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant(), "Dentist " + at(monday.plusDays(3), 10, 0));
    Response listed = api.get(PREFIX + "/events?from=" + monday + "T00:00:00Z&to=" + monday.plusDays(7) + "T00:00:00Z&scheduleIds=" + pat
        + "&fieldsets=OWN_PI");
    assertThat(listed.json().get("events").valueStream().map(e -> e.get("calendarName").stringValue() + " " + e.get("calendarType").stringValue()
        + " " + e.get("connectionId").stringValue()).distinct().toList()).containsExactly("Pat's classes OTHER " + google);

    // unchanged: one conditional GET each, answered 304, nothing rewritten
    int before = fetches.get("/google/private-5ecret/basic.ics").get();
    for (String id : List.of(google, outlook, apple)) {
      new ConnectionCalls(api).sync(id);
    }
    assertThat(fetches.get("/google/private-5ecret/basic.ics").get()).isEqualTo(before + 1);
    assertThat(notModified.get("/google/private-5ecret/basic.ics").get()).isEqualTo(1);
    assertThat(notModified.get("/outlook/published/calendar.ics").get()).as("If-Modified-Since").isEqualTo(1);
    assertThat(notModified.get("/apple/home.ics").get()).isEqualTo(1);
    assertThat(busy(pat)).hasSize(4);

    // changed: a renamed series and a removed event
    feeds.put("/google/private-5ecret/basic.ics", google(true));
    new ConnectionCalls(api).sync(google);
    assertThat(busy(pat)).containsExactly("Yoga, new room " + at(monday, 9, 0), "Yoga moved " + at(monday.plusWeeks(2), 11, 0),
        "Yoga, new room " + at(monday.plusWeeks(3), 9, 0));

    // read-only, and gone with the connection
    Response export = api.patch(PREFIX + "/connections/" + google + "/sync-config", Map.of("syncConfig",
        Map.of("syncToCalendar", Map.of("enabled", true, "dedicatedCalendar", Map.of()))));
    assertThat(export.status()).isEqualTo(400);
    assertThat(export.text()).contains("syncConfig.syncToCalendar.enabled");
    assertThat(api.post(PREFIX + "/connections/" + google + "/disconnect", Map.of()).status()).isEqualTo(200);
    assertThat(busy(pat)).isEmpty();
  }

  @Test
  void a_feed_that_is_gone_makes_the_connection_error_and_bad_feeds_are_refused_at_connect() {
    Fixtures fixtures = new Fixtures(api);
    String schedule = fixtures.schedule(Map.of("name", "Gone", "timeZone", "UTC"));
    feeds.put("/doomed.ics", apple());
    String id = connect(schedule, base + "/doomed.ics");
    new ConnectionCalls(api).sync(id);
    feeds.remove("/doomed.ics");
    Response synced = new ConnectionCalls(api).sync(id);
    assertThat(synced.at("/connection/status").stringValue()).isEqualTo("ERROR");
    assertThat(synced.at("/connection/errorReason").stringValue()).isEqualTo("EXTERNAL_CALENDAR_DELETED");

    feeds.put("/big.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "X-FILLER:0123456789012345678901234567890123456789\r\n".repeat(3000)
        + "END:VCALENDAR\r\n");
    feeds.put("/page.html", "<!doctype html><title>Sign in</title>");
    Map<String, String> refused = Map.of("/big.ics", "FEED_TOO_LARGE", "/page.html", "NOT_AN_ICS_FEED", "/missing.ics", "FEED_REFUSED");
    refused.forEach((path, code) -> {
      Response r = api.post(PREFIX + "/connections:connectByUrl", Map.of("scheduleId", schedule, "url", base + path));
      assertThat(r.status()).as(path + " " + r).isEqualTo(422);
      assertThat(r.at("/code").stringValue()).as(path).isEqualTo(code);
    });
    Response noUrl = api.post(PREFIX + "/connections:connectByUrl", Map.of("scheduleId", schedule));
    assertThat(noUrl.status()).isEqualTo(400);
    assertThat(noUrl.text()).contains("url");
    Response ftp = api.post(PREFIX + "/connections:connectByUrl", Map.of("scheduleId", schedule, "url", "ftp://example.com/feed.ics"));
    assertThat(ftp.status()).isEqualTo(400);
  }
}
