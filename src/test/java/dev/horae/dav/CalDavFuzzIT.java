package dev.horae.dav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A bounded, seeded run of hostile CalDAV requests: broken and extreme iCalendar in PUTs, broken
 * and odd XML in PROPFIND and REPORT, odd names. Every answer is below 500, and a refused PUT of a
 * new name leaves nothing behind.
 */
class CalDavFuzzIT extends ApiTest {
  private static final long SEED = 20261206L;
  private static final int ROUNDS = 400;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Answer(int status, String body) {}

  /** Requests sent a second time because the connection closed under them. */
  private final List<String> retried = new ArrayList<>();

  Answer send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("fuzz:" + tenant.apiKey()).getBytes(StandardCharsets.UTF_8)));
    headers.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpRequest request = b.build();
    try {
      try {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
      } catch (IOException closed) {
        // a server may answer early and close a kept-alive connection while this client still writes
        // (HTTP/1.1 allows it); the request is sent once more on a new connection, and counted
        retried.add(method + " " + path + ": " + closed.getMessage());
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static final List<String> DATES = List.of("20270104T090000", "20270104", "99991231T235959", "00010101T000000", "20270230T250000",
      "2027-01-04T09:00:00", "", "20270104T090000Z", "x");
  private static final List<String> TZIDS = List.of("Europe/Berlin", "W. Europe Standard Time", "Mars/Olympus", "", "\"quoted\"", "UTC");
  private static final List<String> RULES = List.of("FREQ=WEEKLY;COUNT=3", "FREQ=SECONDLY", "FREQ=DAILY;COUNT=100000", "FREQ=NOPE",
      "FREQ=WEEKLY;UNTIL=20260101T000000Z", "FREQ=MONTHLY;BYDAY=5FR;COUNT=2", "", "FREQ=YEARLY;BYSETPOS=-1;BYMONTH=13");
  private static final List<String> TEXTS = List.of("Plain", "a\u0000b", "x".repeat(70_000), "<script>", "\u202e", "line\\nbreak", "");

  private static <T> T pick(Random r, List<T> from) {
    return from.get(r.nextInt(from.size()));
  }

  private static String ics(Random r, LocalDate base) {
    String uid = r.nextInt(5) == 0 ? "" : "fuzz-" + r.nextInt(30);
    StringBuilder out = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\n");
    int events = 1 + r.nextInt(3);
    for (int i = 0; i < events; i++) {
      String kind = r.nextInt(10) == 0 ? pick(r, List.of("VTODO", "VJOURNAL", "VFREEBUSY")) : "VEVENT";
      out.append("BEGIN:").append(kind).append("\r\nUID:").append(r.nextInt(6) == 0 ? "other-" + i : uid).append("\r\n");
      String start = r.nextInt(3) == 0 ? pick(r, DATES) : base.plusDays(r.nextInt(20)).toString().replace("-", "") + "T090000";
      String tz = pick(r, TZIDS);
      out.append("DTSTART").append(tz.isEmpty() ? "" : ";TZID=" + tz).append(':').append(start).append("\r\n");
      if (r.nextBoolean()) {
        out.append("DTEND").append(tz.isEmpty() ? "" : ";TZID=" + tz).append(':')
            .append(r.nextInt(3) == 0 ? pick(r, DATES) : base.plusDays(r.nextInt(20)).toString().replace("-", "") + "T100000").append("\r\n");
      } else if (r.nextBoolean()) {
        out.append("DURATION:").append(pick(r, List.of("PT1H", "P1D", "-PT1H", "PXYZ", "P9999999D"))).append("\r\n");
      }
      if (i == 0 && r.nextBoolean()) {
        out.append("RRULE:").append(pick(r, RULES)).append("\r\n");
      }
      if (r.nextInt(4) == 0) {
        out.append("EXDATE").append(tz.isEmpty() ? "" : ";TZID=" + tz).append(':').append(pick(r, DATES)).append("\r\n");
      }
      if (i > 0 || r.nextInt(8) == 0) {
        out.append("RECURRENCE-ID").append(tz.isEmpty() ? "" : ";TZID=" + tz).append(':').append(pick(r, DATES)).append("\r\n");
      }
      out.append("SUMMARY:").append(pick(r, TEXTS)).append("\r\n");
      if (r.nextBoolean()) {
        out.append("LOCATION:").append(pick(r, TEXTS)).append("\r\nDESCRIPTION:").append(pick(r, TEXTS)).append("\r\n");
      }
      if (r.nextInt(6) == 0) {
        out.append("STATUS:CANCELLED\r\n");
      }
      out.append("END:").append(kind).append("\r\n");
    }
    out.append("END:VCALENDAR\r\n");
    String text = out.toString();
    return switch (r.nextInt(8)) {
      case 0 -> text.substring(0, r.nextInt(text.length())); // truncated
      case 1 -> text.replace("\r\n", "\n");
      case 2 -> text.replace("END:VCALENDAR", "");
      default -> text;
    };
  }

  private static final List<String> XML = List.of(
      "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/><d:displayname/><x:y xmlns:x=\"urn:x\"/></d:prop></d:propfind>",
      "<d:propfind xmlns:d=\"DAV:\"><d:propname/></d:propfind>",
      "<d:propfind xmlns:d=\"DAV:\"><d:allprop/></d:propfind>",
      "<d:propfind xmlns:d=\"DAV:\"><d:prop>",
      "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]><x>&b;</x>",
      "<x/>", "", "not xml at all", "<d:propfind xmlns:d=\"DAV:\">" + "<d:prop>".repeat(3000) + "</d:propfind>",
      "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop><c:calendar-data/></d:prop><c:filter>"
          + "<c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\"VEVENT\"><c:time-range start=\"%s\" end=\"%s\"/></c:comp-filter>"
          + "</c:comp-filter></c:filter></c:calendar-query>",
      "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><c:filter><c:comp-filter name=\"VTODO\"/></c:filter></c:calendar-query>",
      "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop><c:calendar-data><c:expand start=\"%s\" end=\"%s\"/>"
          + "</c:calendar-data></d:prop><c:filter><c:comp-filter name=\"VCALENDAR\"/></c:filter></c:calendar-query>",
      "<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop><d:getetag/></d:prop>"
          + "<d:href>%s</d:href><d:href>/dav/calendars/x/y.ics</d:href><d:href>http://evil/%s</d:href></c:calendar-multiget>",
      "<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>%s</d:sync-token><d:prop><d:getetag/></d:prop></d:sync-collection>",
      "<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token/><d:sync-level>infinite</d:sync-level></d:sync-collection>",
      "<c:free-busy-query xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><c:time-range start=\"%s\" end=\"%s\"/></c:free-busy-query>",
      "<c:free-busy-query xmlns:c=\"urn:ietf:params:xml:ns:caldav\"/>",
      "<x:unknown-report xmlns:x=\"urn:x\"/>");
  private static final List<String> VALUES = List.of("20270101T000000Z", "20260101T000000Z", "99991231T000000Z", "00010101T000000Z", "x",
      "", "https://horae.dev/ns/sync/0", "https://horae.dev/ns/sync/-1", "https://horae.dev/ns/sync/99999999999999999999", "20270101");

  @Test
  void hostile_caldav_requests_get_answers_below_500_and_refused_puts_leave_nothing() {
    String schedule = new Fixtures(api).schedule(Map.of("name", "Fuzzed", "timeZone", "Europe/Berlin"));
    String calendar = "/dav/calendars/" + schedule + "/";
    LocalDate base = LocalDate.now().plusDays(3);
    Random r = new Random(SEED);
    List<String> names = List.of("a.ics", "b.ics", "%C3%A9t%C3%A9.ics", "x", "..", "%00.ics", "a%2Fb.ics", "y".repeat(300) + ".ics");
    List<String> failures = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < ROUNDS; i++) {
      String method = pick(r, List.of("PUT", "PUT", "PUT", "PROPFIND", "REPORT", "REPORT", "GET", "DELETE", "OPTIONS", "MKCALENDAR", "BREW"));
      String name = pick(r, names);
      String path = switch (r.nextInt(10)) {
        case 0 -> "/dav/";
        case 1 -> "/dav/calendars/";
        case 2 -> "/dav/calendars/not-a-uuid/";
        case 3, 4 -> calendar;
        default -> calendar + (method.equals("PUT") ? "n" + i + "-" : "") + name;
      };
      String body = null;
      Map<String, String> headers = new java.util.HashMap<>();
      if (method.equals("PUT")) {
        body = ics(r, base);
        headers.put("Content-Type", r.nextInt(10) == 0 ? "application/json" : "text/calendar");
        if (r.nextInt(4) == 0) {
          headers.put("If-Match", pick(r, List.of("\"1\"", "*", "garbage", "W/\"2\"")));
        }
      } else if (method.equals("PROPFIND") || method.equals("REPORT")) {
        String template = pick(r, XML);
        body = template.replace("%s", "\0").replaceAll("\0", java.util.regex.Matcher.quoteReplacement(pick(r, VALUES)));
        headers.put("Depth", pick(r, List.of("0", "1", "infinity", "7")));
      }
      boolean fresh = method.equals("PUT") && path.contains("/n" + i + "-");
      Answer a = send(method, path, body, headers);
      if (a.status() >= 500) {
        failures.add(method + " " + path + " -> " + a.status() + " " + a.body() + "\n" + body);
      }
      if (fresh && a.status() >= 400) {
        refused++;
        Answer after = send("GET", path, null, Map.of());
        if (after.status() != 404 && after.status() != 400) {
          failures.add("refused " + method + " " + path + " (" + a.status() + ") left " + after.status());
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(retried).as("requests whose connection closed under them: " + retried).hasSizeLessThan(ROUNDS / 20);
    assertThat(refused).as("the run refused some PUTs, so it tested something").isGreaterThan(20);
  }
}
