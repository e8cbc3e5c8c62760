package dev.horae.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Null list elements and dates far outside any calendar are 400s naming the field (they were 500s). */
class HostileValuesIT extends ApiTest {
  private void refused(Response r, String field, String says) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.text()).as(r.toString()).contains("\"field\":\"" + field + "\"").contains(says);
  }

  @Test
  void a_null_list_element_is_a_400_naming_its_place() {
    refused(api.post("/setup/v1/resources/bulk", "{\"resources\":[{\"name\":\"Bo\"},null]}"), "resources[1]", "must not be null");
    refused(api.post("/setup/v1/resources", "{\"name\":\"Cy\",\"dateOverrides\":[null]}"), "dateOverrides[0]", "must not be null");
    refused(api.post("/calendar/v3/bulk/events/create", "{\"events\":[null]}"), "events[0]", "must not be null");
    refused(api.post("/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/h\",\"eventTypes\":[null]}"), "eventTypes[0]", "must not be null");
  }

  @Test
  void a_number_or_boolean_for_a_string_is_a_400_naming_the_field() {
    // before, Jackson turned 42 into "42" and the key was made with that name
    refused(api.post("/v1/api-keys", "{\"apiKey\":{\"name\":42,\"scopes\":[\"events:read\"]}}"), "apiKey.name", "expected a string");
    refused(api.post("/calendar/v3/schedules", "{\"schedule\":{\"name\":true}}"), "schedule.name", "expected a string");
    refused(api.post("/calendar/v3/schedules", "{\"schedule\":{\"name\":1.5}}"), "schedule.name", "expected a string");
  }

  @Test
  void years_outside_1900_to_2200_are_a_400_naming_the_field() {
    for (String year : new String[] {"+999999999", "-999999999", "1899", "2201", "0000"}) {
      refused(api.post("/calendar/v3/events/query", Map.of("fromLocalDate", year + "-01-01T00:00:00")), "fromLocalDate", "years 1900");
      refused(api.post("/calendar/v3/events/query", Map.of("fromLocalDate", "2027-01-01T00:00:00", "toLocalDate", year + "-01-01T00:00:00")),
          "toLocalDate", "years 1900");
    }
    String schedule = new Fixtures(api).schedule(Map.of("name", "Far", "timeZone", "UTC"));
    Response master = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule, "title", "Weekly",
        "start", Map.of("localDate", "2027-01-04T10:00:00"), "end", Map.of("localDate", "2027-01-04T11:00:00"),
        "recurrenceRule", Map.of("frequency", "WEEKLY", "days", java.util.List.of("MONDAY")))));
    assertThat(master.status()).as(master.toString()).isEqualTo(200);
    String id = master.at("/event/id").stringValue();
    refused(api.post("/calendar/v3/events/" + id + "/split", Map.of("splitLocalDate", "+999999999-01-01T00:00:00")), "splitLocalDate", "years 1900");
    refused(api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule, "title", "Far",
        "start", Map.of("localDate", "-999999999-01-01T10:00:00"), "end", Map.of("localDate", "2027-01-04T11:00:00")))),
        "event.start.localDate", "years 1900");
    refused(api.get("/consumer/v1/appointments?endDate=%2B999999999-01-01"), "endDate", "years 1900");
    refused(api.post("/v1/webhooks/" + java.util.UUID.randomUUID() + "/replay",
        Map.of("from", "+999999999-01-01T00:00:00Z", "to", "2027-01-01T00:00:00Z")), "from", "years 1900");
  }

  @Test
  void a_text_longer_than_its_documented_maximum_is_a_400_naming_the_field() {
    // before, a 1 MB schedule.externalId was stored (and at first failed the index with a 500)
    refused(api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Long", "timeZone", "UTC",
        "externalId", "x".repeat(1_000_000)))), "schedule.externalId", "must be at most 200 characters");
    refused(api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Long", "timeZone", "UTC",
        "defaultLocation", Map.of("type", "CUSTOM", "name", "x".repeat(151))))), "schedule.defaultLocation.name", "at most 150");
    refused(api.post("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/h", "eventTypes", java.util.List.of("x".repeat(101)))),
        "eventTypes[0]", "at most 100");
    refused(api.get("/calendar/v3/events?timeZone=" + "x".repeat(4097)), "timeZone", "at most 4096");
    // in a bulk request only the item fails
    Response bulk = api.post("/calendar/v3/bulk/events/create", Map.of("events", java.util.List.of(
        Map.of("event", Map.of("title", "x".repeat(201))))));
    assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
    assertThat(bulk.at("/results/0/itemMetadata/success").asBoolean()).isFalse();
    assertThat(bulk.at("/results/0/itemMetadata/error/description").stringValue())
        .isEqualTo("events[0].event.title: must be at most 200 characters");
  }

  @Test
  void a_parameter_that_is_not_utf8_or_an_empty_number_is_a_400_naming_it() {
    // before, %C0%AF (an overlong '/') failed deep in the container with a 500
    refused(api.get("/calendar/v3/events?timeZone=%C0%AF"), "timeZone", "percent-encoded UTF-8");
    refused(api.get("/v1/api-keys?cursor=%FF"), "cursor", "percent-encoded UTF-8");
    // before, ?limit= was read as no limit while the document says it is an integer
    refused(api.get("/v1/changes?limit="), "limit", "must not be empty");
    refused(api.get("/setup/v1/services?offset="), "offset", "must not be empty");
  }

  @Test
  void a_date_time_of_another_shape_is_a_400_that_says_the_shape() {
    refused(api.post("/calendar/v3/events/query", Map.of("fromLocalDate", "2027-01-01 00:00:00Z")), "fromLocalDate",
        "must be a local date-time YYYY-MM-DDThh:mm:ss, or an instant with an offset or Z");
    refused(api.post("/calendar/v3/events", Map.of("event", Map.of("start", Map.of("localDate", "2027-01-01T00:00:00Z")))), "event.start.localDate",
        "must be a local date-time YYYY-MM-DDThh:mm:ss without offset or Z");
    refused(api.post("/calendar/v3/events/query", Map.of("fromLocalDate", "next monday")), "fromLocalDate", "YYYY-MM-DDThh:mm:ss");
    refused(api.post("/consumer/v1/appointments", Map.of("serviceId", java.util.UUID.randomUUID().toString(),
        "startDateTime", "2027-01-05T10:00:00", "endDateTime", "2027-01-05T10:30:00+01:00")), "startDateTime", "with offset");
    refused(api.post("/v1/api-keys", Map.of("apiKey", Map.of("name", "Later", "expiresDate", "31.12.2027"))), "apiKey.expiresDate",
        "with offset");
  }

  @Test
  void text_a_fraction_or_an_empty_string_for_a_number_is_a_400_naming_the_field() {
    // before, 0.5 became 0 and "" became absent
    for (Object wrong : new Object[] {0.5, "", " ", "15"}) {
      refused(api.post("/setup/v1/services", Map.of("name", "Cut", "duration", 30, "bufferAfter", wrong)), "bufferAfter", "");
    }
  }
}
