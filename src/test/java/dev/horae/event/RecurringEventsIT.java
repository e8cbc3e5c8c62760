package dev.horae.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Masters, instances, exceptions, split, the events view and their domain events, over HTTP. */
class RecurringEventsIT extends ApiTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Autowired JdbcClient jdbc;
  @Autowired ExtendingEventsView extending;

  private Fixtures fixtures;
  private String schedule;
  private LocalDate monday;

  @BeforeAll
  void setUp() {
    fixtures = new Fixtures(api);
    schedule = fixtures.schedule(Map.of("timeZone", "Europe/Berlin", "defaultTitle", "Team"));
    monday = LocalDate.now(BERLIN).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
  }

  private JsonNode weekly(String title, LocalDate first, Map<String, Object> rule) {
    Map<String, Object> fields = new HashMap<>(Map.of("title", title, "recurrenceRule", rule));
    return fixtures.event(schedule, first + "T09:00:00", first + "T10:00:00", fields);
  }

  private List<JsonNode> occurrences(String masterId) {
    Response r = api.post("/calendar/v3/events/query", Map.of(
        "fromLocalDate", monday.minusDays(7) + "T00:00:00", "toLocalDate", monday.plusYears(3) + "T00:00:00",
        "timeZone", "Europe/Berlin",
        "query", Map.of("filter", Map.of("recurringEventId", masterId), "cursorPaging", Map.of("limit", 1000))));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.json().get("events").forEach(out::add);
    return out;
  }

  private Instant viewEnd() {
    Response view = api.get("/calendar/v3/events/view");
    assertThat(view.status()).isEqualTo(200);
    return Instant.parse(view.at("/eventsView/endDate").stringValue());
  }

  @Test
  void a_weekly_series_is_materialised_to_the_view_end_at_9_local_across_dst() {
    JsonNode master = weekly("Standup", monday, Map.of("frequency", "WEEKLY", "days", List.of("MONDAY")));
    assertThat(master.get("recurrenceType").stringValue()).isEqualTo("MASTER");
    Instant end = viewEnd();
    assertThat(end).isBetween(Instant.now().plus(java.time.Duration.ofDays(364)), Instant.now().plus(java.time.Duration.ofDays(366)));
    List<JsonNode> all = occurrences(master.get("id").stringValue());
    long expected = monday.datesUntil(LocalDate.ofInstant(end, BERLIN).plusDays(1), java.time.Period.ofWeeks(1))
        .filter(d -> d.atTime(9, 0).atZone(BERLIN).toInstant().isBefore(end)).count();
    assertThat(all).hasSize((int) expected);
    assertThat(all).allSatisfy(e -> {
      assertThat(e.at("/start/localDate").stringValue()).endsWith("T09:00:00");
      assertThat(e.at("/end/localDate").stringValue()).endsWith("T10:00:00");
      assertThat(e.get("recurrenceType").stringValue()).isEqualTo("INSTANCE");
      assertThat(e.get("recurringEventId").stringValue()).isEqualTo(master.get("id").stringValue());
      assertThat(e.get("title").stringValue()).isEqualTo("Standup");
      assertThat(e.get("inheritedFields").valueStream().map(JsonNode::stringValue).toList()).contains("TIME", "TITLE");
      LocalDate day = LocalDate.parse(e.at("/start/localDate").stringValue().substring(0, 10));
      Instant utc = Instant.parse(e.at("/start/utcDate").stringValue());
      assertThat(utc).isEqualTo(day.atTime(9, 0).atZone(BERLIN).toInstant()); // 08:00Z in winter, 07:00Z in summer
    });
    assertThat(all.stream().map(e -> e.at("/start/utcDate").stringValue().substring(11, 13)).distinct()).containsExactlyInAnyOrder("07", "08");
  }

  @Test
  void an_updated_instance_becomes_a_stable_exception_and_keeps_its_own_fields_when_the_master_changes() {
    JsonNode master = weekly("Review", monday, Map.of("frequency", "WEEKLY", "days", List.of("MONDAY")));
    String masterId = master.get("id").stringValue();
    JsonNode third = occurrences(masterId).get(2);
    String id = third.get("id").stringValue();
    Response changed = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", "1", "title", "Quarterly review")));
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.at("/event/recurrenceType").stringValue()).isEqualTo("EXCEPTION");
    assertThat(changed.at("/event/id").stringValue()).isEqualTo(id);
    assertThat(changed.at("/event/revision").stringValue()).isEqualTo("2");
    assertThat(changed.at("/event/inheritedFields").valueStream().map(JsonNode::stringValue).toList()).doesNotContain("TITLE").contains("LOCATION");

    Response masterChange = api.patch("/calendar/v3/events/" + masterId, Map.of("event", Map.of("id", masterId, "revision", "1",
        "title", "Weekly review", "location", Map.of("type", "CUSTOM", "name", "Room 4"))));
    assertThat(masterChange.status()).as(masterChange.toString()).isEqualTo(200);
    List<JsonNode> after = occurrences(masterId);
    JsonNode exception = after.stream().filter(e -> e.get("id").stringValue().equals(id)).findFirst().orElseThrow();
    assertThat(exception.get("title").stringValue()).isEqualTo("Quarterly review");
    assertThat(exception.at("/location/name").stringValue()).isEqualTo("Room 4"); // still inherited
    assertThat(exception.get("revision").stringValue()).isEqualTo("3");
    assertThat(after.stream().filter(e -> !e.get("id").stringValue().equals(id)))
        .allSatisfy(e -> {
          assertThat(e.get("title").stringValue()).isEqualTo("Weekly review");
          assertThat(e.get("revision").stringValue()).isEqualTo("2");
        });
  }

  @Test
  void a_moved_occurrence_can_take_its_time_from_the_master_again() {
    JsonNode master = weekly("Lesson", monday, Map.of("frequency", "WEEKLY", "days", List.of("MONDAY")));
    JsonNode first = occurrences(master.get("id").stringValue()).get(1);
    String id = first.get("id").stringValue();
    String day = first.at("/start/localDate").stringValue().substring(0, 10);
    Response moved = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", "1",
        "start", Map.of("localDate", day + "T14:00:00"), "end", Map.of("localDate", day + "T15:30:00"))));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.at("/event/inheritedFields").valueStream().map(JsonNode::stringValue).toList()).doesNotContain("TIME");
    Response restored = api.post("/calendar/v3/events/" + id + "/restore-defaults", Map.of("fields", List.of("TIME")));
    assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
    assertThat(restored.at("/event/start/localDate").stringValue()).isEqualTo(day + "T09:00:00");
    assertThat(restored.at("/event/end/localDate").stringValue()).isEqualTo(day + "T10:00:00");
    assertThat(restored.at("/event/recurrenceType").stringValue()).isEqualTo("EXCEPTION");
    assertThat(restored.at("/event/inheritedFields").valueStream().map(JsonNode::stringValue).toList()).contains("TIME");
    Response notFromMaster = api.post("/calendar/v3/events/" + id + "/restore-defaults", Map.of("fields", List.of("PARTICIPANTS")));
    assertThat(notFromMaster.status()).isEqualTo(400);
  }

  @Test
  void cancelling_one_instance_and_then_the_master() {
    JsonNode master = weekly("Yoga", monday, Map.of("frequency", "WEEKLY", "days", List.of("MONDAY"), "interval", 2));
    String masterId = master.get("id").stringValue();
    JsonNode second = occurrences(masterId).get(1);
    Response cancelled = api.post("/calendar/v3/events/" + second.get("id").stringValue() + "/cancel", Map.of("revision", "1"));
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.at("/event/status").stringValue()).isEqualTo("CANCELLED");
    assertThat(cancelled.at("/event/recurrenceType").stringValue()).isEqualTo("EXCEPTION");

    Response all = api.post("/calendar/v3/events/" + masterId + "/cancel", Map.of("revision", "1"));
    assertThat(all.status()).as(all.toString()).isEqualTo(200);
    assertThat(occurrences(masterId)).isNotEmpty().allSatisfy(e -> assertThat(e.get("status").stringValue()).isEqualTo("CANCELLED"));
  }

  @Test
  void changing_the_rule_keeps_exceptions_still_in_the_series_and_cancels_the_others() {
    JsonNode master = weekly("Piano", monday, Map.of("frequency", "WEEKLY", "days", List.of("MONDAY")));
    String masterId = master.get("id").stringValue();
    List<JsonNode> before = occurrences(masterId);
    String week1 = before.get(1).get("id").stringValue();
    String week2 = before.get(2).get("id").stringValue();
    String week3 = before.get(3).get("id").stringValue();
    for (String id : List.of(week1, week2)) {
      assertThat(api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", "1", "notes", "bring music"))).status()).isEqualTo(200);
    }
    Response every2 = api.patch("/calendar/v3/events/" + masterId, Map.of("event", Map.of("id", masterId, "revision", "1",
        "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("MONDAY"), "interval", 2))));
    assertThat(every2.status()).as(every2.toString()).isEqualTo(200);
    assertThat(api.get("/calendar/v3/events/" + week1).at("/event/status").stringValue()).isEqualTo("CANCELLED"); // week 1 left the series
    assertThat(api.get("/calendar/v3/events/" + week2).at("/event/status").stringValue()).isEqualTo("CONFIRMED"); // week 2 is still in it
    assertThat(api.get("/calendar/v3/events/" + week3).status()).isEqualTo(404); // a plain instance that left is gone
    List<JsonNode> confirmed = occurrences(masterId).stream().filter(e -> e.get("status").stringValue().equals("CONFIRMED")).toList();
    assertThat(confirmed).extracting(e -> LocalDate.parse(e.at("/start/localDate").stringValue().substring(0, 10)))
        .allSatisfy(d -> assertThat(java.time.temporal.ChronoUnit.WEEKS.between(monday, d) % 2).isZero());
  }

  @Test
  void split_ends_the_series_before_the_date_and_moves_the_rest_to_a_new_master() {
    JsonNode master = weekly("Course", monday, Map.of("frequency", "WEEKLY", "days", List.of("MONDAY")));
    String masterId = master.get("id").stringValue();
    String week5 = occurrences(masterId).get(5).get("id").stringValue();
    Response split = api.post("/calendar/v3/events/" + masterId + "/split", Map.of("splitLocalDate", monday.plusWeeks(4).plusDays(2) + "T00:00:00"));
    assertThat(split.status()).as(split.toString()).isEqualTo(200);
    assertThat(split.at("/updatedRecurringEventEndingBeforeSplit/recurrenceRule/until/localDate").stringValue()).isEqualTo(monday.plusWeeks(4) + "T10:00:00");
    String next = split.at("/newRecurringEventStartingFromSplit/id").stringValue();
    assertThat(split.at("/newRecurringEventStartingFromSplit/start/localDate").stringValue()).isEqualTo(monday.plusWeeks(5) + "T09:00:00");
    assertThat(occurrences(masterId)).hasSize(5);
    assertThat(api.get("/calendar/v3/events/" + week5).at("/event/recurringEventId").stringValue()).isEqualTo(next);
  }

  @Test
  void full_rules_expand_by_rfc_5545_and_bad_ones_are_refused_naming_the_part() {
    LocalDate firstOfNextMonth = LocalDate.now(BERLIN).plusMonths(1).withDayOfMonth(1);
    LocalDate lastWeekday = firstOfNextMonth.with(TemporalAdjusters.lastDayOfMonth());
    while (lastWeekday.getDayOfWeek().getValue() > 5) {
      lastWeekday = lastWeekday.minusDays(1);
    }
    JsonNode master = fixtures.event(schedule, lastWeekday + "T17:00:00", lastWeekday + "T18:00:00",
        Map.of("title", "Month end", "recurrenceRule", Map.of("rrule", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=6")));
    List<JsonNode> all = occurrences(master.get("id").stringValue());
    assertThat(all).hasSize(6).allSatisfy(e -> {
      LocalDate d = LocalDate.parse(e.at("/start/localDate").stringValue().substring(0, 10));
      LocalDate last = d.with(TemporalAdjusters.lastDayOfMonth());
      while (last.getDayOfWeek().getValue() > 5) {
        last = last.minusDays(1);
      }
      assertThat(d).isEqualTo(last);
    });

    Response badPart = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule,
        "start", Map.of("localDate", monday + "T09:00:00"), "end", Map.of("localDate", monday + "T10:00:00"),
        "recurrenceRule", Map.of("rrule", "FREQ=WEEKLY;BYDAY=MO,XX"))));
    assertThat(badPart.status()).as(badPart.toString()).isEqualTo(422);
    assertThat(badPart.at("/errors/0/field").stringValue()).isEqualTo("event.recurrenceRule.rrule");
    assertThat(badPart.at("/errors/0/description").stringValue()).startsWith("BYDAY");
    Response wrongDay = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule,
        "start", Map.of("localDate", monday + "T09:00:00"), "end", Map.of("localDate", monday + "T10:00:00"),
        "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("TUESDAY")))));
    assertThat(wrongDay.status()).isEqualTo(400);
    assertThat(wrongDay.at("/errors/0/field").stringValue()).isEqualTo("event.start.localDate");
    Response past = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule,
        "start", Map.of("localDate", "2020-01-06T09:00:00"), "end", Map.of("localDate", "2020-01-06T10:00:00"),
        "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("MONDAY")))));
    assertThat(past.status()).isEqualTo(400);
    Response dense = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule,
        "start", Map.of("localDate", monday + "T09:00:00"), "end", Map.of("localDate", monday + "T09:30:00"),
        "recurrenceRule", Map.of("rrule", "FREQ=HOURLY"))));
    assertThat(dense.status()).isEqualTo(422);
    assertThat(dense.at("/code").stringValue()).isEqualTo("TOO_MANY_OCCURRENCES");
  }

  @Test
  void every_change_is_in_the_outbox_in_sequence_with_its_revision() {
    long from = lastSequence();
    JsonNode master = weekly("Outboxed", monday, Map.of("frequency", "WEEKLY", "days", List.of("MONDAY"), "until", Map.of("localDate", monday.plusWeeks(2) + "T10:00:00")));
    String masterId = master.get("id").stringValue();
    List<Map<String, Object>> created = eventsAfter(from);
    assertThat(created).extracting(r -> r.get("slug") + " " + r.get("entity_fqdn"))
        .containsExactly("created wix.calendar.v3.event", "projection_updated wix.calendar.v3.events_view",
            "projection_updated wix.calendar.v3.events_view", "projection_updated wix.calendar.v3.events_view");
    assertThat(created).extracting(r -> ((Number) r.get("sequence")).longValue()).containsExactly(from + 1, from + 2, from + 3, from + 4);

    String instance = occurrences(masterId).get(1).get("id").stringValue();
    long mark = lastSequence();
    api.patch("/calendar/v3/events/" + instance, Map.of("event", Map.of("id", instance, "revision", "1", "title", "Moved")));
    List<Map<String, Object>> updated = eventsAfter(mark);
    assertThat(updated).extracting(r -> r.get("slug")).containsExactly("updated", "projection_updated");
    assertThat(updated).allSatisfy(r -> assertThat(((Number) r.get("entity_revision")).longValue()).isEqualTo(2));
    assertThat(updated.get(1).get("payload").toString()).contains("\"previousEvent\"").contains("\"Moved\"");
  }

  @Test
  void the_daily_job_extends_the_view_and_materialises_the_new_stretch() {
    Instant end = viewEnd();
    jdbc.sql("update events_view set end_date = ? where tenant_id = ?")
        .params(java.sql.Timestamp.from(end.minus(java.time.Duration.ofDays(60))), tenant.id().value()).update();
    JsonNode master = weekly("Extended", monday, Map.of("frequency", "WEEKLY", "days", List.of("MONDAY")));
    int before = occurrences(master.get("id").stringValue()).size();
    long mark = lastSequence();
    assertThat(extending.extendAll()).isGreaterThanOrEqualTo(1);
    int after = occurrences(master.get("id").stringValue()).size();
    assertThat(after - before).isBetween(8, 9);
    assertThat(viewEnd()).isAfter(end.minus(java.time.Duration.ofMinutes(5)));
    List<Map<String, Object>> events = eventsAfter(mark);
    assertThat(events.get(0).get("slug")).isEqualTo("extended");
    assertThat(events.stream().filter(r -> "projection_updated".equals(r.get("slug"))).count()).isGreaterThanOrEqualTo(after - before);
  }

  @Autowired EventsViews views;
  @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

  @Test
  void writers_share_the_view_lock_and_the_extension_waits_for_them() throws Exception {
    Instant end = viewEnd();
    jdbc.sql("update events_view set end_date = ? where tenant_id = ?")
        .params(java.sql.Timestamp.from(end.minus(java.time.Duration.ofDays(30))), tenant.id().value()).update();
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(2);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      for (int i = 0; i < 2; i++) { // two writers hold it at once: shared
        pool.submit(() -> transactions.executeWithoutResult(status -> {
          views.holdShared(tenant.id());
          held.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }));
      }
      assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("both writers hold the lock together").isTrue();
      java.util.concurrent.Future<Integer> extension = pool.submit(extending::extendAll);
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
          "select count(*) from pg_locks where locktype = 'advisory' and not granted and mode = 'ExclusiveLock'").query(Long.class).single() == 1);
      assertThat(extension).as("the extension waits while writers hold the view").isNotDone();
      release.countDown();
      assertThat(extension.get(30, java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
      assertThat(viewEnd()).isAfter(end.minus(java.time.Duration.ofMinutes(5)));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  private long lastSequence() {
    return jdbc.sql("select coalesce(max(sequence), 0) from domain_event where tenant_id = ?").params(tenant.id().value()).query(Long.class).single();
  }

  private List<Map<String, Object>> eventsAfter(long sequence) {
    return jdbc.sql("select sequence, entity_fqdn, slug, entity_id, entity_revision, payload::text as payload from domain_event"
            + " where tenant_id = ? and sequence > ? order by sequence")
        .params(tenant.id().value(), sequence).query().listOfRows();
  }
}
