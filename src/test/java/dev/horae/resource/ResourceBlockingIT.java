package dev.horae.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Blocking time across resources: an event in any schedule that names a resource with transparency
 * OPAQUE (the default) blocks it, in the plain and in the explained availability; a TRANSPARENT
 * reference blocks nothing; a series blocks every occurrence, an exception moves its block, a
 * cancellation frees it; unknown resource ids are refused and the read-only fields are Horae's.
 */
class ResourceBlockingIT extends ApiTest {
  static final String BOOKINGS_APP = "13d21c63-b5ec-5912-8397-c3a5ddb27a97";
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private OnSchedCalls onsched;
  private Fixtures fixtures;
  private LocalDate monday;

  @BeforeAll
  void setUp() {
    onsched = new OnSchedCalls(api);
    fixtures = new Fixtures(api);
    monday = LocalDate.now(BERLIN).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
  }

  private String at(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(BERLIN).toOffsetDateTime().toString();
  }

  private Response resource(String name) {
    return onsched.resource(Map.of("name", name + " " + UUID.randomUUID().toString().substring(0, 4), "timezoneIana", "Europe/Berlin",
        "availability", OnSchedCalls.everyDay(900, 1200)));
  }

  private List<String> starts(String service, LocalDate day, String resource, boolean explain) {
    return onsched.starts(service, day.toString(), day.toString(), "resourceId=" + resource + (explain ? "&explain=true" : ""));
  }

  private static Map<String, Object> ref(String id) {
    return Map.of("id", id);
  }

  @Test
  void an_event_in_a_combined_schedule_blocks_every_resource_it_names_until_it_is_cancelled() {
    String service = onsched.service(Map.of("name", "Treatment", "duration", 60));
    String room = resource("Room").at("/id").stringValue();
    String doctor = resource("Doctor").at("/id").stringValue();
    String combined = fixtures.schedule(Map.of("timeZone", "Europe/Berlin", "name", "Combined", "appId", BOOKINGS_APP));
    JsonNode block = fixtures.event(combined, monday + "T10:00:00", monday + "T11:00:00",
        Map.of("title", "Surgery", "resources", List.of(ref(room), ref(doctor))));
    for (String r : List.of(room, doctor)) {
      assertThat(starts(service, monday, r, false)).as("plain, " + r).containsExactly(at(monday, 9), at(monday, 11));
      assertThat(starts(service, monday, r, true)).as("explained, " + r).containsExactly(at(monday, 9), at(monday, 11));
    }
    Response why = api.get("/consumer/v1/availability/" + service + "/" + monday + "/" + monday + "/unavailable?resourceId=" + room);
    assertThat(why.status()).as(why.toString()).isEqualTo(200);
    assertThat(why.json().get("unavailableTimes").valueStream().filter(u -> u.get("reasonCode").stringValue().equals("BUSY")).toList())
        .as(why.toString()).singleElement().satisfies(u -> {
          assertThat(u.get("entityId").stringValue()).isEqualTo(block.get("id").stringValue());
          assertThat(u.get("fromTime").intValue()).isEqualTo(1000);
        });

    String id = block.get("id").stringValue();
    assertThat(api.post("/calendar/v3/events/" + id + "/cancel", Map.of("revision", "1")).status()).isEqualTo(200);
    for (String r : List.of(room, doctor)) {
      assertThat(starts(service, monday, r, false)).as("freed, " + r).containsExactly(at(monday, 9), at(monday, 10), at(monday, 11));
      assertThat(starts(service, monday, r, true)).as("freed, explained, " + r).containsExactly(at(monday, 9), at(monday, 10), at(monday, 11));
    }
  }

