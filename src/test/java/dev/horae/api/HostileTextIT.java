package dev.horae.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import org.junit.jupiter.api.Test;

/** U+0000 and lone surrogates, which PostgreSQL cannot store, are 400s naming where they were (they were 500s). */
class HostileTextIT extends ApiTest {
  private void refused(Response r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.at("/details/validationError/fieldViolations/0/field").stringValue()).as(r.toString()).isEqualTo(field);
  }

  @Test
  void nul_in_a_body_string_or_member_name_is_a_400_naming_the_field() {
    refused(api.post("/calendar/v3/schedules", "{\"schedule\":{\"name\":\"a\\u0000b\"}}"), "schedule.name");
    refused(api.post("/calendar/v3/schedules", "{\"schedule\":{\"name\":\"ok\",\"na\\u0000me\":\"x\"}}"), "schedule.na\\u0000me");
    String schedule = api.post("/calendar/v3/schedules", "{\"schedule\":{\"name\":\"Hostile\",\"timeZone\":\"UTC\"}}").at("/schedule/id").stringValue();
    refused(api.post("/calendar/v3/events", "{\"event\":{\"scheduleId\":\"" + schedule + "\",\"title\":\"t\",\"start\":{\"localDate\":\"2027-01-04T10:00:00\"},"
        + "\"end\":{\"localDate\":\"2027-01-04T11:00:00\"},\"extendedFields\":{\"namespaces\":{\"app\":{\"k\":[\"ok\",\"\\u0000\"]}}}}}"),
        "event.extendedFields.namespaces.app.k[1]");
  }

  @Test
  void a_lone_surrogate_is_a_400_and_a_pair_is_fine() {
    refused(api.post("/calendar/v3/schedules", "{\"schedule\":{\"name\":\"a\\uD800b\"}}"), "schedule.name");
    refused(api.post("/calendar/v3/schedules", "{\"schedule\":{\"name\":\"\\udc00\"}}"), "schedule.name");
    Response pair = api.post("/calendar/v3/schedules", "{\"schedule\":{\"name\":\"smile \\uD83D\\uDE00\"}}");
    assertThat(pair.status()).as(pair.toString()).isEqualTo(200);
    assertThat(pair.at("/schedule/name").stringValue()).isEqualTo("smile \uD83D\uDE00");
  }

  @Test
  void nul_in_a_query_parameter_is_a_400_naming_it() {
    refused(api.get("/calendar/v3/events?eventIds=a%00b"), "eventIds");
    refused(api.get("/calendar/v3/events?fromLocalDate=2027-01-01T00:00:00&ti%00tle=x"), "ti\\u0000tle");
  }
}
