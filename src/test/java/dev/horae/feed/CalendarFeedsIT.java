package dev.horae.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import dev.horae.support.Khal;
import dev.horae.support.Programs;
import dev.horae.shared.TenantId;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * ICS feeds from outside: made over the API, read as a calendar app reads them (no key, the token in
 * the URL), parsed by ical4j and synced by Debian's vdirsyncer into a folder that khal then lists.
 */
class CalendarFeedsIT extends ApiTest {
  private Fixtures fixtures;
  private String schedule;
  private LocalDate monday;
  private Api anonymous;

  @BeforeAll
  void schedule() {
    fixtures = new Fixtures(api);
    anonymous = api.withKey(null);
    schedule = fixtures.schedule(Map.of("name", "Studio A", "timeZone", "Europe/Berlin"));
    monday = LocalDate.now().plusWeeks(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
  }

  private JsonNode createFeed(Map<String, Object> fields) {
    Map<String, Object> feed = new HashMap<>(Map.of("scheduleId", schedule));
    feed.putAll(fields);
    Response r = api.post("/v1/calendar-feeds", Map.of("feed", feed));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("feed");
  }

  private static String path(JsonNode feed) {
    String url = feed.get("url").stringValue();
    return url.substring(url.indexOf("/feeds/v1/"));
  }

  private static List<VEvent> events(String text) throws Exception {
    Calendar c = new CalendarBuilder().build(new StringReader(text));
    return c.getComponents(Component.VEVENT).stream().map(VEvent.class::cast).toList();
  }

  private static String value(VEvent v, String property) {
    return v.getProperty(property).map(Property::getValue).orElse(null);
  }

  private List<JsonNode> occurrences(String masterId) {
    Response r = api.post("/calendar/v3/events/query", Map.of(
        "fromLocalDate", monday.minusDays(1) + "T00:00:00", "toLocalDate", monday.plusWeeks(10) + "T00:00:00", "timeZone", "Europe/Berlin",
        "query", Map.of("filter", Map.of("recurringEventId", masterId), "cursorPaging", Map.of("limit", 100))));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.json().get("events").forEach(out::add);
    return out;
  }

  @Test
  void aBusyFeedShowsOnlyTimesAndDropsWhatIsCancelledOrTransparent() throws Exception {
    String own = fixtures.schedule(Map.of("name", "Room 7", "timeZone", "Europe/Berlin"));
    JsonNode weekly = fixtures.event(own, monday + "T09:00:00", monday + "T10:00:00", Map.of("title", "Pilates with Ada",
        "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("MONDAY"), "until", Map.of("localDate", monday.plusWeeks(3) + "T23:00:00")),
        "location", Map.of("type", "CUSTOM", "name", "Secret room")));
    fixtures.event(own, monday.plusDays(1) + "T12:00:00", monday.plusDays(1) + "T13:00:00",
        Map.of("title", "Lunch (free)", "transparency", "TRANSPARENT"));
    fixtures.event(own, monday.plusYears(2) + "T12:00:00", monday.plusYears(2) + "T13:00:00", Map.of("title", "Far away"));
    Response made = api.post("/v1/calendar-feeds", Map.of("feed", Map.of("scheduleId", own, "futureDays", 60)));
    assertThat(made.status()).as(made.toString()).isEqualTo(200);
    JsonNode feed = made.json().get("feed");
    assertThat(feed.get("privacy").stringValue()).as("busy-only unless asked").isEqualTo("BUSY");
    assertThat(feed.get("pastDays").asInt()).isEqualTo(30);
    assertThat(feed.get("webcalUrl").stringValue()).startsWith("webcal://");

    Response first = anonymous.get(path(feed));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.contentType()).startsWith("text/calendar");
    assertThat(first.header("Cache-Control")).contains("private").contains("max-age=900");
    String etag = first.header("ETag");
    assertThat(etag).matches("\"([0-9a-f]{16}|x)-[0-9a-f]{32}\"");
    List<VEvent> busy = events(first.text());
    assertThat(busy).as("four weekly occurrences; the transparent lunch and the event two years out are not in it").hasSize(4);
    assertThat(busy).allSatisfy(v -> {
      assertThat(value(v, Property.SUMMARY)).isEqualTo("Busy");
      assertThat(v.getProperty(Property.LOCATION)).isEmpty();
      assertThat(v.getProperty(Property.ATTENDEE)).isEmpty();
      assertThat(value(v, Property.DTSTART)).endsWith("Z");
    });
    assertThat(first.text()).doesNotContain("Pilates").doesNotContain("Secret room").doesNotContain("Lunch");
    // 09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer: each occurrence is written at its own exact instant
    String firstStart = value(busy.get(0), Property.DTSTART);
    assertThat(firstStart).startsWith(monday.toString().replace("-", "") + "T0");

    Response unchanged = anonymous.withHeader("If-None-Match", etag).get(path(feed));
    assertThat(unchanged.status()).as("an unchanged feed is a 304").isEqualTo(304);
    assertThat(unchanged.text()).isEmpty();
    assertThat(unchanged.header("ETag")).as("the same text, and no change in the tenant since").endsWith(etag.substring(etag.indexOf('-')));

    // a change elsewhere in the tenant: the text is the same, so still a 304, with the tag of the new state to send next
    fixtures.event(fixtures.schedule(Map.of("name", "Elsewhere", "timeZone", "Europe/Berlin")), monday + "T10:00:00",
        monday + "T11:00:00", Map.of("title", "Elsewhere"));
    Response elsewhere = anonymous.withHeader("If-None-Match", etag).get(path(feed));
    assertThat(elsewhere.status()).isEqualTo(304);
    String next = elsewhere.header("ETag");
    assertThat(next).endsWith(etag.substring(etag.indexOf('-')));
    Response again = anonymous.withHeader("If-None-Match", "W/" + next).get(path(feed));
    assertThat(again.status()).isEqualTo(304);
    assertThat(anonymous.withHeader("If-None-Match", "\"0123456789abcdef-" + "0".repeat(32) + "\", *").get(path(feed)).status())
        .as("*").isEqualTo(304);
    assertThat(anonymous.withHeader("If-None-Match", "\"" + "0".repeat(32) + "\"").get(path(feed)).status())
        .as("a tag of neither the state nor the text").isEqualTo(200);

    JsonNode second = occurrences(weekly.get("id").stringValue()).get(1);
    Response cancelled = api.post("/calendar/v3/events/" + second.get("id").stringValue() + "/cancel",
        Map.of("revision", second.get("revision").stringValue()));
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    Response after = anonymous.withHeader("If-None-Match", etag).get(path(feed));
    assertThat(after.status()).as("a cancelled occurrence changes the feed").isEqualTo(200);
    assertThat(after.header("ETag")).isNotEqualTo(etag);
    List<VEvent> left = events(after.text());
    assertThat(left).hasSize(3);
    assertThat(left.stream().map(v -> value(v, Property.UID))).doesNotContain(second.get("id").stringValue() + "@horae");
  }

