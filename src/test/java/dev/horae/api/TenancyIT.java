package dev.horae.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenancyIT extends ApiTest {

  @Test
  void without_a_key_or_with_a_wrong_one_every_api_answers_401_problem() {
    Api anonymous = api.withKey(null);
    for (String path : new String[] {"/calendar/v3/schedules/query", "/calendar/v3/events/query", "/nowhere"}) {
      Response r = anonymous.post(path, Map.of());
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.at("/code").stringValue()).isEqualTo("UNAUTHENTICATED");
    }
    assertThat(api.withKey("hk_not-a-key").get("/calendar/v3/schedules/00000000-0000-0000-0000-000000000000").status()).isEqualTo(401);
  }

  @Test
  void another_tenants_ids_are_404_and_its_rows_never_appear() {
    Fixtures mine = new Fixtures(api);
    String schedule = mine.schedule(Map.of("name", "Private", "appId", "shared-app"));
    String event = mine.event(schedule, "2031-06-01T09:00:00", "2031-06-01T10:00:00", Map.of("totalCapacity", 2)).get("id").stringValue();
    String participation = api.post("/calendar/v3/participations", Map.of("participation",
        Map.of("eventId", event, "partySize", 1, "participant", Map.of("name", "A")))).at("/participation/id").stringValue();

    Api other = api.withKey(tenants.create("other", Optional.empty()).apiKey());
    assertThat(other.get("/calendar/v3/schedules/" + schedule).status()).isEqualTo(404);
    assertThat(other.patch("/calendar/v3/schedules/" + schedule, Map.of("schedule", Map.of("revision", "1", "name", "x"))).status()).isEqualTo(404);
    assertThat(other.post("/calendar/v3/schedules/" + schedule + "/cancel", Map.of("revision", "1")).status()).isEqualTo(404);
    assertThat(other.get("/calendar/v3/events/" + event).status()).isEqualTo(404);
    assertThat(other.patch("/calendar/v3/events/" + event, Map.of("event", Map.of("revision", "1", "title", "x"))).status()).isEqualTo(404);
    assertThat(other.post("/calendar/v3/events/" + event + "/cancel", Map.of("revision", "1")).status()).isEqualTo(404);
    assertThat(other.get("/calendar/v3/participations/" + participation).status()).isEqualTo(404);
    assertThat(other.delete("/calendar/v3/participations/" + participation).status()).isEqualTo(404);
    Response create = other.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule,
        "start", Map.of("localDate", "2031-06-01T09:00:00"), "end", Map.of("localDate", "2031-06-01T10:00:00"))));
    assertThat(create.status()).isEqualTo(404);
    Response join = other.post("/calendar/v3/participations", Map.of("participation",
        Map.of("eventId", event, "partySize", 1, "participant", Map.of("name", "B"))));
    assertThat(join.status()).isEqualTo(404);
    assertThat(other.post("/calendar/v3/schedules/query", Map.of("query", Map.of("filter", Map.of("appId", "shared-app")))).at("/schedules").size()).isZero();
    assertThat(other.post("/calendar/v3/events/query", Map.of("query", Map.of("filter", Map.of("scheduleId", schedule)))).at("/events").size()).isZero();
    assertThat(other.get("/calendar/v3/events?eventIds=" + event).at("/events").size()).isZero();
    assertThat(other.post("/calendar/v3/participations/query", Map.of("query", Map.of("filter", Map.of("eventId", event)))).at("/participations").size()).isZero();

    // resources: another tenant's can't be read, changed, listed, counted, nor named by an event
    Response resource = api.post("/bookings/v2/resources", Map.of("resource", Map.of("name", "Private room")));
    String resourceId = resource.at("/resource/id").stringValue();
    assertThat(other.get("/bookings/v2/resources/" + resourceId).status()).isEqualTo(404);
    assertThat(other.patch("/bookings/v2/resources/" + resourceId, Map.of("resource", Map.of("revision", "1", "name", "x"))).status()).isEqualTo(404);
    assertThat(other.delete("/bookings/v2/resources/" + resourceId).status()).isEqualTo(404);
    assertThat(other.get("/setup/v1/resources/" + resourceId).status()).isEqualTo(404);
    assertThat(other.post("/bookings/v2/resources/query", Map.of("query", Map.of("filter", Map.of("id", resourceId)))).at("/resources").size()).isZero();
    assertThat(other.post("/bookings/v2/resources/count", Map.of()).at("/count").intValue()).isZero();
    String theirs = new Fixtures(other).schedule(Map.of("name", "Theirs"));
    Response naming = other.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", theirs, "resources", List.of(Map.of("id", resourceId)),
        "start", Map.of("localDate", "2031-06-01T09:00:00"), "end", Map.of("localDate", "2031-06-01T10:00:00"))));
    assertThat(naming.status()).as(naming.toString()).isEqualTo(400);
    assertThat(naming.text()).contains("resources[0].id");
    assertThat(api.get("/bookings/v2/resources/" + resourceId).at("/resource/revision").stringValue()).isEqualTo("1");

    Response mineStill = api.get("/calendar/v3/events/" + event + "?fields=PI_FIELDS");
    assertThat(mineStill.at("/event/revision").stringValue()).isEqualTo("2");
    assertThat(mineStill.at("/event/remainingCapacity").intValue()).isEqualTo(1);
  }
}
