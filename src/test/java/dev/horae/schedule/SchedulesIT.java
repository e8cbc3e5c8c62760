package dev.horae.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulesIT extends ApiTest {

  private Response create(Map<String, Object> schedule) {
    return api.post("/calendar/v3/schedules", Map.of("schedule", schedule));
  }

  @Test
  void creating_a_schedule_returns_every_field_with_revision_1() {
    Response r =
        create(
            Map.of(
                "name", "Room A",
                "timeZone", "Europe/Berlin",
                "externalId", "ext-1",
                "appId", "13d21c63-b5ec-5912-8397-c3a5ddb27a97",
                "defaultTitle", "Consultation",
                "defaultCapacity", 4,
                "defaultLocation", Map.of("type", "CUSTOM", "name", "Room A", "address", "Main St 1"),
                "defaultConferencingDetails",
                    Map.of("type", "CUSTOM", "hostUrl", "https://m.example/h", "guestUrl", "https://m.example/g", "password", "pw")));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    var s = r.json().get("schedule");
    assertThat(s.get("id").stringValue()).hasSize(36);
    assertThat(s.get("status").stringValue()).isEqualTo("ACTIVE");
    assertThat(s.get("revision").stringValue()).isEqualTo("1");
    assertThat(s.get("timeZone").stringValue()).isEqualTo("Europe/Berlin");
    assertThat(s.get("businessTimeZoneEnabled").booleanValue()).isTrue();
    assertThat(s.get("defaultCapacity").intValue()).isEqualTo(4);
    assertThat(s.at("/defaultLocation/name").stringValue()).isEqualTo("Room A");
    assertThat(s.at("/defaultConferencingDetails/guestUrl").stringValue()).isEqualTo("https://m.example/g");
    assertThat(s.get("createdDate").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    Response read = api.get("/calendar/v3/schedules/" + s.get("id").stringValue());
    assertThat(read.at("/schedule/name").stringValue()).isEqualTo("Room A");
    assertThat(read.at("/schedule/defaultConferencingDetails").isMissingNode()).as("PI only on request").isTrue();
    Response withPi = api.get("/calendar/v3/schedules/" + s.get("id").stringValue() + "?fields=PI_FIELDS");
    assertThat(withPi.at("/schedule/defaultConferencingDetails/password").stringValue()).isEqualTo("pw");
  }

  @Test
  void a_schedule_defaults_to_utc() {
    Response r = create(Map.of("name", "No zone"));
    assertThat(r.at("/schedule/timeZone").stringValue()).isEqualTo("UTC");
  }

  @Test
  void update_with_the_current_revision_increments_it_by_one_and_a_stale_one_is_409() {
    String id = create(Map.of("name", "Before")).at("/schedule/id").stringValue();
    Response ok = api.patch("/calendar/v3/schedules/" + id, Map.of("schedule", Map.of("revision", "1", "name", "After")));
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.at("/schedule/revision").stringValue()).isEqualTo("2");
    assertThat(ok.at("/schedule/name").stringValue()).isEqualTo("After");

    Response stale = api.patch("/calendar/v3/schedules/" + id, Map.of("schedule", Map.of("revision", "1", "name", "Lost")));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.contentType()).startsWith("application/problem+json");
    assertThat(stale.at("/code").stringValue()).isEqualTo("REVISION_MISMATCH");
    assertThat(stale.at("/details/applicationError/code").stringValue()).isEqualTo("REVISION_MISMATCH");

    Response missing = api.patch("/calendar/v3/schedules/" + id, Map.of("schedule", Map.of("name", "Lost")));
    assertThat(missing.status()).isEqualTo(409);
    assertThat(api.get("/calendar/v3/schedules/" + id).at("/schedule/name").stringValue()).isEqualTo("After");
  }

  @Test
  void null_clears_a_field_and_absent_keeps_it() {
    String id = create(Map.of("name", "N", "defaultTitle", "T", "defaultCapacity", 3)).at("/schedule/id").stringValue();
    Response r = api.patch("/calendar/v3/schedules/" + id, "{\"schedule\":{\"revision\":\"1\",\"defaultTitle\":null}}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.at("/schedule/defaultTitle").isMissingNode()).isTrue();
    assertThat(r.at("/schedule/defaultCapacity").intValue()).isEqualTo(3);
  }

  @Test
  void external_id_and_app_id_are_immutable() {
    String id = create(Map.of("name", "N", "externalId", "a")).at("/schedule/id").stringValue();
    Response r = api.patch("/calendar/v3/schedules/" + id, Map.of("schedule", Map.of("revision", "1", "externalId", "b")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.at("/errors/0/field").stringValue()).isEqualTo("schedule.externalId");
  }

  @Test
  void invalid_fields_are_named_each() {
    Response r =
        create(Map.of("timeZone", "Mars/Base", "defaultCapacity", -1, "defaultLocation", Map.of("name", "x")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("errors").valueStream().map(e -> e.get("field").stringValue()).toList())
        .containsExactlyInAnyOrder("schedule.timeZone", "schedule.defaultCapacity", "schedule.defaultLocation.type");
    assertThat(r.at("/details/validationError/fieldViolations").size()).isEqualTo(3);
  }

  @Test
  void cancelling_is_final_and_later_changes_are_428() {
    String id = create(Map.of("name", "C")).at("/schedule/id").stringValue();
    Response c = api.post("/calendar/v3/schedules/" + id + "/cancel", Map.of("revision", "1"));
    assertThat(c.status()).as(c.toString()).isEqualTo(200);
    assertThat(c.at("/schedule/status").stringValue()).isEqualTo("CANCELLED");
    assertThat(c.at("/schedule/revision").stringValue()).isEqualTo("2");
    Response again = api.post("/calendar/v3/schedules/" + id + "/cancel", Map.of("revision", "2"));
    assertThat(again.status()).isEqualTo(428);
    assertThat(again.at("/code").stringValue()).isEqualTo("SCHEDULE_CANCELLED");
    Response update = api.patch("/calendar/v3/schedules/" + id, Map.of("schedule", Map.of("revision", "2", "name", "x")));
    assertThat(update.status()).isEqualTo(428);
  }

  @Test
  void query_returns_only_active_unless_status_is_filtered_and_pages_by_cursor() {
    String app = "app-" + System.nanoTime();
    for (int i = 0; i < 5; i++) {
      create(Map.of("name", "Q" + i, "appId", app));
    }
    String cancelled = create(Map.of("name", "QC", "appId", app)).at("/schedule/id").stringValue();
    api.post("/calendar/v3/schedules/" + cancelled + "/cancel", Map.of("revision", "1"));

    Response active = api.post("/calendar/v3/schedules/query", Map.of("query", Map.of("filter", Map.of("appId", app))));
    assertThat(active.at("/schedules").size()).isEqualTo(5);

    Response all =
        api.post("/calendar/v3/schedules/query",
            Map.of("query", Map.of("filter", Map.of("appId", app, "status", Map.of("$in", List.of("ACTIVE", "CANCELLED"))))));
    assertThat(all.at("/schedules").size()).isEqualTo(6);

    Response first =
        api.post("/calendar/v3/schedules/query", Map.of("query", Map.of("filter", Map.of("appId", app), "cursorPaging", Map.of("limit", 2))));
    assertThat(first.at("/schedules").size()).isEqualTo(2);
    assertThat(first.at("/pagingMetadata/hasNext").booleanValue()).isTrue();
    java.util.Set<String> seen = new java.util.HashSet<>();
    first.at("/schedules").forEach(s -> seen.add(s.get("id").stringValue()));
    String cursor = first.at("/pagingMetadata/cursors/next").stringValue();
    while (cursor != null) {
      Response next = api.post("/calendar/v3/schedules/query", Map.of("query", Map.of("cursorPaging", Map.of("limit", 2, "cursor", cursor))));
      next.at("/schedules").forEach(s -> assertThat(seen.add(s.get("id").stringValue())).isTrue());
      cursor = next.at("/pagingMetadata/hasNext").booleanValue() ? next.at("/pagingMetadata/cursors/next").stringValue() : null;
    }
    assertThat(seen).hasSize(5);
  }

  @Test
  void query_rejects_unknown_fields_and_operators_naming_them() {
    Response r = api.post("/calendar/v3/schedules/query", Map.of("query", Map.of("filter", Map.of("color", "red"))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.at("/errors/0/field").stringValue()).isEqualTo("query.filter.color");
    Response op = api.post("/calendar/v3/schedules/query", Map.of("query", Map.of("filter", Map.of("appId", Map.of("$gt", "a")))));
    assertThat(op.status()).isEqualTo(400);
    assertThat(op.at("/errors/0/field").stringValue()).isEqualTo("query.filter.appId.$gt");
    Response limit = api.post("/calendar/v3/schedules/query", Map.of("query", Map.of("cursorPaging", Map.of("limit", 101))));
    assertThat(limit.status()).isEqualTo(400);
  }

  @Test
  void idempotent_create_returns_the_same_schedule_and_another_body_is_422() {
    var keyed = api.withHeader("Idempotency-Key", "k-" + System.nanoTime());
    Response a = keyed.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Once")));
    Response b = keyed.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Once")));
    assertThat(b.status()).isEqualTo(200);
    assertThat(b.at("/schedule/id").stringValue()).isEqualTo(a.at("/schedule/id").stringValue());
    Response other = keyed.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Twice")));
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.at("/code").stringValue()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

    String bodyKey = "b-" + System.nanoTime();
    Response c = api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Body"), "idempotencyKey", bodyKey));
    Response d = api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Body"), "idempotencyKey", bodyKey));
    assertThat(d.at("/schedule/id").stringValue()).isEqualTo(c.at("/schedule/id").stringValue());
  }
}