  /**
   * The Calendar V3 seed flow "Block Bookings resources", verbatim: Query Resources for their
   * schedule ids, a combined schedule with the Bookings app id, one event naming every resource;
   * none of them is offered (nor bookable) while it lasts, and cancelling it frees them.
   */
  @Test
  void the_seed_flow_block_bookings_resources() {
    String service = onsched.service(Map.of("name", "Session", "duration", 60));
    String type = UUID.randomUUID().toString();
    for (String name : List.of("Room", "Doctor")) {
      Response made = api.post("/bookings/v2/resources", Map.of("resource", Map.of("name", name, "typeId", type)));
      assertThat(made.status()).as(made.toString()).isEqualTo(200);
      String id = made.at("/resource/id").stringValue();
      assertThat(onsched.put("/setup/v1/resources/" + id, Map.of("timezoneIana", "Europe/Berlin",
          "availability", OnSchedCalls.everyDay(900, 1200))).status()).isEqualTo(200);
    }
    Response queried = api.post("/bookings/v2/resources/query", Map.of("query", Map.of("filter", Map.of("typeId", type))));
    assertThat(queried.status()).as(queried.toString()).isEqualTo(200);
    List<JsonNode> found = queried.json().get("resources").valueStream().toList();
    assertThat(found).hasSize(2);
    List<Map<String, Object>> refs = found.stream().map(r -> ref(r.get("id").stringValue())).toList();
    String combined = fixtures.schedule(Map.of("timeZone", "Europe/Berlin", "name", "Blocked time", "appId", BOOKINGS_APP));
    JsonNode block = fixtures.event(combined, monday + "T10:00:00", monday + "T11:00:00", Map.of("title", "Maintenance", "resources", refs));
    for (int i = 0; i < 2; i++) {
      JsonNode named = block.get("resources").get(i);
      assertThat(named.get("scheduleId").stringValue()).isEqualTo(found.get(i).at("/eventsSchedule/scheduleId").stringValue());
      assertThat(named.get("type").stringValue()).isEqualTo(type);
    }
    for (JsonNode r : found) {
      String id = r.get("id").stringValue();
      assertThat(starts(service, monday, id, false)).as(r.get("name").stringValue()).containsExactly(at(monday, 9), at(monday, 11));
      Response booking = api.post("/consumer/v1/appointments", Map.of("serviceId", service, "resourceId", id,
          "startDateTime", at(monday, 10), "endDateTime", at(monday, 11), "name", "Ann Lee", "email", "ann@example.com"));
      assertThat(booking.status()).as(booking.toString()).isEqualTo(409);
    }
    Response byResource = api.post("/calendar/v3/events/query", Map.of("query", Map.of("filter",
        Map.of("resources.scheduleId", Map.of("$hasAll", found.stream().map(r -> r.at("/eventsSchedule/scheduleId").stringValue()).toList())))));
    assertThat(byResource.json().get("events").valueStream().map(e -> e.get("id").stringValue()).toList()).containsExactly(block.get("id").stringValue());
    assertThat(api.post("/calendar/v3/events/" + block.get("id").stringValue() + "/cancel", Map.of("revision", "1")).status()).isEqualTo(200);
    for (JsonNode r : found) {
      assertThat(starts(service, monday, r.get("id").stringValue(), false)).containsExactly(at(monday, 9), at(monday, 10), at(monday, 11));
    }
  }

