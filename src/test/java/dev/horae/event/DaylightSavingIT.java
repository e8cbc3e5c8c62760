package dev.horae.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19, as a user in Europe/Berlin meets it: on 28 March 2027 02:00–03:00 does not exist. A
 * time written inside the gap is never a 5xx: a single event moves forward with its length kept,
 * a series may start there; the events view's end can be passed on as a query bound.
 */
class DaylightSavingIT extends ApiTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private Fixtures fixtures;
  private String schedule;

  @BeforeAll
  void setUp() {
    fixtures = new Fixtures(api);
    schedule = fixtures.schedule(Map.of("name", "Berlin", "timeZone", "Europe/Berlin"));
  }

  private Response create(String start, String end, Map<String, Object> more) {
    Map<String, Object> e = new java.util.HashMap<>(Map.of("scheduleId", schedule, "title", "In the gap",
        "start", Map.of("localDate", start), "end", Map.of("localDate", end)));
    e.putAll(more);
    return api.post("/calendar/v3/events", Map.of("event", e));
  }

  @Test
  void a_single_event_written_inside_the_gap_moves_forward_with_its_length_kept() {
    Response made = create("2027-03-28T02:30:00", "2027-03-28T03:30:00", Map.of());
    assertThat(made.status()).as(made.toString()).isEqualTo(200);
    JsonNode e = made.json().get("event");
    assertThat(e.at("/start/localDate").stringValue()).isEqualTo("2027-03-28T03:30:00");
    assertThat(e.at("/end/localDate").stringValue()).isEqualTo("2027-03-28T04:30:00");
    assertThat(Duration.between(Instant.parse(e.at("/start/utcDate").stringValue()), Instant.parse(e.at("/end/utcDate").stringValue())))
        .isEqualTo(Duration.ofHours(1));
    assertThat(e.at("/start/utcDate").stringValue()).isEqualTo("2027-03-28T01:30:00.000Z");

    // an event moved into the gap by an update, the same
    JsonNode other = fixtures.event(schedule, "2027-03-27T10:00:00", "2027-03-27T10:45:00", Map.of("title", "Moved"));
    String id = other.get("id").stringValue();
    Response moved = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", "1",
        "start", Map.of("localDate", "2027-03-28T02:15:00"), "end", Map.of("localDate", "2027-03-28T03:00:00"))));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.at("/event/start/localDate").stringValue()).isEqualTo("2027-03-28T03:15:00");
    assertThat(moved.at("/event/end/localDate").stringValue()).isEqualTo("2027-03-28T04:00:00");

    // only the end in the gap: it moves forward, the start stays
    Response ending = create("2027-03-28T01:30:00", "2027-03-28T02:30:00", Map.of());
    assertThat(ending.status()).as(ending.toString()).isEqualTo(200);
    assertThat(ending.at("/event/start/localDate").stringValue()).isEqualTo("2027-03-28T01:30:00");
    assertThat(ending.at("/event/end/localDate").stringValue()).isEqualTo("2027-03-28T03:30:00");
  }

  @Test
  void a_series_starting_inside_the_gap_is_no_5xx_and_keeps_its_wall_time() {
    Response made = create("2027-03-28T02:30:00", "2027-03-28T03:30:00",
        Map.of("title", "Night shift", "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("SUNDAY"))));
    assertThat(made.status()).as(made.toString()).isEqualTo(200);
    assertThat(made.at("/event/start/localDate").stringValue()).as("the rule repeats 02:30").isEqualTo("2027-03-28T02:30:00");
    List<JsonNode> occurrences = api.post("/calendar/v3/events/query", Map.of("fromLocalDate", "2027-03-29T00:00:00",
            "toLocalDate", "2027-04-12T00:00:00", "timeZone", "Europe/Berlin",
            "query", Map.of("filter", Map.of("recurringEventId", made.at("/event/id").stringValue()))))
        .json().get("events").valueStream().toList();
    assertThat(occurrences).extracting(o -> o.at("/start/localDate").stringValue()).containsExactly("2027-04-04T02:30:00", "2027-04-11T02:30:00");
  }

  /** The finding: a weekly 02:30 series lost the spring-forward Sunday (14 and 21 March, then 4 and 11 April). */
  @Test
  void a_weekly_0230_series_keeps_the_spring_forward_sunday_at_0330() {
    Response made = create("2027-03-14T02:30:00", "2027-03-14T03:30:00",
        Map.of("title", "Early shift", "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("SUNDAY"))));
    assertThat(made.status()).as(made.toString()).isEqualTo(200);
    List<JsonNode> occurrences = api.post("/calendar/v3/events/query", Map.of("fromLocalDate", "2027-03-14T00:00:00",
            "toLocalDate", "2027-04-12T00:00:00", "timeZone", "Europe/Berlin",
            "query", Map.of("filter", Map.of("recurringEventId", made.at("/event/id").stringValue()))))
        .json().get("events").valueStream().toList();
    assertThat(occurrences).extracting(o -> o.at("/start/localDate").stringValue())
        .containsExactly("2027-03-14T02:30:00", "2027-03-21T02:30:00", "2027-03-28T03:30:00", "2027-04-04T02:30:00", "2027-04-11T02:30:00");
    JsonNode gap = occurrences.get(2);
    assertThat(gap.at("/end/localDate").stringValue()).isEqualTo("2027-03-28T04:30:00");
    assertThat(gap.at("/start/utcDate").stringValue()).isEqualTo("2027-03-28T01:30:00.000Z");
    // moving that occurrence into the gap again keeps it valid
    String id = gap.get("id").stringValue();
    Response moved = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", gap.get("revision").stringValue(),
        "start", Map.of("localDate", "2027-03-28T02:00:00"), "end", Map.of("localDate", "2027-03-28T03:00:00"))));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.at("/event/start/localDate").stringValue()).isEqualTo("2027-03-28T03:00:00");
    assertThat(moved.at("/event/recurrenceType").stringValue()).isEqualTo("EXCEPTION");
  }

  /** The finding: a 1-hour weekly 02:30 series lasted 2 hours on the fall-back Sunday (RFC 5545 §3.8.5.3: the same exact duration). */
  @Test
  void a_one_hour_weekly_0230_series_lasts_one_hour_on_the_fall_back_sunday() {
    Response made = create("2027-10-24T02:30:00", "2027-10-24T03:30:00",
        Map.of("title", "Night round", "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("SUNDAY"))));
    assertThat(made.status()).as(made.toString()).isEqualTo(200);
    List<JsonNode> occurrences = api.post("/calendar/v3/events/query", Map.of("fromLocalDate", "2027-10-24T00:00:00",
            "toLocalDate", "2027-11-08T00:00:00", "timeZone", "Europe/Berlin",
            "query", Map.of("filter", Map.of("recurringEventId", made.at("/event/id").stringValue()))))
        .json().get("events").valueStream().toList();
    assertThat(occurrences).hasSize(3);
    for (JsonNode o : occurrences) {
      assertThat(Duration.between(Instant.parse(o.at("/start/utcDate").stringValue()), Instant.parse(o.at("/end/utcDate").stringValue())))
          .as(o.at("/start/localDate").stringValue()).isEqualTo(Duration.ofHours(1));
    }
    JsonNode fallBack = occurrences.get(1);
    assertThat(fallBack.at("/start/utcDate").stringValue()).as("the first 02:30").isEqualTo("2027-10-31T00:30:00.000Z");
    assertThat(fallBack.at("/end/localDate").stringValue()).as("ends at the second 02:30").isEqualTo("2027-10-31T02:30:00");
    assertThat(fallBack.at("/end/utcDate").stringValue()).isEqualTo("2027-10-31T01:30:00.000Z");
    // its hour is the busy time a resource's availability and exports see
    assertThat(occurrences.get(2).at("/start/localDate").stringValue()).isEqualTo("2027-11-07T02:30:00");
  }

  @Test
  void rrule_is_as_strict_as_the_structured_shape_and_a_rule_the_library_failed_on_is_expanded() {
    Map<String, String> refused = Map.of(
        "FREQ=WEEKLY;UNTIL=20270301T000000Z", "UNTIL",
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367", "BYSETPOS",
        "FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY");
    refused.forEach((rule, part) -> {
      Response r = create("2027-04-05T09:00:00", "2027-04-05T10:00:00", Map.of("recurrenceRule", Map.of("rrule", rule)));
      assertThat(r.status()).as(rule + ": " + r).isEqualTo(422);
      assertThat(r.at("/errors/0/field").stringValue()).isEqualTo("event.recurrenceRule.rrule");
      assertThat(r.at("/errors/0/description").stringValue()).as(rule).startsWith(part);
    });
    Response structured = create("2027-04-05T09:00:00", "2027-04-05T10:00:00", Map.of("recurrenceRule",
        Map.of("frequency", "WEEKLY", "days", List.of("MONDAY"), "until", Map.of("localDate", "2027-03-01T00:00:00"))));
    assertThat(structured.status()).isEqualTo(400);
    assertThat(structured.at("/errors/0/field").stringValue()).isEqualTo("event.recurrenceRule.until.localDate");

    // lib-recur 0.17.1 threw ArrayIndexOutOfBoundsException on this valid rule (a 500 before)
    Response yearly = create("2027-07-19T09:00:00", "2027-07-19T10:00:00", Map.of("title", "Day 200",
        "recurrenceRule", Map.of("rrule", "FREQ=YEARLY;BYYEARDAY=200,-366;BYDAY=MO")));
    assertThat(yearly.status()).as(yearly.toString()).isEqualTo(200);
    List<String> starts = api.post("/calendar/v3/events/query", Map.of("fromLocalDate", "2027-01-01T00:00:00", "toLocalDate", "2028-12-31T00:00:00",
            "timeZone", "Europe/Berlin", "query", Map.of("filter", Map.of("recurringEventId", yearly.at("/event/id").stringValue()))))
        .json().get("events").valueStream().map(e -> e.at("/start/localDate").stringValue()).toList();
    assertThat(starts).as("day 200 of 2027 is a Monday; 2028 has neither a Monday on day 200 nor one on 1 January").containsExactly("2027-07-19T09:00:00");
  }

  @Test
  void the_events_view_end_is_a_query_bound_as_it_is_answered() {
    String end = api.get("/calendar/v3/events/view").at("/eventsView/endDate").stringValue();
    assertThat(end).endsWith("Z");
    Response r = api.post("/calendar/v3/events/query", Map.of("fromLocalDate", LocalDateTime.now(BERLIN).withNano(0).toString(), "toLocalDate", end,
        "timeZone", "Europe/Berlin", "query", Map.of("filter", Map.of("scheduleId", schedule))));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    Response offset = api.post("/calendar/v3/events/query", Map.of("fromLocalDate", "2027-03-28T00:00:00+01:00", "toLocalDate", "2027-03-29T00:00:00+02:00",
        "query", Map.of("filter", Map.of("scheduleId", schedule))));
    assertThat(offset.status()).as(offset.toString()).isEqualTo(200);
    Response bad = api.post("/calendar/v3/events/query", Map.of("fromLocalDate", "2027-03-28T00:00:00+25:00", "toLocalDate", end));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).contains("fromLocalDate");
  }
}
