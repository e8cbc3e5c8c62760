package dev.horae.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Test data builders over the HTTP API. */
public final class Fixtures {
  private final Api api;

  public Fixtures(Api api) {
    this.api = api;
  }

  public String schedule(Map<String, Object> fields) {
    Map<String, Object> s = new HashMap<>(Map.of("name", "Schedule"));
    s.putAll(fields);
    Api.Response r = api.post("/calendar/v3/schedules", Map.of("schedule", s));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.at("/schedule/id").stringValue();
  }

  public JsonNode event(String scheduleId, String start, String end, Map<String, Object> fields) {
    Map<String, Object> e = new HashMap<>(Map.of(
        "scheduleId", scheduleId, "start", Map.of("localDate", start), "end", Map.of("localDate", end)));
    e.putAll(fields);
    Api.Response r = api.post("/calendar/v3/events", Map.of("event", e));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("event");
  }
}
