package dev.horae.connection;

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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Export of a schedule to a real CalDAV server: deterministic objects, updates, deletions, no duplicates, never imported back. */
class CalDavExportIT extends ApiTest {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final dev.horae.support.Radicale ALICE = dev.horae.support.Radicale.alice();
  @Autowired JdbcClient jdbc;

  @Test
  void a_schedule_is_written_to_a_dedicated_calendar_and_kept_in_step() throws Exception {
    Fixtures fixtures = new Fixtures(api);
    String schedule = fixtures.schedule(Map.of("name", "Export " + UUID.randomUUID().toString().substring(0, 6), "timeZone", "Europe/Berlin"));
    LocalDate tomorrow = LocalDate.now(BERLIN).plusDays(1);
    LocalDate monday = tomorrow.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    JsonNode dentist = fixtures.event(schedule, tomorrow + "T10:00:00", tomorrow + "T11:00:00", Map.of("title", "Dentist"));
    fixtures.event(schedule, monday + "T18:00:00", monday + "T19:00:00", Map.of("title", "Class", "recurrenceRule", Map.of("rrule", "FREQ=WEEKLY;COUNT=3")));
    String id = connect(schedule);
    configure(id, Map.of("syncToCalendar", Map.of("enabled", true, "dedicatedCalendar", Map.of())));
    Response synced = api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(synced.at("/connection/status").stringValue()).as(synced.toString()).isEqualTo("SYNCED");
    String calendar = jdbc.sql("select export_calendar_url from connection where id = ?").params(UUID.fromString(id)).query(String.class).single();
    List<String> objects = ALICE.objects(calendar);
    assertThat(objects).hasSize(4);
    String dentistIcs = ALICE.get(calendar + dentist.get("id").stringValue() + ".ics");
    assertThat(dentistIcs).contains("UID:" + dentist.get("id").stringValue() + "@export.horae.dev").contains("SUMMARY:Dentist")
        .contains("DTSTART:" + tomorrow.toString().replace("-", "") + "T090000Z");

    api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(ALICE.objects(calendar)).hasSize(4); // a second sync writes nothing twice

    String dentistId = dentist.get("id").stringValue();
    api.patch("/calendar/v3/events/" + dentistId, Map.of("event", Map.of("id", dentistId, "revision", "1", "title", "Dentist, room 2")));
    String classId = objects.stream().filter(h -> !h.contains(dentistId)).findFirst().orElseThrow();
    assertThat(ALICE.put(calendar + classId.substring(classId.lastIndexOf('/') + 1), ALICE.get(calendar + classId.substring(classId.lastIndexOf('/') + 1))
        .replace("SUMMARY:Class", "SUMMARY:Edited outside"))).isIn(201, 204);
    api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(ALICE.get(calendar + dentistId + ".ics")).contains("SUMMARY:Dentist\\, room 2");
    assertThat(ALICE.get(calendar + classId.substring(classId.lastIndexOf('/') + 1))).contains("SUMMARY:Class"); // Horae's copy wins

    api.post("/calendar/v3/events/" + dentistId + "/cancel", Map.of("revision", "2"));
    api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(ALICE.objects(calendar)).hasSize(3);

    api.post(PREFIX + "/connections/" + id + "/disconnect", Map.of());
    assertThat(ALICE.objects(calendar)).isEmpty();
  }

  @Test
  void exports_to_the_primary_calendar_are_not_imported_back_as_busy_time() throws Exception {
    Fixtures fixtures = new Fixtures(api);
    String schedule = fixtures.schedule(Map.of("name", "Both ways", "timeZone", "UTC"));
    LocalDate day = LocalDate.now(BERLIN).plusDays(2);
    fixtures.event(schedule, day + "T08:00:00", day + "T09:00:00", Map.of("title", "Ours"));
    String id = connect(schedule);
    configure(id, Map.of("syncToCalendar", Map.of("enabled", true, "primaryCalendar", Map.of()),
        "listEventFromCalendars", Map.of("enabled", true, "primaryCalendar", Map.of())));
    api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    api.post(PREFIX + "/connections/" + id + "/sync", Map.of()); // the second sync imports what the first exported, if it were foreign
    assertThat(jdbc.sql("select count(*) from exported_event where connection_id = ?").params(UUID.fromString(id)).query(Long.class).single()).isEqualTo(1);
    Response busy = api.get(PREFIX + "/events?from=" + day + "T00:00:00Z&to=" + day.plusDays(1) + "T00:00:00Z&scheduleIds=" + schedule + "&fieldsets=OWN_PI");
    assertThat(busy.json().get("events").valueStream().map(e -> e.get("title").stringValue()).toList()).doesNotContain("Ours");
    api.post(PREFIX + "/connections/" + id + "/disconnect", Map.of());
  }

