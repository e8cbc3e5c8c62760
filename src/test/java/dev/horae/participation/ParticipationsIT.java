package dev.horae.participation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ParticipationsIT extends ApiTest {
  Fixtures fx;
  String schedule;

  @BeforeAll
  void data() {
    fx = new Fixtures(api);
    schedule = fx.schedule(Map.of("appId", "app-p"));
  }

  String event(int capacity) {
    return fx.event(schedule, "2031-05-01T09:00:00", "2031-05-01T10:00:00", Map.of("totalCapacity", capacity)).get("id").stringValue();
  }

  Response join(String eventId, int party, String status) {
    return api.post("/calendar/v3/participations", Map.of("participation",
        Map.of("eventId", eventId, "partySize", party, "status", status, "participant", Map.of("name", "P", "email", "p@example.com"))));
  }

  JsonNodeView event(String id) {
    return new JsonNodeView(api.get("/calendar/v3/events/" + id + "?fields=PI_FIELDS"));
  }

  record JsonNodeView(Response r) {
    int remaining() {
      return r.at("/event/remainingCapacity").intValue();
    }

    int total() {
      return r.at("/event/participants/total").intValue();
    }

    String status() {
      return r.at("/event/participants/status").stringValue();
    }
  }

  @Test
  void participations_take_places_and_give_them_back() {
    String e = event(10);
    Response p = join(e, 3, "CONFIRMED");
    assertThat(p.status()).as(p.toString()).isEqualTo(200);
    assertThat(p.at("/participation/revision").stringValue()).isEqualTo("1");
    assertThat(p.at("/participation/appId").stringValue()).isEqualTo("app-p");
    assertThat(event(e).remaining()).isEqualTo(7);
    assertThat(event(e).total()).isEqualTo(3);
    assertThat(event(e).status()).isEqualTo("CONFIRMED");

    String pid = p.at("/participation/id").stringValue();
    Response bigger = api.patch("/calendar/v3/participations/" + pid,
        Map.of("participation", Map.of("revision", "1", "partySize", 5, "status", "PENDING_CONFIRMATION")));
    assertThat(bigger.status()).as(bigger.toString()).isEqualTo(200);
    assertThat(bigger.at("/participation/revision").stringValue()).isEqualTo("2");
    assertThat(event(e).remaining()).isEqualTo(5);
    assertThat(event(e).status()).isEqualTo("PENDING_CONFIRMATION");

    Response stale = api.patch("/calendar/v3/participations/" + pid, Map.of("participation", Map.of("revision", "1", "partySize", 1)));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.at("/code").stringValue()).isEqualTo("REVISION_MISMATCH");

    assertThat(api.delete("/calendar/v3/participations/" + pid).status()).isEqualTo(200);
    assertThat(event(e).remaining()).isEqualTo(10);
    assertThat(event(e).total()).isZero();
    assertThat(api.get("/calendar/v3/participations/" + pid).status()).isEqualTo(404);
  }

  @Test
  void over_capacity_is_a_409_and_changes_nothing() {
    String e = event(4);
    assertThat(join(e, 3, "CONFIRMED").status()).isEqualTo(200);
    Response over = join(e, 2, "CONFIRMED");
    assertThat(over.status()).isEqualTo(409);
    assertThat(over.contentType()).startsWith("application/problem+json");
    assertThat(over.at("/code").stringValue()).isEqualTo("CAPACITY_EXCEEDED");
    assertThat(event(e).remaining()).isEqualTo(1);
    Response lower = api.patch("/calendar/v3/events/" + e, Map.of("event", Map.of("revision", event(e).r().at("/event/revision").stringValue(), "totalCapacity", 2)));
    assertThat(lower.status()).isEqualTo(409);
    assertThat(lower.at("/code").stringValue()).isEqualTo("CAPACITY_BELOW_PARTICIPANTS");
  }

  @Test
  void concurrent_participations_never_overfill_an_event() throws Exception {
    String e = event(5);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Response>> all = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        all.add(pool.submit(() -> join(e, 1, "CONFIRMED")));
      }
      int ok = 0;
      int full = 0;
      for (Future<Response> f : all) {
        int status = f.get().status();
        if (status == 200) {
          ok++;
        } else if (status == 409) {
          full++;
        }
      }
      assertThat(ok).isEqualTo(5);
      assertThat(full).isEqualTo(35);
      assertThat(event(e).remaining()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_cancelled_event_takes_no_participants() {
    String e = event(3);
    api.post("/calendar/v3/events/" + e + "/cancel", Map.of("revision", "1"));
    Response r = join(e, 1, "CONFIRMED");
    assertThat(r.status()).isEqualTo(428);
    assertThat(r.at("/code").stringValue()).isEqualTo("EVENT_CANCELLED");
  }

  @Test
  void invalid_participations_name_their_fields() {
    String e = event(3);
    Response r = api.post("/calendar/v3/participations", Map.of("participation", Map.of("eventId", e, "partySize", 0, "participant", Map.of())));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").valueStream().map(x -> x.get("field").stringValue()).toList())
        .containsExactlyInAnyOrder("participation.partySize", "participation.participant.name");
    Response both = api.post("/calendar/v3/participations", Map.of("participation",
        Map.of("eventId", e, "scheduleId", schedule, "partySize", 1, "participant", Map.of("name", "x"))));
    assertThat(both.status()).isEqualTo(400);
    Response unknown = join("no-such-event", 1, "CONFIRMED");
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void query_filters_by_event_and_schedule_newest_first() {
    String e = event(10);
    String first = join(e, 1, "CONFIRMED").at("/participation/id").stringValue();
    String second = join(e, 1, "CONFIRMED").at("/participation/id").stringValue();
    Response onSchedule = api.post("/calendar/v3/participations", Map.of("participation",
        Map.of("scheduleId", schedule, "partySize", 1, "participant", Map.of("name", "Member"), "externalId", "x-1")));
    assertThat(onSchedule.status()).as(onSchedule.toString()).isEqualTo(200);
    Response byEvent = api.post("/calendar/v3/participations/query", Map.of("query", Map.of("filter", Map.of("eventId", e))));
    assertThat(byEvent.at("/participations").valueStream().map(p -> p.get("id").stringValue()).toList()).containsExactly(second, first);
    Response bySchedule = api.post("/calendar/v3/participations/query", Map.of("query", Map.of("filter", Map.of("scheduleId", schedule))));
    assertThat(bySchedule.at("/participations/0/externalId").stringValue()).isEqualTo("x-1");
    Response byIds = api.post("/calendar/v3/participations/query",
        Map.of("query", Map.of("filter", Map.of("id", Map.of("$in", List.of(first))), "cursorPaging", Map.of("limit", 1))));
    assertThat(byIds.at("/participations").size()).isEqualTo(1);
    Response paged = api.post("/calendar/v3/participations/query", Map.of("query", Map.of("filter", Map.of("eventId", e), "cursorPaging", Map.of("limit", 1))));
    String cursor = paged.at("/pagingMetadata/cursors/next").stringValue();
    Response next = api.post("/calendar/v3/participations/query", Map.of("query", Map.of("cursorPaging", Map.of("limit", 1, "cursor", cursor))));
    assertThat(next.at("/participations/0/id").stringValue()).isEqualTo(first);
  }
}
