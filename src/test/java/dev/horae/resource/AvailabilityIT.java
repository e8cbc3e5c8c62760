package dev.horae.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Availability over HTTP, one rule at a time, on real data: the resource's hours in its zone across
 * a DST change, its own busy events, busy time from a real CalDAV connection of its schedule
 * (calendarAvailability 3), buffers and the explanation of a missing slot, several resources.
 */
class AvailabilityIT extends ApiTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private OnSchedCalls onsched;
  private LocalDate monday;

  @BeforeAll
  void setUp() {
    onsched = new OnSchedCalls(api);
    monday = LocalDate.now(BERLIN).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
  }

  private String at(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(BERLIN).toOffsetDateTime().toString();
  }

  @Test
  void hours_follow_wall_time_across_the_dst_change() {
    String service = onsched.service(Map.of("name", "Check-up", "duration", 60, "bookingHorizon", 3650));
    String resource = onsched.resource(Map.of("name", "Dr. Berlin", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(900, 1000)))
        .at("/id").stringValue();
    // Berlin moves to summer time on Sunday 28 March 2027
    List<String> starts = onsched.starts(service, "2027-03-27", "2027-03-29", "resourceId=" + resource);
    assertThat(starts).containsExactly("2027-03-27T09:00+01:00", "2027-03-28T09:00+02:00", "2027-03-29T09:00+02:00");
    assertThat(onsched.starts(service, "2027-03-27", "2027-03-27", "resourceId=" + resource + "&timezoneName=UTC")).containsExactly("2027-03-27T08:00Z");
  }

  @Test
  void busy_events_buffers_and_external_busy_time_from_caldav_are_left_out_and_explained() throws Exception {
    String service = onsched.service(Map.of("name", "Consultation", "duration", 30, "interval", 30, "bufferAfter", 30));
    Response created = onsched.resource(Map.of("name", "Room " + UUID.randomUUID().toString().substring(0, 4), "timezoneIana", "Europe/Berlin",
        "availability", OnSchedCalls.everyDay(900, 1300), "options", Map.of("calendarAvailability", 3)));
    String resource = created.at("/id").stringValue();
    String schedule = created.at("/scheduleId").stringValue();
    // an opaque event in the resource's own schedule, and a transparent one that blocks nothing
    JsonNode meeting = new Fixtures(api).event(schedule, monday + "T11:00:00", monday + "T11:30:00", Map.of("title", "Team meeting"));
    new Fixtures(api).event(schedule, monday + "T12:00:00", monday + "T12:30:00", Map.of("title", "Optional", "transparency", "TRANSPARENT"));
    // busy time in the resource's CalDAV calendar (the local Radicale)
    String calendar = caldavUrl() + "/bob/" + UUID.randomUUID() + "/";
    assertThat(dav("MKCALENDAR", calendar, "<?xml version=\"1.0\"?><c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"/>")).isEqualTo(201);
    java.time.format.DateTimeFormatter utc = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);
    String dentistStart = utc.format(monday.atTime(10, 0).atZone(BERLIN));
    String dentistEnd = utc.format(monday.atTime(10, 30).atZone(BERLIN));
    assertThat(dav("PUT", calendar + "dentist.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:dentist-" + dentistStart
        + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:" + dentistStart + "\r\nDTEND:" + dentistEnd + "\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
        .isIn(201, 204);
    Response connected = api.post("/bookings/v2/external-calendars/connections:connectByCredentials", Map.of("scheduleId", schedule,
        "providerId", dev.horae.connection.Provider.CALDAV, "email", "bob", "password", "bobpw", "serverUrl", caldavUrl()));
    assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    String connection = connected.at("/connection/id").stringValue();
    api.patch("/bookings/v2/external-calendars/connections/" + connection + "/sync-config", Map.of("syncConfig", Map.of("listEventFromCalendars",
        Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", calendar)))))));
    assertThat(api.post("/bookings/v2/external-calendars/connections/" + connection + "/sync", Map.of()).at("/connection/status").stringValue())
        .isEqualTo("SYNCED");

    Response answer = onsched.availability(service, monday.toString(), monday.toString(), "resourceId=" + resource + "&explain=true");
    // the dentist at 10:00 (external), the meeting at 11:00 (internal); every slot keeps 30 minutes free after it
    List<String> starts = answer.json().get("availableTimes").valueStream().map(t -> t.get("startDateTime").stringValue()).toList();
    assertThat(starts).containsExactly(at(monday, 9), at(monday, 11).replace("11:00", "11:30"), at(monday, 12), at(monday, 12).replace("12:00", "12:30"));
    List<String> why = answer.json().get("unavailableTimes").valueStream()
        .map(u -> u.get("fromTime").intValue() + " " + u.get("reasonCode").stringValue() + " " + u.get("entityType").stringValue()).toList();
    assertThat(why).containsExactly("930 BUFFER EXTERNAL", "1000 BUSY EXTERNAL", "1030 BUFFER EVENT", "1100 BUSY EVENT");
    assertThat(answer.json().get("unavailableTimes").get(3).get("entityId").stringValue()).isEqualTo(meeting.get("id").stringValue());
    JsonNode source = answer.json().get("externalSources").get(0);
    assertThat(source.get("connectionId").stringValue()).isEqualTo(connection);
    assertThat(source.get("counted").booleanValue()).isTrue();
    assertThat(source.get("lastSuccessfulSyncDate").stringValue()).isNotBlank();

    // with calendarAvailability 0 the external busy time does not count
    onsched.put("/setup/v1/resources/" + resource, Map.of("options", Map.of("calendarAvailability", 0)));
    assertThat(onsched.starts(service, monday.toString(), monday.toString(), "resourceId=" + resource)).contains(at(monday, 10));
  }

  @Test
  void a_moved_or_cancelled_event_moves_or_frees_its_slot() {
    String service = onsched.service(Map.of("name", "Fitting", "duration", 60));
    Response created = onsched.resource(Map.of("name", "Tailor", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(900, 1200)));
    String resource = created.at("/id").stringValue();
    JsonNode event = new Fixtures(api).event(created.at("/scheduleId").stringValue(), monday + "T10:00:00", monday + "T11:00:00",
        Map.of("title", "Lunch with a client"));
    String day = monday.toString();
    assertThat(onsched.starts(service, day, day, "resourceId=" + resource)).containsExactly(at(monday, 9), at(monday, 11));
    String id = event.get("id").stringValue();
    Response moved = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", "1",
        "start", Map.of("localDate", monday + "T11:00:00"), "end", Map.of("localDate", monday + "T12:00:00"))));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(onsched.starts(service, day, day, "resourceId=" + resource)).containsExactly(at(monday, 9), at(monday, 10));
    assertThat(api.post("/calendar/v3/events/" + id + "/cancel", Map.of("revision", "2")).status()).isEqualTo(200);
    assertThat(onsched.starts(service, day, day, "resourceId=" + resource)).containsExactly(at(monday, 9), at(monday, 10), at(monday, 11));
    // the explained answer (read from the events) and the plain one (read from the per-day arrays) agree
    assertThat(onsched.starts(service, day, day, "resourceId=" + resource + "&explain=true")).containsExactly(at(monday, 9), at(monday, 10), at(monday, 11));
  }

  @Test
  void an_event_across_midnight_blocks_both_days() {
    String service = onsched.service(Map.of("name", "Night shift", "duration", 60));
    Response created = onsched.resource(Map.of("name", "Night desk", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(0, 2400)));
    new Fixtures(api).event(created.at("/scheduleId").stringValue(), monday + "T22:00:00", monday.plusDays(1) + "T02:00:00", Map.of("title", "Late"));
    List<String> starts = onsched.starts(service, monday.toString(), monday.plusDays(1).toString(), "resourceId=" + created.at("/id").stringValue());
    assertThat(starts).contains(at(monday, 21), at(monday.plusDays(1), 2))
        .doesNotContain(at(monday, 22), at(monday, 23), at(monday.plusDays(1), 0), at(monday.plusDays(1), 1));
  }

  @Test
  void events_written_at_the_same_time_all_block() throws Exception {
    String service = onsched.service(Map.of("name", "Busy day", "duration", 60));
    Response created = onsched.resource(Map.of("name", "Crowded", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(0, 2400)));
    String schedule = created.at("/scheduleId").stringValue();
    LocalDate day = monday.plusDays(2);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
    try {
      List<java.util.concurrent.Future<JsonNode>> writes = new java.util.ArrayList<>();
      for (int h = 2; h < 22; h++) {
        String hour = String.format("%02d", h);
        writes.add(pool.submit(() -> new Fixtures(api).event(schedule, day + "T" + hour + ":00:00", day + "T" + hour + ":30:00", Map.of("title", "h" + hour))));
      }
      for (var w : writes) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
    String query = "resourceId=" + created.at("/id").stringValue();
    List<String> plain = onsched.starts(service, day.toString(), day.toString(), query);
    assertThat(plain).hasSize(4).containsExactly(at(day, 0), at(day, 1), at(day, 22), at(day, 23));
    assertThat(onsched.starts(service, day.toString(), day.toString(), query + "&explain=true")).isEqualTo(plain);
  }

  @Test
  void several_resources_together_or_any_of_them() {
    String service = onsched.service(Map.of("name", "Surgery", "duration", 60));
    String surgeon = onsched.resource(Map.of("name", "Surgeon", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(900, 1200),
        "serviceIds", List.of(service))).at("/id").stringValue();
    Response theatre = onsched.resource(Map.of("name", "Theatre", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(1000, 1300),
        "serviceIds", List.of(service)));
    new Fixtures(api).event(theatre.at("/scheduleId").stringValue(), monday + "T10:00:00", monday + "T11:00:00", Map.of("title", "Cleaning"));
    String both = "resourceIds=" + surgeon + "," + theatre.at("/id").stringValue();
    assertThat(onsched.starts(service, monday.toString(), monday.toString(), both + "&require=all")).containsExactly(at(monday, 11));
    assertThat(onsched.starts(service, monday.toString(), monday.toString(), both)).containsExactly(at(monday, 9), at(monday, 10), at(monday, 11), at(monday, 12));
  }

  @Test
  void bad_questions_are_400s_naming_the_field() {
    String service = onsched.service(Map.of("name", "Any", "duration", 30));
    Response backwards = api.get("/consumer/v1/availability/" + service + "/2030-01-10/2030-01-01");
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.text()).contains("endDate");
    Response badZone = api.get("/consumer/v1/availability/" + service + "/2030-01-01/2030-01-02?timezoneName=Mars/Base");
    assertThat(badZone.status()).isEqualTo(400);
    assertThat(badZone.text()).contains("timezoneName");
    assertThat(api.get("/consumer/v1/availability/" + UUID.randomUUID() + "/2030-01-01/2030-01-02").status()).isEqualTo(404);
    Response both = api.post("/setup/v1/resources", Map.of("name", "Two calendars", "options",
        Map.of("googleCalendarId", "a@example.com", "outlookCalendarId", "b@example.com")));
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.text()).contains("options.outlookCalendarId");
    assertThat(api.post("/setup/v1/services", Map.of("name", "No duration")).text()).contains("duration");
  }

  private static int dav(String method, String url, String body) {
    return dev.horae.support.Radicale.bob().send(method, url, body).status();
  }
}
