package dev.horae.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventsIT extends ApiTest {
  Fixtures fx;
  String berlin;

  @BeforeAll
  void schedule() {
    fx = new Fixtures(api);
    berlin = fx.schedule(Map.of("name", "Berlin desk", "timeZone", "Europe/Berlin", "defaultTitle", "Consultation",
        "defaultCapacity", 5, "externalId", "staff-1", "appId", "app-1",
        "defaultLocation", Map.of("type", "CUSTOM", "name", "Room 1")));
  }

  @Test
  void a_created_event_inherits_the_schedule_defaults_it_does_not_set() {
    JsonNode e = fx.event(berlin, "2030-07-01T09:00:00", "2030-07-01T10:00:00", Map.of());
    assertThat(e.get("id").stringValue()).hasSize(64).startsWith(berlin.replace("-", ""));
    assertThat(e.get("title").stringValue()).isEqualTo("Consultation");
    assertThat(e.get("timeZone").stringValue()).isEqualTo("Europe/Berlin");
    assertThat(e.get("totalCapacity").intValue()).isEqualTo(5);
    assertThat(e.get("remainingCapacity").intValue()).isEqualTo(5);
    assertThat(e.at("/location/name").stringValue()).isEqualTo("Room 1");
    assertThat(e.get("inheritedFields").valueStream().map(JsonNode::stringValue).toList())
        .containsExactlyInAnyOrder("TITLE", "TIME_ZONE", "LOCATION", "CAPACITY", "CONFERENCING_DETAILS");
    assertThat(e.get("externalScheduleId").stringValue()).isEqualTo("staff-1");
    assertThat(e.get("appId").stringValue()).isEqualTo("app-1");
    assertThat(e.get("scheduleName").stringValue()).isEqualTo("Berlin desk");
    assertThat(e.get("status").stringValue()).isEqualTo("CONFIRMED");
    assertThat(e.get("recurrenceType").stringValue()).isEqualTo("NONE");
    assertThat(e.get("transparency").stringValue()).isEqualTo("OPAQUE");
    assertThat(e.get("type").stringValue()).isEqualTo("DEFAULT");
    assertThat(e.get("revision").stringValue()).isEqualTo("1");
    assertThat(e.at("/start/localDate").stringValue()).isEqualTo("2030-07-01T09:00:00");
    assertThat(e.at("/start/utcDate").stringValue()).isEqualTo("2030-07-01T07:00:00.000Z");
    assertThat(e.at("/participants/total").intValue()).isZero();
  }

  @Test
  void every_field_set_on_create_is_stored_and_returned() {
    JsonNode e = fx.event(berlin, "2030-07-02T09:00:00", "2030-07-02T10:30:00", Map.of(
        "title", "Yoga", "type", "CLASS", "timeZone", "America/New_York", "transparency", "TRANSPARENT",
        "totalCapacity", 12, "notes", "Bring a mat",
        "resources", List.of(Map.of("id", api.post("/bookings/v2/resources", Map.of("resource", Map.of("name", "Studio"))).at("/resource/id").stringValue(),
            "type", "room", "permissionRole", "WRITER")),
        "conferencingDetails", Map.of("type", "CUSTOM", "hostUrl", "https://c.example/h", "guestUrl", "https://c.example/g",
            "password", "secret", "externalId", "conf-1"),
        "extendedFields", Map.of("namespaces", Map.of("my-app", Map.of("color", "red")))));
    Response read = api.get("/calendar/v3/events/" + e.get("id").stringValue() + "?fields=PI_FIELDS&timeZone=UTC");
    JsonNode r = read.json().get("event");
    assertThat(r.get("title").stringValue()).isEqualTo("Yoga");
    assertThat(r.get("type").stringValue()).isEqualTo("CLASS");
    assertThat(r.get("timeZone").stringValue()).isEqualTo("America/New_York");
    assertThat(r.at("/start/utcDate").stringValue()).isEqualTo("2030-07-02T13:00:00.000Z");
    assertThat(r.at("/adjustedStart/localDate").stringValue()).isEqualTo("2030-07-02T13:00:00");
    assertThat(r.at("/adjustedStart/timeZone").stringValue()).isEqualTo("UTC");
    assertThat(r.get("transparency").stringValue()).isEqualTo("TRANSPARENT");
    assertThat(r.at("/resources/0/transparency").stringValue()).isEqualTo("OPAQUE");
    assertThat(r.at("/conferencingDetails/password").stringValue()).isEqualTo("secret");
    assertThat(r.get("notes").stringValue()).isEqualTo("Bring a mat");
    assertThat(r.at("/extendedFields/namespaces/my-app/color").stringValue()).isEqualTo("red");
    assertThat(r.get("inheritedFields").valueStream().map(JsonNode::stringValue).toList()).containsExactly("LOCATION");

    JsonNode noPi = api.get("/calendar/v3/events/" + e.get("id").stringValue()).json().get("event");
    assertThat(noPi.has("notes")).isFalse();
    assertThat(noPi.has("conferencingDetails")).isFalse();
    assertThat(noPi.has("participants")).isFalse();
  }

  @Test
  void null_on_create_means_empty_not_inherited() {
    Response r = api.post("/calendar/v3/events",
        "{\"event\":{\"scheduleId\":\"" + berlin + "\",\"title\":null,\"totalCapacity\":null,"
            + "\"start\":{\"localDate\":\"2030-07-03T09:00:00\"},\"end\":{\"localDate\":\"2030-07-03T10:00:00\"}}}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.at("/event/title").isMissingNode()).isTrue();
    assertThat(r.at("/event/totalCapacity").isMissingNode()).isTrue();
    assertThat(r.at("/event/inheritedFields").valueStream().map(JsonNode::stringValue).toList()).doesNotContain("TITLE", "CAPACITY");
  }

  @Test
  void wall_time_in_a_dst_gap_moves_forward_and_in_an_overlap_takes_the_first_occurrence() {
    JsonNode gap = fx.event(berlin, "2030-03-31T02:30:00", "2030-03-31T04:00:00", Map.of());
    assertThat(gap.at("/start/utcDate").stringValue()).isEqualTo("2030-03-31T01:30:00.000Z");
    JsonNode overlap = fx.event(berlin, "2030-10-27T02:30:00", "2030-10-27T04:00:00", Map.of());
    assertThat(overlap.at("/start/utcDate").stringValue()).isEqualTo("2030-10-27T00:30:00.000Z");
  }

  @Test
  void all_day_events_need_midnights_and_span_whole_days_in_their_zone() {
    JsonNode e = fx.event(berlin, "2030-08-01T00:00:00", "2030-08-03T00:00:00", Map.of("allDay", true));
    assertThat(e.get("allDay").booleanValue()).isTrue();
    assertThat(e.at("/start/utcDate").stringValue()).isEqualTo("2030-07-31T22:00:00.000Z");
    Response bad = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", berlin, "allDay", true,
        "start", Map.of("localDate", "2030-08-01T09:00:00"), "end", Map.of("localDate", "2030-08-02T00:00:00"))));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.at("/errors/0/field").stringValue()).isEqualTo("event.start.localDate");
  }

  @Test
  void invalid_events_are_refused_with_every_field_named_and_nothing_is_created() {
    Response r = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", berlin,
        "start", Map.of("localDate", "2030-07-01T10:00:00"), "end", Map.of("localDate", "2030-07-01T09:00:00"),
        "title", "", "timeZone", "Nowhere/City", "totalCapacity", -2,
        "conferencingDetails", Map.of("type", "CUSTOM"), "resources", List.of(Map.of("name", "no id")))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("errors").valueStream().map(x -> x.get("field").stringValue()).toList())
        .contains("event.end.localDate", "event.title", "event.timeZone", "event.totalCapacity",
            "event.conferencingDetails.hostUrl", "event.conferencingDetails.guestUrl", "event.resources[0].id");
    Response noSchedule = api.post("/calendar/v3/events", Map.of("event", Map.of(
        "start", Map.of("localDate", "2030-07-01T10:00:00"), "end", Map.of("localDate", "2030-07-01T11:00:00"))));
    assertThat(noSchedule.status()).isEqualTo(400);
    assertThat(noSchedule.at("/errors/0/field").stringValue()).isEqualTo("event.scheduleId");
    Response offset = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", berlin,
        "start", Map.of("localDate", "2030-07-01T10:00:00Z"), "end", Map.of("localDate", "2030-07-01T11:00:00"))));
    assertThat(offset.status()).isEqualTo(400);
    Response badEnum = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", berlin, "transparency", "SEE_THROUGH",
        "start", Map.of("localDate", "2030-07-01T10:00:00"), "end", Map.of("localDate", "2030-07-01T11:00:00"))));
    assertThat(badEnum.status()).isEqualTo(400);
    assertThat(badEnum.at("/errors/0/field").stringValue()).isEqualTo("event.transparency");
  }

  @Test
  void update_needs_the_current_revision_and_stops_inheriting_what_it_sets() {
    JsonNode e = fx.event(berlin, "2030-07-04T09:00:00", "2030-07-04T10:00:00", Map.of());
    String id = e.get("id").stringValue();
    Response ok = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", "1", "title", "Moved",
        "start", Map.of("localDate", "2030-07-04T11:00:00"), "end", Map.of("localDate", "2030-07-04T12:00:00"))));
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.at("/event/revision").stringValue()).isEqualTo("2");
    assertThat(ok.at("/event/title").stringValue()).isEqualTo("Moved");
    assertThat(ok.at("/event/start/utcDate").stringValue()).isEqualTo("2030-07-04T09:00:00.000Z");
    assertThat(ok.at("/event/inheritedFields").valueStream().map(JsonNode::stringValue).toList()).doesNotContain("TITLE");

    Response stale = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("revision", "1", "title", "Lost")));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.at("/code").stringValue()).isEqualTo("REVISION_MISMATCH");
    Response type = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("revision", "2", "type", "CLASS")));
    assertThat(type.status()).isEqualTo(400);
    assertThat(api.get("/calendar/v3/events/" + id).at("/event/title").stringValue()).isEqualTo("Moved");
  }

  @Test
  void changing_a_schedule_default_reaches_future_events_that_inherit_it() {
    String s = fx.schedule(Map.of("defaultTitle", "Old", "timeZone", "Europe/Berlin"));
    JsonNode inheriting = fx.event(s, "2031-01-10T09:00:00", "2031-01-10T10:00:00", Map.of());
    JsonNode own = fx.event(s, "2031-01-11T09:00:00", "2031-01-11T10:00:00", Map.of("title", "Mine"));
    Response u = api.patch("/calendar/v3/schedules/" + s,
        Map.of("schedule", Map.of("revision", "1", "defaultTitle", "New", "timeZone", "Europe/London")));
    assertThat(u.status()).as(u.toString()).isEqualTo(200);
    JsonNode a = api.get("/calendar/v3/events/" + inheriting.get("id").stringValue()).json().get("event");
    assertThat(a.get("title").stringValue()).isEqualTo("New");
    assertThat(a.get("revision").stringValue()).isEqualTo("2");
    assertThat(a.at("/start/localDate").stringValue()).as("wall time kept").isEqualTo("2031-01-10T09:00:00");
    assertThat(a.at("/start/utcDate").stringValue()).isEqualTo("2031-01-10T09:00:00.000Z");
    JsonNode b = api.get("/calendar/v3/events/" + own.get("id").stringValue()).json().get("event");
    assertThat(b.get("title").stringValue()).isEqualTo("Mine");
  }

  @Test
  void restoring_defaults_re_inherits_exactly_the_listed_fields() {
    JsonNode e = fx.event(berlin, "2030-11-01T09:00:00", "2030-11-01T10:00:00", Map.of(
        "title", "Own title", "totalCapacity", 9, "location", Map.of("type", "CUSTOM", "name", "Own room")));
    String id = e.get("id").stringValue();
    Response r = api.post("/calendar/v3/events/" + id + "/restore-defaults", Map.of("fields", List.of("TITLE", "CAPACITY")));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.at("/event/title").stringValue()).isEqualTo("Consultation");
    assertThat(r.at("/event/totalCapacity").intValue()).isEqualTo(5);
    assertThat(r.at("/event/location/name").stringValue()).isEqualTo("Own room");
    assertThat(r.at("/event/revision").stringValue()).isEqualTo("2");
    assertThat(r.at("/event/inheritedFields").valueStream().map(JsonNode::stringValue).toList())
        .contains("TITLE", "CAPACITY").doesNotContain("LOCATION");
    Response stale = api.post("/calendar/v3/events/" + id + "/restore-defaults", Map.of("fields", List.of("LOCATION"), "revision", "1"));
    assertThat(stale.status()).isEqualTo(409);
    Response time = api.post("/calendar/v3/events/" + id + "/restore-defaults", Map.of("fields", List.of("TIME")));
    assertThat(time.status()).isEqualTo(400);
    Response none = api.post("/calendar/v3/events/" + id + "/restore-defaults", Map.of("fields", List.of()));
    assertThat(none.status()).isEqualTo(400);
  }

  @Test
  void cancelling_needs_the_revision_and_a_cancelled_event_takes_no_changes() {
    String id = fx.event(berlin, "2030-07-05T09:00:00", "2030-07-05T10:00:00", Map.of()).get("id").stringValue();
    assertThat(api.post("/calendar/v3/events/" + id + "/cancel", Map.of()).status()).isEqualTo(409);
    Response c = api.post("/calendar/v3/events/" + id + "/cancel", Map.of("revision", "1"));
    assertThat(c.status()).isEqualTo(200);
    assertThat(c.at("/event/status").stringValue()).isEqualTo("CANCELLED");
    assertThat(c.at("/event/revision").stringValue()).isEqualTo("2");
    Response again = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("revision", "2", "title", "x")));
    assertThat(again.status()).isEqualTo(428);
    assertThat(again.at("/code").stringValue()).isEqualTo("EVENT_CANCELLED");
  }

  @Test
  void a_cancelled_schedule_cancels_its_future_events_and_takes_no_new_ones() {
    String s = fx.schedule(Map.of("name", "Closing"));
    String future = fx.event(s, "2031-02-01T09:00:00", "2031-02-01T10:00:00", Map.of()).get("id").stringValue();
    String past = fx.event(s, "2020-02-01T09:00:00", "2020-02-01T10:00:00", Map.of()).get("id").stringValue();
    assertThat(api.post("/calendar/v3/schedules/" + s + "/cancel", Map.of("revision", "1")).status()).isEqualTo(200);
    assertThat(api.get("/calendar/v3/events/" + future).at("/event/status").stringValue()).isEqualTo("CANCELLED");
    assertThat(api.get("/calendar/v3/events/" + past).at("/event/status").stringValue()).isEqualTo("CONFIRMED");
    Response r = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", s,
        "start", Map.of("localDate", "2031-03-01T09:00:00"), "end", Map.of("localDate", "2031-03-01T10:00:00"))));
    assertThat(r.status()).isEqualTo(428);
    assertThat(r.at("/code").stringValue()).isEqualTo("SCHEDULE_CANCELLED");
  }

  @Test
  void bulk_operations_report_each_item_and_one_failure_does_not_undo_the_others() {
    Response created = api.post("/calendar/v3/bulk/events/create", Map.of("returnEntity", true, "events", List.of(
        Map.of("event", Map.of("scheduleId", berlin, "start", Map.of("localDate", "2030-09-01T09:00:00"), "end", Map.of("localDate", "2030-09-01T10:00:00"))),
        Map.of("event", Map.of("scheduleId", berlin, "start", Map.of("localDate", "2030-09-01T10:00:00"), "end", Map.of("localDate", "2030-09-01T09:00:00"))),
        Map.of("event", Map.of("scheduleId", berlin, "start", Map.of("localDate", "2030-09-02T09:00:00"), "end", Map.of("localDate", "2030-09-02T10:00:00"))))));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    assertThat(created.at("/bulkActionMetadata/totalSuccesses").intValue()).isEqualTo(2);
    assertThat(created.at("/bulkActionMetadata/totalFailures").intValue()).isEqualTo(1);
    assertThat(created.at("/results/1/itemMetadata/success").booleanValue()).isFalse();
    assertThat(created.at("/results/1/itemMetadata/error/code").stringValue()).isEqualTo("INVALID_ARGUMENT");
    assertThat(created.at("/results/0/item/title").stringValue()).isEqualTo("Consultation");
    String a = created.at("/results/0/itemMetadata/id").stringValue();
    String b = created.at("/results/2/itemMetadata/id").stringValue();

    Response updated = api.post("/calendar/v3/bulk/events/update", Map.of("events", List.of(
        Map.of("event", Map.of("id", a, "revision", "1", "title", "A2")),
        Map.of("event", Map.of("id", b, "revision", "9", "title", "B2")))));
    assertThat(updated.at("/bulkActionMetadata/totalSuccesses").intValue()).isEqualTo(1);
    assertThat(updated.at("/results/1/itemMetadata/error/code").stringValue()).isEqualTo("REVISION_MISMATCH");
    assertThat(updated.at("/results/1/itemMetadata/id").stringValue()).isEqualTo(b);
    assertThat(updated.at("/results/0/item").isMissingNode()).isTrue();

    Response cancelled = api.post("/calendar/v3/bulk/events/cancel", Map.of("events", List.of(
        Map.of("id", a, "revision", "2"), Map.of("id", b, "revision", "1"))));
    assertThat(cancelled.at("/bulkActionMetadata/totalSuccesses").intValue()).isEqualTo(2);
    Response listed = api.get("/calendar/v3/events?eventIds=" + a + "&eventIds=" + b);
    assertThat(listed.at("/events").valueStream().map(x -> x.get("status").stringValue()).toList()).containsExactly("CANCELLED", "CANCELLED");

    Response tooMany = api.post("/calendar/v3/bulk/events/update", Map.of("events", java.util.Collections.nCopies(51, Map.of("event", Map.of("id", a)))));
    assertThat(tooMany.status()).isEqualTo(400);
  }

  @Test
  void of_concurrent_updates_with_the_same_revision_exactly_one_wins() throws Exception {
    String id = fx.event(berlin, "2030-10-05T09:00:00", "2030-10-05T10:00:00", Map.of()).get("id").stringValue();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
    try {
      var futures = java.util.stream.IntStream.range(0, 10).mapToObj(i -> pool.submit(() ->
          api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("revision", "1", "title", "writer " + i))))).toList();
      List<Integer> statuses = new java.util.ArrayList<>();
      for (var f : futures) {
        statuses.add(f.get().status());
      }
      assertThat(statuses).containsOnly(200, 409);
      assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
      assertThat(api.get("/calendar/v3/events/" + id).at("/event/revision").stringValue()).isEqualTo("2");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void idempotent_create_makes_one_event() {
    String key = "evt-" + System.nanoTime();
    Map<String, Object> body = Map.of("idempotencyKey", key, "event", Map.of("scheduleId", berlin,
        "start", Map.of("localDate", "2030-10-01T09:00:00"), "end", Map.of("localDate", "2030-10-01T10:00:00")));
    String first = api.post("/calendar/v3/events", body).at("/event/id").stringValue();
    Response second = api.post("/calendar/v3/events", body);
    assertThat(second.at("/event/id").stringValue()).isEqualTo(first);
    Response other = api.withHeader("Idempotency-Key", key).post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", berlin,
        "start", Map.of("localDate", "2030-10-02T09:00:00"), "end", Map.of("localDate", "2030-10-02T10:00:00"))));
    assertThat(other.status()).isEqualTo(422);
  }

  @Test
  void concurrent_requests_with_one_idempotency_key_create_one_event() throws Exception {
    String key = "race-" + System.nanoTime();
    Map<String, Object> body = Map.of("event", Map.of("scheduleId", berlin,
        "start", Map.of("localDate", "2030-10-03T09:00:00"), "end", Map.of("localDate", "2030-10-03T10:00:00")));
    var keyed = api.withHeader("Idempotency-Key", key);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var futures = java.util.stream.IntStream.range(0, 8).mapToObj(i -> pool.submit(() -> keyed.post("/calendar/v3/events", body))).toList();
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (var f : futures) {
        Response r = f.get();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        ids.add(r.at("/event/id").stringValue());
      }
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