  /** Issue 18: an event of a combined schedule that names a resource OPAQUE reaches the resource's calendar like its own events. */
  @Test
  void an_event_of_another_schedule_naming_a_resource_is_exported_to_the_resource_calendar() throws Exception {
    Fixtures fixtures = new Fixtures(api);
    Response resource = api.post("/bookings/v2/resources", Map.of("resource", Map.of("name", "Room " + UUID.randomUUID().toString().substring(0, 4))));
    String resourceId = resource.at("/resource/id").stringValue();
    String own = resource.at("/resource/eventsSchedule/scheduleId").stringValue();
    LocalDate day = LocalDate.now(BERLIN).plusDays(3);
    JsonNode mine = fixtures.event(own, day + "T08:00:00", day + "T09:00:00", Map.of("title", "Cleaning"));
    fixtures.event(own, day + "T07:00:00", day + "T19:00:00", Map.of("title", "Open", "type", "WORKING_HOURS")); // when it is open: never exported
    String combined = fixtures.schedule(Map.of("name", "Combined", "timeZone", "UTC", "appId", "13d21c63-b5ec-5912-8397-c3a5ddb27a97"));
    JsonNode surgery = fixtures.event(combined, day + "T10:00:00", day + "T11:00:00",
        Map.of("title", "Surgery", "resources", List.of(Map.of("id", resourceId))));
    fixtures.event(combined, day + "T12:00:00", day + "T13:00:00",
        Map.of("title", "Walk-through", "resources", List.of(Map.of("id", resourceId, "transparency", "TRANSPARENT"))));
    String id = connect(own);
    configure(id, Map.of("syncToCalendar", Map.of("enabled", true, "dedicatedCalendar", Map.of())));
    Response synced = api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(synced.at("/connection/status").stringValue()).as(synced.toString()).isEqualTo("SYNCED");
    String calendar = jdbc.sql("select export_calendar_url from connection where id = ?").params(UUID.fromString(id)).query(String.class).single();
    List<String> objects = ALICE.objects(calendar);
    assertThat(objects).as("its own event and the one that names it OPAQUE, not the transparent one nor its working hours").hasSize(2);
    String surgeryId = surgery.get("id").stringValue();
    assertThat(ALICE.get(calendar + surgeryId + ".ics")).contains("SUMMARY:Surgery").contains("UID:" + surgeryId + "@export.horae.dev")
        .contains("DTSTART:" + day.toString().replace("-", "") + "T100000Z");
    assertThat(objects).anyMatch(h -> h.contains(mine.get("id").stringValue()));

    Response transparent = api.patch("/calendar/v3/events/" + surgeryId, Map.of("event", Map.of("id", surgeryId, "revision", "1",
        "resources", List.of(Map.of("id", resourceId, "transparency", "TRANSPARENT")))));
    assertThat(transparent.status()).as(transparent.toString()).isEqualTo(200);
    api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(ALICE.objects(calendar)).as("no longer blocking: its copy goes").hasSize(1);
    Response opaque = api.patch("/calendar/v3/events/" + surgeryId, Map.of("event", Map.of("id", surgeryId, "revision", "2",
        "resources", List.of(Map.of("id", resourceId)))));
    assertThat(opaque.status()).isEqualTo(200);
    api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(ALICE.objects(calendar)).hasSize(2);
    api.post("/calendar/v3/events/" + surgeryId + "/cancel", Map.of("revision", "3"));
    api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(ALICE.objects(calendar)).as("cancelled: its copy goes").hasSize(1);
    api.post(PREFIX + "/connections/" + id + "/disconnect", Map.of());
  }

  private String connect(String schedule) {
    Response r = api.post(PREFIX + "/connections:connectByCredentials", Map.of("scheduleId", schedule, "providerId", Provider.CALDAV,
        "email", "alice", "password", "alicepw", "serverUrl", caldavUrl()));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.at("/connection/id").stringValue();
  }

  private void configure(String id, Map<String, Object> config) {
    Response r = api.patch(PREFIX + "/connections/" + id + "/sync-config", Map.of("syncConfig", config));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }
}
