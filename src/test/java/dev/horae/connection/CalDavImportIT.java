package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.storage.SecretBox;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Import from a real CalDAV server: recurrence expanded by Horae, busy semantics, changes and deletions, errors. */
class CalDavImportIT extends ApiTest {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
  private static final String VTIMEZONE = "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
      + "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\n"
      + "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

  @Autowired JdbcClient jdbc;
  @Autowired SecretBox box;
  private String schedule;
  private String calendar;
  private LocalDate monday;

  @BeforeAll
  void setUp() throws Exception {
    schedule = new Fixtures(api).schedule(Map.of("name", "Bob's room"));
    calendar = caldavUrl() + "/bob/" + UUID.randomUUID() + "/";
    assertThat(send("MKCALENDAR", calendar, "<?xml version=\"1.0\"?><c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
        + "<d:set><d:prop><d:displayname>Bob busy</d:displayname></d:prop></d:set></c:mkcalendar>")).isEqualTo(201);
    monday = LocalDate.now(BERLIN).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    String first = BASIC.format(monday.atTime(9, 0));
    put("weekly.ics", event("weekly", "Standup", first, BASIC.format(monday.atTime(10, 0)),
        "RRULE:FREQ=WEEKLY;COUNT=5\r\nEXDATE;TZID=Europe/Berlin:" + BASIC.format(monday.plusWeeks(1).atTime(9, 0)) + "\r\n"));
    put("free.ics", event("free", "Lunch maybe", BASIC.format(monday.atTime(12, 0)), BASIC.format(monday.atTime(13, 0)), "TRANSP:TRANSPARENT\r\n"));
    put("cancelled.ics", event("cancelled", "Called off", BASIC.format(monday.atTime(14, 0)), BASIC.format(monday.atTime(15, 0)), "STATUS:CANCELLED\r\n"));
    put("holiday.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:holiday\r\nDTSTAMP:20260101T000000Z\r\n"
        + "DTSTART;VALUE=DATE:" + monday.plusDays(3).format(DateTimeFormatter.BASIC_ISO_DATE) + "\r\nDTEND;VALUE=DATE:"
        + monday.plusDays(4).format(DateTimeFormatter.BASIC_ISO_DATE) + "\r\nSUMMARY:Day off\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  }

  @Test
  void busy_time_is_imported_expanded_and_kept_in_step_with_the_server() throws Exception {
    Response connected = api.post(PREFIX + "/connections:connectByCredentials", Map.of("scheduleId", schedule, "providerId", Provider.CALDAV,
        "email", "bob", "password", "bobpw", "serverUrl", caldavUrl()));
    assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    String id = connected.at("/connection/id").stringValue();
    Response config = api.patch(PREFIX + "/connections/" + id + "/sync-config", Map.of("syncConfig", Map.of("listEventFromCalendars",
        Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", calendar, "name", "Bob busy")))))));
    assertThat(config.status()).as(config.toString()).isEqualTo(200);
    Response synced = api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(synced.at("/connection/status").stringValue()).as(synced.toString()).isEqualTo("SYNCED");
    assertThat(synced.at("/connection/lastSuccessfulSyncDate").stringValue()).isNotBlank();

    List<JsonNode> events = events(true);
    assertThat(events).extracting(e -> e.get("title").stringValue() + " " + e.get("start").stringValue())
        .containsExactly(
            "Standup " + utc(monday, 9),
            "Day off " + monday.plusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), // a date is read in the schedule's zone (UTC here)
            "Standup moved " + utc(monday.plusWeeks(2), 11),
            "Standup " + utc(monday.plusWeeks(3), 9),
            "Standup " + utc(monday.plusWeeks(4), 9));
    assertThat(events.get(1).get("allDay").booleanValue()).isTrue();
    assertThat(events(false)).allSatisfy(e -> assertThat(e.has("title")).isFalse());

    // RFC 6578 is used: a sync token is kept per calendar; an expired one makes the next sync start over
    String token = jdbc.sql("select sync_token from connection_calendar_sync where connection_id = ?").params(UUID.fromString(id)).query(String.class).single();
    assertThat(token).startsWith("http://radicale.org/ns/sync/");
    jdbc.sql("update connection_calendar_sync set sync_token = 'http://radicale.org/ns/sync/expired' where connection_id = ?").params(UUID.fromString(id)).update();

    // the server changes: one object deleted, one rewritten
    assertThat(send("DELETE", calendar + "holiday.ics", null)).isIn(200, 204);
    put("weekly.ics", event("weekly", "Standup", BASIC.format(monday.atTime(8, 0)), BASIC.format(monday.atTime(8, 30)), "RRULE:FREQ=WEEKLY;COUNT=2\r\n"));
    api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(events(true)).extracting(e -> e.get("start").stringValue()).containsExactly(utc(monday, 8).toString(), utc(monday.plusWeeks(1), 8).toString());

    // and with a valid token only the change travels (incremental sync-collection)
    put("late.ics", event("late", "Late add", BASIC.format(monday.plusDays(1).atTime(16, 0)), BASIC.format(monday.plusDays(1).atTime(17, 0)), ""));
    assertThat(send("DELETE", calendar + "free.ics", null)).isIn(200, 204);
    api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(events(true)).extracting(e -> e.get("title").stringValue()).containsExactly("Standup", "Late add", "Standup");

    api.post(PREFIX + "/connections/" + id + "/disconnect", Map.of());
    assertThat(events(true)).isEmpty();
    assertThat(jdbc.sql("select count(*) from external_busy where connection_id = ?").params(UUID.fromString(id)).query(Long.class).single()).isZero();
  }

  @Test
  void with_two_connections_one_broken_the_answer_names_the_broken_connection_and_each_event_its_own() {
    dev.horae.support.Radicale bob = dev.horae.support.Radicale.bob();
    String own = bob.home() + "partial-" + UUID.randomUUID() + "/";
    assertThat(bob.mkcalendar(own, "Bob's own")).isEqualTo(201);
    LocalDate day = monday.plusDays(1);
    assertThat(bob.put(own + "dentist.ics", event("dentist", "Dentist", BASIC.format(day.atTime(9, 0)), BASIC.format(day.atTime(10, 0)), "")))
        .isIn(201, 204);
    Fixtures fixtures = new Fixtures(api);
    String healthySchedule = fixtures.schedule(Map.of("name", "Healthy"));
    String brokenSchedule = fixtures.schedule(Map.of("name", "Broken"));
    String healthy = connect(healthySchedule, own);
    String broken = connect(brokenSchedule, own);
    jdbc.sql("update connection set credentials = ? where id = ?")
        .params(box.seal("an-old-password", "connection-credentials:" + tenant.id().value() + ":" + broken), UUID.fromString(broken)).update();
    assertThat(api.post(PREFIX + "/connections/" + broken + "/sync", Map.of()).at("/connection/errorReason").stringValue()).isEqualTo("TOKEN_REVOKED");

    String query = PREFIX + "/events?from=" + utc(day, 0) + "&to=" + utc(day.plusDays(1), 0) + "&scheduleIds=" + healthySchedule
        + "&scheduleIds=" + brokenSchedule;
    Response strict = api.get(query);
    assertThat(strict.status()).isEqualTo(428);
    assertThat(strict.at("/detail").stringValue()).contains(broken).doesNotContain(healthy);
    Response partial = api.get(query + "&partialFailure=true");
    assertThat(partial.status()).as(partial.toString()).isEqualTo(200);
    assertThat(partial.json().get("failedProviderIds").valueStream().map(JsonNode::stringValue).toList()).containsExactly(Provider.CALDAV);
    assertThat(partial.json().get("failedConnections").valueStream().map(f -> f.get("connectionId").stringValue() + " "
        + f.get("providerId").stringValue() + " " + f.get("scheduleId").stringValue() + " " + f.get("errorReason").stringValue()).toList())
        .containsExactly(broken + " " + Provider.CALDAV + " " + brokenSchedule + " TOKEN_REVOKED");
    // the broken connection's busy time (from its first sync) is listed too, and says whose it is: that one may be stale
    assertThat(partial.json().get("events").valueStream().map(e -> e.get("connectionId").stringValue()).toList())
        .containsExactlyInAnyOrder(healthy, broken);
  }

  /**
   * Issue 19, imports: a weekly 02:30 series on a CalDAV server keeps the spring-forward Sunday's
   * occurrence at 03:30 (it had lost it and grown one more at the end), and a one-hour one lasts one
   * exact hour on the fall-back Sunday, from the first 02:30, as the person's own calendar shows it.
   */
  @Test
  void an_imported_series_across_both_dst_changes_blocks_what_the_persons_calendar_shows() {
    java.time.zone.ZoneRules rules = BERLIN.getRules();
    Instant after = Instant.now().plus(java.time.Duration.ofDays(15));
    java.time.zone.ZoneOffsetTransition spring = rules.nextTransition(after);
    while (!spring.isGap()) {
      spring = rules.nextTransition(spring.getInstant());
    }
    java.time.zone.ZoneOffsetTransition autumn = rules.nextTransition(after);
    while (!autumn.isOverlap()) {
      autumn = rules.nextTransition(autumn.getInstant());
    }
    LocalDate gapDay = spring.getDateTimeBefore().toLocalDate();
    LocalDate overlapDay = autumn.getDateTimeBefore().toLocalDate();
    dev.horae.support.Radicale bob = dev.horae.support.Radicale.bob();
    String own = bob.home() + "dst-" + UUID.randomUUID() + "/";
    assertThat(bob.mkcalendar(own, "Bob's nights")).isEqualTo(201);
    assertThat(bob.put(own + "spring.ics", event("spring", "Night shift", BASIC.format(gapDay.minusWeeks(2).atTime(2, 30)),
        BASIC.format(gapDay.minusWeeks(2).atTime(3, 30)), "RRULE:FREQ=WEEKLY;COUNT=5\r\n"))).isIn(201, 204);
    assertThat(bob.put(own + "autumn.ics", event("autumn", "Night round", BASIC.format(overlapDay.minusWeeks(1).atTime(2, 30)),
        BASIC.format(overlapDay.minusWeeks(1).atTime(3, 30)), "RRULE:FREQ=WEEKLY;COUNT=3\r\n"))).isIn(201, 204);
    String nights = new Fixtures(api).schedule(Map.of("name", "Bob's nights", "timeZone", "Europe/Berlin"));
    connect(nights, own);

    List<JsonNode> springBusy = busy(nights, gapDay.minusWeeks(3), gapDay.plusWeeks(4));
    assertThat(springBusy).extracting(e -> e.get("start").stringValue()).containsExactly(
        utc(gapDay.minusWeeks(2), 2, 30), utc(gapDay.minusWeeks(1), 2, 30),
        gapDay.atTime(3, 30).atZone(BERLIN).toInstant().toString(), // kept, moved forward by the gap's hour
        utc(gapDay.plusWeeks(1), 2, 30), utc(gapDay.plusWeeks(2), 2, 30)); // and no sixth one
    assertThat(springBusy).allSatisfy(e -> assertThat(java.time.Duration.between(Instant.parse(e.get("start").stringValue()),
        Instant.parse(e.get("end").stringValue()))).isEqualTo(java.time.Duration.ofHours(1)));

    List<JsonNode> autumnBusy = busy(nights, overlapDay.minusWeeks(2), overlapDay.plusWeeks(2));
    assertThat(autumnBusy).hasSize(3);
    JsonNode fallBack = autumnBusy.get(1);
    Instant firstHalfPastTwo = overlapDay.atTime(2, 30).atZone(BERLIN).withEarlierOffsetAtOverlap().toInstant();
    assertThat(fallBack.get("start").stringValue()).as("the first 02:30").isEqualTo(firstHalfPastTwo.toString());
    assertThat(fallBack.get("end").stringValue()).as("one exact hour, ending at the second 02:30")
        .isEqualTo(firstHalfPastTwo.plus(java.time.Duration.ofHours(1)).toString());
  }

  private List<JsonNode> busy(String scheduleId, LocalDate from, LocalDate to) {
    Response r = api.get(PREFIX + "/events?from=" + utc(from, 0) + "&to=" + utc(to, 0) + "&scheduleIds=" + scheduleId
        + "&fieldsets=OWN_PI&cursorPaging.limit=100");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.at("/pagingMetadata/hasNext").booleanValue()).isFalse();
    return r.json().get("events").valueStream().toList();
  }

  private static String utc(LocalDate day, int hour, int minute) {
    return day.atTime(hour, minute).atZone(BERLIN).toInstant().toString();
  }

  private String connect(String scheduleId, String calendarUrl) {
    Response connected = api.post(PREFIX + "/connections:connectByCredentials", Map.of("scheduleId", scheduleId, "providerId", Provider.CALDAV,
        "email", "bob", "password", "bobpw", "serverUrl", caldavUrl()));
    assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    String id = connected.at("/connection/id").stringValue();
    new ConnectionCalls(api).configure(id, Map.of("listEventFromCalendars",
        Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", calendarUrl))))));
    new ConnectionCalls(api).sync(id);
    return id;
  }

  @Test
  void a_password_changed_on_the_server_makes_the_connection_error_with_a_domain_event() {
    String own = new Fixtures(api).schedule(Map.of("name", "Bob's other room"));
    Response connected = api.post(PREFIX + "/connections:connectByCredentials", Map.of("scheduleId", own, "providerId", Provider.CALDAV,
        "email", "bob", "password", "bobpw", "serverUrl", caldavUrl()));
    UUID id = UUID.fromString(connected.at("/connection/id").stringValue());
    api.patch(PREFIX + "/connections/" + id + "/sync-config", Map.of("syncConfig", Map.of("listEventFromCalendars", Map.of("enabled", true, "primaryCalendar", Map.of()))));
    jdbc.sql("update connection set credentials = ? where id = ?")
        .params(box.seal("an-old-password", "connection-credentials:" + tenant.id().value() + ":" + id), id).update();
    Response synced = api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(synced.at("/connection/status").stringValue()).isEqualTo("ERROR");
    assertThat(synced.at("/connection/errorReason").stringValue()).isEqualTo("TOKEN_REVOKED");
    // its provider is now reported: the call fails by default, and lists it with partialFailure=true
    String window = "from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:00Z&scheduleIds=" + own;
    Response strict = api.get(PREFIX + "/events?" + window);
    assertThat(strict.status()).isEqualTo(428);
    Response partial = api.get(PREFIX + "/events?" + window + "&partialFailure=true");
    assertThat(partial.status()).isEqualTo(200);
    assertThat(partial.json().get("failedProviderIds").valueStream().map(JsonNode::stringValue).toList()).containsExactly(Provider.CALDAV);
    assertThat(api.changes().stream().map(c -> c.get("type").stringValue()).toList())
        .contains("wix.bookings.calendar.v2.external_calendar.error");
  }

  @Test
  void a_calendar_deleted_on_the_server_makes_the_connection_error() throws Exception {
    String own = new Fixtures(api).schedule(Map.of("name", "Bob's third room"));
    String doomed = caldavUrl() + "/bob/" + UUID.randomUUID() + "/";
    assertThat(send("MKCALENDAR", doomed, "<?xml version=\"1.0\"?><c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"/>")).isEqualTo(201);
    Response connected = api.post(PREFIX + "/connections:connectByCredentials", Map.of("scheduleId", own, "providerId", Provider.CALDAV,
        "email", "bob", "password", "bobpw", "serverUrl", caldavUrl()));
    String id = connected.at("/connection/id").stringValue();
    api.patch(PREFIX + "/connections/" + id + "/sync-config", Map.of("syncConfig", Map.of("listEventFromCalendars",
        Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", doomed)))))));
    assertThat(api.post(PREFIX + "/connections/" + id + "/sync", Map.of()).at("/connection/status").stringValue()).isEqualTo("SYNCED");
    assertThat(send("DELETE", doomed, null)).isIn(200, 204);
    Response synced = api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(synced.at("/connection/status").stringValue()).isEqualTo("ERROR");
    assertThat(synced.at("/connection/errorReason").stringValue()).isEqualTo("EXTERNAL_CALENDAR_DELETED");
  }

  @Test
  void bad_event_queries_name_the_parameter() {
    assertThat(api.get(PREFIX + "/events?from=2030-01-01T00:00:00Z").at("/errors/0/field").stringValue()).isEqualTo("to");
    assertThat(api.get(PREFIX + "/events?from=yesterday&to=2030-01-01T00:00:00Z").at("/errors/0/field").stringValue()).isEqualTo("from");
    assertThat(api.get(PREFIX + "/events?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z").at("/errors/0/field").stringValue()).isEqualTo("to");
  }

  private List<JsonNode> events(boolean pi) {
    Response r = api.get(PREFIX + "/events?from=" + utc(monday.minusDays(1), 0) + "&to=" + utc(monday.plusWeeks(6), 0)
        + "&scheduleIds=" + schedule + (pi ? "&fieldsets=OWN_PI" : "") + "&cursorPaging.limit=2");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<JsonNode> all = new java.util.ArrayList<>();
    r.json().get("events").forEach(all::add);
    while (r.at("/pagingMetadata/hasNext").booleanValue()) {
      r = api.get(PREFIX + "/events?cursorPaging.limit=2&cursorPaging.cursor=" + r.at("/pagingMetadata/cursors/next").stringValue()
          + "&scheduleIds=" + schedule + (pi ? "&fieldsets=OWN_PI" : ""));
      r.json().get("events").forEach(all::add);
    }
    return all;
  }

  private static Instant utc(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(BERLIN).toInstant();
  }

  private static String event(String uid, String summary, String start, String end, String extra) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + VTIMEZONE + "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\n"
        + "DTSTART;TZID=Europe/Berlin:" + start + "\r\nDTEND;TZID=Europe/Berlin:" + end + "\r\nSUMMARY:" + summary + "\r\n" + extra
        + "END:VEVENT\r\n" + "END:VCALENDAR\r\n";
  }

  private void put(String name, String ics) throws Exception {
    if (name.equals("weekly.ics") && ics.contains("COUNT=5")) {
      // add the override of the third occurrence inside the same object
      String third = BASIC.format(monday.plusWeeks(2).atTime(9, 0));
      String overrideEvent = "BEGIN:VEVENT\r\nUID:weekly\r\nDTSTAMP:20260101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Berlin:" + third + "\r\n"
          + "DTSTART;TZID=Europe/Berlin:" + BASIC.format(monday.plusWeeks(2).atTime(11, 0)) + "\r\nDTEND;TZID=Europe/Berlin:"
          + BASIC.format(monday.plusWeeks(2).atTime(12, 0)) + "\r\nSUMMARY:Standup moved\r\nEND:VEVENT\r\n";
      ics = ics.replace("END:VCALENDAR\r\n", overrideEvent + "END:VCALENDAR\r\n");
    }
    int status = send("PUT", calendar + name, ics);
    assertThat(status).as(name).isIn(201, 204);
  }

  private int send(String method, String url, String body) {
    return dev.horae.support.Radicale.bob().send(method, url, body).status();
  }
}