  @Test
  void aFullFeedShowsTitlesPlacesNotesAndAttendees() throws Exception {
    JsonNode event = fixtures.event(schedule, monday + "T15:00:00", monday + "T16:00:00", Map.of("title", "Consultation",
        "notes", "Bring the forms", "location", Map.of("type", "CUSTOM", "name", "Studio 2", "address", "Torstr. 1")));
    Response joined = api.post("/calendar/v3/participations", Map.of("participation", Map.of("eventId", event.get("id").stringValue(),
        "partySize", 1, "participant", Map.of("name", "Grace Hopper", "email", "grace@example.com"))));
    assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
    JsonNode feed = createFeed(Map.of("privacy", "FULL", "name", "Studio A (full)"));
    Response r = anonymous.get(path(feed));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    Calendar c = new CalendarBuilder().build(new StringReader(r.text()));
    assertThat(c.getProperty("X-WR-CALNAME").map(Property::getValue).orElseThrow()).isEqualTo("Studio A (full)");
    VEvent v = events(r.text()).stream().filter(x -> value(x, Property.UID).equals(event.get("id").stringValue() + "@horae"))
        .findFirst().orElseThrow();
    assertThat(value(v, Property.SUMMARY)).isEqualTo("Consultation");
    assertThat(value(v, Property.LOCATION)).isEqualTo("Studio 2, Torstr. 1");
    assertThat(value(v, Property.DESCRIPTION)).isEqualTo("Bring the forms");
    assertThat(value(v, Property.ATTENDEE)).isEqualToIgnoringCase("mailto:grace@example.com");
    assertThat(value(v, Property.STATUS)).isEqualTo("CONFIRMED");
  }

