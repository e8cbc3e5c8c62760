package dev.horae.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QueryEventsIT extends ApiTest {
  Fixtures fx;
  String s1;
  String s2;

  @BeforeAll
  void data() {
    fx = new Fixtures(api);
    s1 = fx.schedule(Map.of("name", "S1", "timeZone", "Europe/Berlin", "appId", "app-q", "externalId", "ext-s1"));
    s2 = fx.schedule(Map.of("name", "S2", "timeZone", "UTC", "appId", "app-q"));
  }

  Response query(Map<String, Object> body) {
    Response r = api.post("/calendar/v3/events/query", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r;
  }

  static List<String> titles(Response r) {
    return r.at("/events").valueStream().map(e -> e.get("title").stringValue()).toList();
  }

  static Map<String, Object> window(String from, String to, String tz, Map<String, Object> filter) {
    Map<String, Object> body = new HashMap<>(Map.of("fromLocalDate", from, "toLocalDate", to, "timeZone", tz));
    body.put("query", Map.of("filter", filter));
    return body;
  }

  @Test
  void the_window_includes_events_overlapping_it_read_in_the_request_time_zone() {
    String s = fx.schedule(Map.of("timeZone", "Europe/Berlin"));
    fx.event(s, "2032-05-10T08:00:00", "2032-05-10T10:00:00", Map.of("title", "straddles-from"));
    fx.event(s, "2032-05-10T11:00:00", "2032-05-10T12:00:00", Map.of("title", "inside"));
    fx.event(s, "2032-05-10T17:30:00", "2032-05-10T19:00:00", Map.of("title", "straddles-to"));
    fx.event(s, "2032-05-10T06:00:00", "2032-05-10T09:00:00", Map.of("title", "ends-at-from"));
    fx.event(s, "2032-05-10T18:00:00", "2032-05-10T19:00:00", Map.of("title", "starts-at-to"));
    Response r = query(window("2032-05-10T09:00:00", "2032-05-10T18:00:00", "Europe/Berlin", Map.of("scheduleId", s)));
    assertThat(titles(r)).containsExactly("straddles-from", "inside", "straddles-to");
    // the same local window in UTC is two hours later in Berlin: 11:00-20:00 local
    Response utc = query(window("2032-05-10T09:00:00", "2032-05-10T18:00:00", "UTC", Map.of("scheduleId", s)));
    assertThat(titles(utc)).containsExactly("inside", "straddles-to", "starts-at-to");
    assertThat(utc.at("/events/0/adjustedStart/localDate").stringValue()).isEqualTo("2032-05-10T09:00:00");
    assertThat(utc.at("/events/0/adjustedStart/timeZone").stringValue()).isEqualTo("UTC");
  }

  @Test
  void every_filter_field_and_operator_of_the_spec_is_accepted_and_means_what_it_says() {
    String s = fx.schedule(Map.of("appId", "app-f", "externalId", "ext-f"));
    String room = java.util.UUID.randomUUID().toString();
    JsonNode made = api.post("/bookings/v2/resources", Map.of("resource", Map.of("name", "Room 1", "typeId", room))).json().get("resource");
    String r1 = made.get("id").stringValue();
    String rs1 = made.at("/eventsSchedule/scheduleId").stringValue();
    String r2 = api.post("/bookings/v2/resources", Map.of("resource", Map.of("name", "Projector"))).at("/resource/id").stringValue();
    fx.event(s, "2033-01-01T09:00:00", "2033-01-01T10:00:00", Map.of("title", "a", "totalCapacity", 3, "type", "CLASS",
        "location", Map.of("type", "BUSINESS", "id", "loc-1"),
        "resources", List.of(Map.of("id", r1, "type", "ignored: Horae fills it in"), Map.of("id", r2, "transparency", "TRANSPARENT")),
        "conferencingDetails", Map.of("type", "ZOOM", "hostUrl", "https://z/h", "guestUrl", "https://z/g")));
    fx.event(s, "2033-01-01T11:00:00", "2033-01-01T12:00:00", Map.of("title", "b", "totalCapacity", 10, "transparency", "TRANSPARENT",
        "location", Map.of("type", "CUSTOM"), "resources", List.of(Map.of("id", r2))));
    fx.event(s, "2033-01-01T13:00:00", "2033-01-01T14:00:00", Map.of("title", "c"));
    fx.event(s, "2033-01-01T15:00:00", "2033-01-01T16:00:00", Map.of("title", "wh", "type", "WORKING_HOURS"));
    String from = "2033-01-01T00:00:00";
    String to = "2033-01-02T00:00:00";
    Map<Object, List<String>> cases = new java.util.LinkedHashMap<>();
    cases.put(Map.of("scheduleId", s), List.of("a", "b", "c"));
    cases.put(Map.of("scheduleId", Map.of("$in", List.of(s))), List.of("a", "b", "c"));
    cases.put(Map.of("appId", "app-f"), List.of("a", "b", "c"));
    cases.put(Map.of("appId", Map.of("$in", List.of("app-f", "other"))), List.of("a", "b", "c"));
    cases.put(Map.of("externalScheduleId", "ext-f"), List.of("a", "b", "c"));
    cases.put(Map.of("externalScheduleId", Map.of("$in", List.of("ext-f"))), List.of("a", "b", "c"));
    cases.put(Map.of("scheduleId", s, "type", "CLASS"), List.of("a"));
    cases.put(Map.of("scheduleId", s, "type", Map.of("$in", List.of("DEFAULT", "WORKING_HOURS"))), List.of("b", "c", "wh"));
    cases.put(Map.of("scheduleId", s, "transparency", "TRANSPARENT"), List.of("b"));
    cases.put(Map.of("scheduleId", s, "location", Map.of("$exists", false)), List.of("c"));
    cases.put(Map.of("scheduleId", s, "location.type", "CUSTOM"), List.of("b"));
    cases.put(Map.of("scheduleId", s, "location.type", Map.of("$in", List.of("CUSTOM", "BUSINESS"))), List.of("a", "b"));
    cases.put(Map.of("scheduleId", s, "location.id", "loc-1"), List.of("a"));
    cases.put(Map.of("scheduleId", s, "location.id", Map.of("$in", List.of("loc-1"))), List.of("a"));
    cases.put(Map.of("scheduleId", s, "resources.id", Map.of("$hasSome", List.of(r2))), List.of("a", "b"));
    cases.put(Map.of("scheduleId", s, "resources.id", Map.of("$hasAll", List.of(r1, r2))), List.of("a"));
    cases.put(Map.of("scheduleId", s, "resources.type", Map.of("$hasSome", List.of(room))), List.of("a"));
    cases.put(Map.of("scheduleId", s, "resources.scheduleId", Map.of("$hasAll", List.of(rs1))), List.of("a"));
    cases.put(Map.of("scheduleId", s, "resources.transparency", Map.of("$hasAll", List.of("OPAQUE", "TRANSPARENT"))), List.of("a"));
    cases.put(Map.of("scheduleId", s, "resources.transparency", Map.of("$hasSome", List.of("OPAQUE"))), List.of("a", "b"));
    cases.put(Map.of("scheduleId", s, "resources.transparency", Map.of("$hasSome", List.of("TRANSPARENT"))), List.of("a"));
    cases.put(Map.of("scheduleId", s, "totalCapacity", 3), List.of("a"));
    cases.put(Map.of("scheduleId", s, "totalCapacity", Map.of("$ne", 3)), List.of("b", "c"));
    cases.put(Map.of("scheduleId", s, "totalCapacity", Map.of("$gt", 3)), List.of("b"));
    cases.put(Map.of("scheduleId", s, "totalCapacity", Map.of("$gte", 3, "$lt", 10)), List.of("a"));
    cases.put(Map.of("scheduleId", s, "totalCapacity", Map.of("$lte", 10)), List.of("a", "b"));
    cases.put(Map.of("scheduleId", s, "totalCapacity", Map.of("$exists", true)), List.of("a", "b"));
    cases.put(Map.of("scheduleId", s, "remainingCapacity", Map.of("$lt", 5)), List.of("a"));
    cases.put(Map.of("scheduleId", s, "participants.total", 0), List.of("a", "b", "c"));
    cases.put(Map.of("scheduleId", s, "conferencingDetails", Map.of("$exists", true)), List.of("a"));
    cases.put(Map.of("scheduleId", s, "$or", List.of(Map.of("totalCapacity", 3), Map.of("totalCapacity", 10))), List.of("a", "b"));
    for (var c : cases.entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> filter = (Map<String, Object>) c.getKey();
      assertThat(titles(query(window(from, to, "UTC", filter)))).as(filter.toString()).containsExactlyElementsOf(c.getValue());
    }
  }

  @Test
  void unknown_fields_bad_operators_and_bad_values_are_400s_naming_them() {
    Map<Map<String, Object>, String> cases = Map.of(
        Map.of("color", "red"), "query.filter.color",
        Map.of("appId", Map.of("$gt", "a")), "query.filter.appId.$gt",
        Map.of("transparency", Map.of("$in", List.of("OPAQUE"))), "query.filter.transparency.$in",
        Map.of("totalCapacity", "three"), "query.filter.totalCapacity",
        Map.of("scheduleId", "not-a-guid"), "query.filter.scheduleId",
        Map.of("type", "PARTY"), "query.filter.type",
        Map.of("start", Map.of("$gt", "2030-01-01")), "query.filter.start");
    cases.forEach((filter, field) -> {
      Response r = api.post("/calendar/v3/events/query", Map.of("query", Map.of("filter", filter)));
      assertThat(r.status()).as(filter.toString()).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.at("/errors/0/field").stringValue()).isEqualTo(field);
    });
    Response sort = api.post("/calendar/v3/events/query", Map.of("query", Map.of("sort", List.of(Map.of("fieldName", "title")))));
    assertThat(sort.status()).isEqualTo(400);
    assertThat(sort.at("/errors/0/field").stringValue()).isEqualTo("query.sort[0]");
    Response limit = api.post("/calendar/v3/events/query", Map.of("query", Map.of("cursorPaging", Map.of("limit", 1001))));
    assertThat(limit.status()).isEqualTo(400);
    Response window = api.post("/calendar/v3/events/query", Map.of("fromLocalDate", "2030-01-02T00:00:00", "toLocalDate", "2030-01-01T00:00:00"));
    assertThat(window.status()).isEqualTo(400);
    Response cursor = api.post("/calendar/v3/events/query", Map.of("query", Map.of("cursorPaging", Map.of("cursor", "garbage!"))));
    assertThat(cursor.status()).isEqualTo(400);
    String forged = java.util.Base64.getUrlEncoder().encodeToString("{\"types\":[null],\"order\":\"START_ASC\"}".getBytes());
    Response forgedCursor = api.post("/calendar/v3/events/query", Map.of("query", Map.of("cursorPaging", Map.of("cursor", forged))));
    assertThat(forgedCursor.status()).as(forgedCursor.toString()).isEqualTo(400);
    Response rt = api.post("/calendar/v3/events/query", Map.of("recurrenceType", List.of("SOMETIMES")));
    assertThat(rt.status()).isEqualTo(400);
    assertThat(rt.at("/errors/0/field").stringValue()).isEqualTo("recurrenceType[0]");
  }

  @Test
  void working_hours_only_when_type_is_filtered_and_masters_only_when_asked() {
    String s = fx.schedule(Map.of());
    fx.event(s, "2033-02-01T09:00:00", "2033-02-01T17:00:00", Map.of("title", "hours", "type", "WORKING_HOURS"));
    fx.event(s, "2033-02-01T10:00:00", "2033-02-01T11:00:00", Map.of("title", "meeting"));
    Map<String, Object> w = window("2033-02-01T00:00:00", "2033-02-02T00:00:00", "UTC", Map.of("scheduleId", s));
    assertThat(titles(query(w))).containsExactly("meeting");
    assertThat(titles(query(window("2033-02-01T00:00:00", "2033-02-02T00:00:00", "UTC", Map.of("scheduleId", s, "type", "WORKING_HOURS")))))
        .containsExactly("hours");
    Map<String, Object> masters = new HashMap<>(w);
    masters.put("recurrenceType", List.of("MASTER"));
    assertThat(titles(query(masters))).isEmpty();
  }

  @Test
  void sorting_by_end_descending() {
    String s = fx.schedule(Map.of());
    fx.event(s, "2033-03-01T09:00:00", "2033-03-01T12:00:00", Map.of("title", "long"));
    fx.event(s, "2033-03-01T10:00:00", "2033-03-01T11:00:00", Map.of("title", "short"));
    fx.event(s, "2033-03-01T08:00:00", "2033-03-01T13:00:00", Map.of("title", "longest"));
    Map<String, Object> body = new HashMap<>(Map.of("fromLocalDate", "2033-03-01T00:00:00", "toLocalDate", "2033-03-02T00:00:00", "timeZone", "UTC"));
    body.put("query", Map.of("filter", Map.of("scheduleId", s), "sort", List.of(Map.of("fieldName", "end", "order", "DESC"))));
    assertThat(titles(query(body))).containsExactly("longest", "long", "short");
    Map<String, Object> asc = new HashMap<>(body);
    asc.put("query", Map.of("filter", Map.of("scheduleId", s), "sort", List.of(Map.of("fieldName", "start", "order", "ASC"))));
    assertThat(titles(query(asc))).containsExactly("longest", "long", "short");
  }

  @Test
  void paging_neither_skips_nor_repeats_while_other_events_are_inserted() throws Exception {
    String s = fx.schedule(Map.of());
    List<String> existing = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      // several events share a start, so the id tie-breaker matters
      String start = String.format("2034-01-01T%02d:%02d:00", 8 + i / 12, (i % 4) * 15);
      existing.add(fx.event(s, start, start.replace("T", "T").substring(0, 11) + "23:00:00", Map.of("title", "e" + i)).get("id").stringValue());
    }
    ExecutorService writer = Executors.newSingleThreadExecutor();
    Future<?> inserts = writer.submit(() -> {
      for (int i = 0; i < 40; i++) {
        String start = String.format("2034-01-01T%02d:%02d:00", 8 + (i % 5), (i % 4) * 15);
        fx.event(s, start, "2034-01-01T23:00:00", Map.of("title", "late" + i));
      }
    });
    Set<String> seen = new HashSet<>();
    List<String> order = new ArrayList<>();
    Map<String, Object> body = new HashMap<>(window("2034-01-01T00:00:00", "2034-01-02T00:00:00", "UTC", Map.of("scheduleId", s)));
    body.put("query", Map.of("filter", Map.of("scheduleId", s), "cursorPaging", Map.of("limit", 7)));
    Response page = query(body);
    while (true) {
      for (JsonNode e : page.json().get("events")) {
        assertThat(seen.add(e.get("id").stringValue())).as("repeated " + e.get("title")).isTrue();
        order.add(e.at("/start/utcDate").stringValue());
      }
      if (!page.at("/pagingMetadata/hasNext").booleanValue()) {
        break;
      }
      page = query(Map.of("query", Map.of("cursorPaging", Map.of("limit", 7, "cursor", page.at("/pagingMetadata/cursors/next").stringValue()))));
    }
    inserts.get();
    writer.shutdown();
    assertThat(seen).containsAll(existing);
    assertThat(order).isSorted();
  }

  @Test
  void participant_lists_only_with_pi_fields() {
    String s = fx.schedule(Map.of());
    String id = fx.event(s, "2033-04-01T09:00:00", "2033-04-01T10:00:00", Map.of("title", "class", "totalCapacity", 5)).get("id").stringValue();
    api.post("/calendar/v3/participations", Map.of("participation", Map.of("eventId", id, "partySize", 2, "participant", Map.of("name", "Ada"))));
    Map<String, Object> w = window("2033-04-01T00:00:00", "2033-04-02T00:00:00", "UTC", Map.of("scheduleId", s));
    assertThat(query(w).at("/events/0/participants").isMissingNode()).isTrue();
    Map<String, Object> pi = new HashMap<>(w);
    pi.put("fields", List.of("PI_FIELDS"));
    Response r = query(pi);
    assertThat(r.at("/events/0/participants/total").intValue()).isEqualTo(2);
    assertThat(r.at("/events/0/participants/list/0/name").stringValue()).isEqualTo("Ada");
    assertThat(r.at("/events/0/remainingCapacity").intValue()).isEqualTo(3);
  }
}