  @Test
  void a_transparent_reference_blocks_nothing_and_a_changed_reference_moves_the_block() {
    String service = onsched.service(Map.of("name", "Fitting", "duration", 60));
    String a = resource("Chair A").at("/id").stringValue();
    String b = resource("Chair B").at("/id").stringValue();
    String combined = fixtures.schedule(Map.of("timeZone", "Europe/Berlin", "name", "Salon", "appId", BOOKINGS_APP));
    JsonNode event = fixtures.event(combined, monday + "T09:00:00", monday + "T10:00:00",
        Map.of("title", "Cut", "resources", List.of(Map.of("id", a, "transparency", "TRANSPARENT"), ref(b))));
    assertThat(starts(service, monday, a, false)).containsExactly(at(monday, 9), at(monday, 10), at(monday, 11));
    assertThat(starts(service, monday, b, false)).containsExactly(at(monday, 10), at(monday, 11));
    String id = event.get("id").stringValue();
    Response swapped = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", "1",
        "resources", List.of(ref(a)))));
    assertThat(swapped.status()).as(swapped.toString()).isEqualTo(200);
    assertThat(starts(service, monday, a, false)).containsExactly(at(monday, 10), at(monday, 11));
    assertThat(starts(service, monday, b, false)).containsExactly(at(monday, 9), at(monday, 10), at(monday, 11));
    assertThat(starts(service, monday, b, true)).containsExactly(at(monday, 9), at(monday, 10), at(monday, 11));
  }

  @Test
  void a_series_blocks_every_occurrence_an_exception_moves_its_block_and_a_cancelled_one_frees_it() {
    String service = onsched.service(Map.of("name", "Class", "duration", 60));
    String room = resource("Studio").at("/id").stringValue();
    String teacher = resource("Teacher").at("/id").stringValue();
    String combined = fixtures.schedule(Map.of("timeZone", "Europe/Berlin", "name", "Yoga", "appId", BOOKINGS_APP));
    Map<String, Object> fields = new HashMap<>(Map.of("title", "Yoga", "resources", List.of(ref(room), ref(teacher)),
        "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("MONDAY"))));
    JsonNode master = fixtures.event(combined, monday + "T10:00:00", monday + "T11:00:00", fields);
    for (int week = 0; week < 3; week++) {
      LocalDate day = monday.plusWeeks(week);
      assertThat(starts(service, day, room, false)).as("week " + week).containsExactly(at(day, 9), at(day, 11));
      assertThat(starts(service, day, teacher, true)).as("week " + week).containsExactly(at(day, 9), at(day, 11));
    }
    List<JsonNode> occurrences = api.post("/calendar/v3/events/query", Map.of("recurrenceType", List.of("INSTANCE"),
            "query", Map.of("filter", Map.of("recurringEventId", master.get("id").stringValue()), "cursorPaging", Map.of("limit", 3))))
        .json().get("events").valueStream().toList();
    assertThat(occurrences).hasSize(3);
    assertThat(occurrences.get(0).at("/resources/0/scheduleId").stringValue()).as("instances carry the resolved references").isNotBlank();
    String second = occurrences.get(1).get("id").stringValue();
    Response moved = api.patch("/calendar/v3/events/" + second, Map.of("event", Map.of("id", second, "revision", occurrences.get(1).get("revision").stringValue(),
        "start", Map.of("localDate", monday.plusWeeks(1) + "T09:00:00"), "end", Map.of("localDate", monday.plusWeeks(1) + "T10:00:00"))));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    LocalDate week1 = monday.plusWeeks(1);
    assertThat(starts(service, week1, room, false)).containsExactly(at(week1, 10), at(week1, 11));
    assertThat(starts(service, week1, teacher, true)).containsExactly(at(week1, 10), at(week1, 11));
    String third = occurrences.get(2).get("id").stringValue();
    assertThat(api.post("/calendar/v3/events/" + third + "/cancel", Map.of("revision", occurrences.get(2).get("revision").stringValue())).status())
        .isEqualTo(200);
    LocalDate week2 = monday.plusWeeks(2);
    assertThat(starts(service, week2, room, false)).containsExactly(at(week2, 9), at(week2, 10), at(week2, 11));
    assertThat(starts(service, week2, teacher, true)).containsExactly(at(week2, 9), at(week2, 10), at(week2, 11));
  }

  @Test
  void a_series_in_a_resources_own_schedule_blocks_each_week_and_moving_its_time_moves_every_block() {
    String service = onsched.service(Map.of("name", "Lesson", "duration", 60));
    Response desk = resource("Desk");
    String resourceId = desk.at("/id").stringValue();
    JsonNode master = fixtures.event(desk.at("/scheduleId").stringValue(), monday + "T10:00:00", monday + "T11:00:00",
        Map.of("title", "Weekly", "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("MONDAY"))));
    for (int week = 0; week < 3; week++) {
      LocalDate day = monday.plusWeeks(week);
      assertThat(starts(service, day, resourceId, false)).as("week " + week + ", from the per-day arrays").containsExactly(at(day, 9), at(day, 11));
      assertThat(starts(service, day, resourceId, true)).as("week " + week + ", from the events").containsExactly(at(day, 9), at(day, 11));
    }
    // a new time for the series: its instances are deleted and written anew, in one statement each
    Response moved = api.patch("/calendar/v3/events/" + master.get("id").stringValue(), Map.of("event", Map.of("id", master.get("id").stringValue(),
        "revision", master.get("revision").stringValue(),
        "start", Map.of("localDate", monday + "T11:00:00"), "end", Map.of("localDate", monday + "T12:00:00"))));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    for (int week = 0; week < 3; week++) {
      LocalDate day = monday.plusWeeks(week);
      assertThat(starts(service, day, resourceId, false)).as("week " + week + " after the move, from the per-day arrays")
          .containsExactly(at(day, 9), at(day, 10));
      assertThat(starts(service, day, resourceId, true)).as("week " + week + " after the move, from the events").containsExactly(at(day, 9), at(day, 10));
    }
  }

  @Test
  void unknown_resource_ids_are_refused_and_the_read_only_fields_are_filled_in() {
    Response made = resource("Lab");
    String lab = made.at("/id").stringValue();
    String combined = fixtures.schedule(Map.of("timeZone", "Europe/Berlin", "name", "Tests"));
    Response unknown = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", combined, "title", "Blood test",
        "start", Map.of("localDate", monday + "T09:00:00"), "end", Map.of("localDate", monday + "T09:30:00"),
        "resources", List.of(ref(lab), ref("not-a-resource")))));
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
    assertThat(unknown.text()).contains("resources[1].id").doesNotContain("resources[0].id");
    assertThat(api.post("/calendar/v3/events/query", Map.of("query", Map.of("filter", Map.of("scheduleId", combined)))).json().get("events").size())
        .as("nothing was written").isZero();
    Response other = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", combined, "title", "Blood test",
        "start", Map.of("localDate", monday + "T09:00:00"), "end", Map.of("localDate", monday + "T09:30:00"),
        "resources", List.of(Map.of("id", UUID.randomUUID().toString())))));
    assertThat(other.status()).isEqualTo(400);
    assertThat(other.text()).contains("resources[0].id");

    JsonNode event = fixtures.event(combined, monday + "T09:00:00", monday + "T09:30:00",
        Map.of("title", "Blood test", "resources", List.of(Map.of("id", lab, "name", "made up", "scheduleId", "made-up", "type", "made-up"))));
    assertThat(event.at("/resources/0/name").stringValue()).isEqualTo(made.at("/name").stringValue());
    assertThat(event.at("/resources/0/scheduleId").stringValue()).isEqualTo(made.at("/scheduleId").stringValue());
    assertThat(event.at("/resources/0/transparency").stringValue()).isEqualTo("OPAQUE");
    assertThat(event.at("/resources/0/type").isMissingNode() || event.at("/resources/0/type").isNull())
        .as("a resource without a type has none: " + event).isTrue();
    String id = event.get("id").stringValue();
    Response bad = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", "1",
        "resources", List.of(ref("also-not-one")))));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).contains("resources[0].id");
    assertThat(api.get("/calendar/v3/events/" + id).at("/event/revision").stringValue()).isEqualTo("1");
  }
}