  @Test
  void feedsAreChangedRotatedAndRevoked() {
    JsonNode feed = createFeed(Map.of("name", "To rotate"));
    String id = feed.get("id").stringValue();
    String oldPath = path(feed);
    assertThat(anonymous.get(oldPath).status()).isEqualTo(200);

    Response stale = api.patch("/v1/calendar-feeds/" + id, Map.of("feed", Map.of("revision", "7", "pastDays", 0)));
    assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
    Response changed = api.patch("/v1/calendar-feeds/" + id, Map.of("feed", Map.of("revision", "1", "pastDays", 0, "privacy", "FULL")));
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.at("/feed/pastDays").asInt()).isZero();
    assertThat(changed.at("/feed/name").stringValue()).as("left out, kept").isEqualTo("To rotate");
    assertThat(changed.at("/feed/url").stringValue()).as("a change keeps the URL").isEqualTo(feed.get("url").stringValue());

    Response rotated = api.post("/v1/calendar-feeds/" + id + "/rotate-token", null);
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    String newPath = path(rotated.json().get("feed"));
    assertThat(newPath).isNotEqualTo(oldPath);
    Response gone = anonymous.get(oldPath);
    assertThat(gone.status()).as("the old URL stops at once").isEqualTo(404);
    assertThat(gone.contentType()).startsWith("application/problem+json");
    assertThat(anonymous.get(newPath).status()).isEqualTo(200);
    Response listed = api.get("/v1/calendar-feeds?scheduleId=" + schedule);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().get("feeds").valueStream().map(f -> f.get("id").stringValue())).contains(id);

    assertThat(api.delete("/v1/calendar-feeds/" + id).status()).isEqualTo(200);
    assertThat(anonymous.get(newPath).status()).as("revoked").isEqualTo(404);
    assertThat(api.get("/v1/calendar-feeds/" + id).status()).isEqualTo(404);
    assertThat(anonymous.get("/feeds/v1/hcf_" + "A".repeat(43) + ".ics").status()).isEqualTo(404);
  }

  @Test
  void badRequestsAreNamedProblemsAndTenantsAreApart() {
    for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("scheduleId", schedule, "pastDays", -1),
        Map.of("scheduleId", schedule, "futureDays", 731), Map.of("scheduleId", schedule, "privacy", "SECRET"), Map.of("scheduleId", "nope"),
        Map.of("name", "no schedule"))) {
      Response r = api.post("/v1/calendar-feeds", Map.of("feed", bad));
      assertThat(r.status()).as(bad + " → " + r).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.text()).contains("feed.");
    }
    Response unknown = api.post("/v1/calendar-feeds", Map.of("feed", Map.of("scheduleId", java.util.UUID.randomUUID().toString())));
    assertThat(unknown.status()).isEqualTo(404);

    String full = fixtures.schedule(Map.of("name", "Many feeds", "timeZone", "UTC"));
    for (int i = 0; i < CalendarFeeds.MAX_PER_SCHEDULE; i++) {
      assertThat(api.post("/v1/calendar-feeds", Map.of("feed", Map.of("scheduleId", full))).status()).isEqualTo(200);
    }
    Response eleventh = api.post("/v1/calendar-feeds", Map.of("feed", Map.of("scheduleId", full)));
    assertThat(eleventh.status()).as(eleventh.toString()).isEqualTo(409);
    assertThat(eleventh.text()).contains("TOO_MANY_FEEDS");

    JsonNode mine = createFeed(Map.of());
    var other = tenants.create("Other " + getClass().getSimpleName(), Optional.empty());
    Api stranger = api.withKey(other.apiKey());
    assertThat(stranger.get("/v1/calendar-feeds/" + mine.get("id").stringValue()).status()).isEqualTo(404);
    assertThat(stranger.get("/v1/calendar-feeds?scheduleId=" + schedule).status()).isEqualTo(404);
    assertThat(stranger.delete("/v1/calendar-feeds/" + mine.get("id").stringValue()).status()).isEqualTo(404);
  }

  /** Debian's vdirsyncer subscribes to the feed (its http storage) and syncs it to a folder; khal lists that folder. */
  @Test
  void vdirsyncerSyncsTheFeedAndKhalReadsIt() throws Exception {
    String own = fixtures.schedule(Map.of("name", "Synced", "timeZone", "Europe/Berlin"));
    JsonNode weekly = fixtures.event(own, monday + "T09:00:00", monday + "T10:00:00", Map.of("title", "Standup",
        "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("MONDAY"), "until", Map.of("localDate", monday.plusWeeks(2) + "T23:00:00"))));
    fixtures.event(own, monday.plusDays(2) + "T14:00:00", monday.plusDays(2) + "T15:30:00", Map.of("title", "Review"));
    Response made = api.post("/v1/calendar-feeds", Map.of("feed", Map.of("scheduleId", own, "privacy", "FULL", "futureDays", 60)));
    assertThat(made.status()).as(made.toString()).isEqualTo(200);
    String url = "http://127.0.0.1:" + port + path(made.json().get("feed"));

    Path dir = Files.createTempDirectory("horae-vdirsyncer-");
    Files.createDirectories(dir.resolve("local"));
    Files.writeString(dir.resolve("config"), """
        [general]
        status_path = "%1$s/status/"

        [pair feed]
        a = "feed_remote"
        b = "feed_local"
        collections = null

        [storage feed_remote]
        type = "http"
        url = "%2$s"

        [storage feed_local]
        type = "filesystem"
        path = "%1$s/local/"
        fileext = ".ics"
        """.formatted(dir, url));
    Map<String, String> env = Map.of("HOME", dir.toString(), "LANG", "C.UTF-8", "LC_ALL", "C.UTF-8");
    List<String> vdirsyncer = List.of("/usr/bin/vdirsyncer", "-c", dir.resolve("config").toString());
    Programs.Run discover = Programs.run(dir, env, concat(vdirsyncer, "discover"));
    assertThat(discover.exitCode()).as(discover.toString()).isZero();
    Programs.Run sync = Programs.run(dir, env, concat(vdirsyncer, "sync"));
    assertThat(sync.exitCode()).as(sync.toString()).isZero();
    assertThat(files(dir.resolve("local"))).as(sync.toString()).hasSize(4);

    Programs.Run khal = Khal.list(dir, env, monday.toString(), "21d");
    assertThat(khal.exitCode()).as(khal.toString()).isZero();
    assertThat(khal.output()).as("khal lists each occurrence at its wall time in Berlin")
        .contains(monday + " 09:00 " + monday + " 10:00 Standup")
        .contains(monday.plusWeeks(2) + " 09:00 " + monday.plusWeeks(2) + " 10:00 Standup")
        .contains(monday.plusDays(2) + " 14:00 " + monday.plusDays(2) + " 15:30 Review");

    JsonNode middle = occurrences(weekly.get("id").stringValue()).get(1);
    assertThat(api.post("/calendar/v3/events/" + middle.get("id").stringValue() + "/cancel",
        Map.of("revision", middle.get("revision").stringValue())).status()).isEqualTo(200);
    Programs.Run again = Programs.run(dir, env, concat(vdirsyncer, "sync"));
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(files(dir.resolve("local"))).as("the subscriber dropped the cancelled occurrence: " + again).hasSize(3);
    Programs.Run khalAfter = Khal.list(dir, env, monday.toString(), "21d");
    assertThat(khalAfter.output()).doesNotContain(monday.plusWeeks(1) + " 09:00").contains(monday + " 09:00");
  }

  private static List<Path> files(Path dir) throws java.io.IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".ics")).toList();
    }
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> out = new ArrayList<>(a);
    out.add(b);
    return out;
  }
}
