package dev.horae.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import java.util.List;
import java.util.Map;

/** The OnSched calls the resource tests make, each checked for success. */
final class OnSchedCalls {
  private final Api api;

  OnSchedCalls(Api api) {
    this.api = api;
  }

  String service(Map<String, Object> fields) {
    Response r = api.post("/setup/v1/services", fields);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.at("/id").stringValue();
  }

  Response resource(Map<String, Object> fields) {
    Response r = api.post("/setup/v1/resources", fields);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r;
  }

  Response put(String path, Object body) {
    return api.send("PUT", path, body, "application/json");
  }

  /** The start times (as the API renders them) offered for the service. */
  List<String> starts(String service, String from, String to, String query) {
    Response r = availability(service, from, to, query);
    return r.json().get("availableTimes").valueStream().map(t -> t.get("startDateTime").stringValue()).toList();
  }

  Response availability(String service, String from, String to, String query) {
    Response r = api.get("/consumer/v1/availability/" + service + "/" + from + "/" + to + (query.isEmpty() ? "" : "?" + query));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r;
  }

  static Map<String, Map<String, Integer>> everyDay(int start, int end) {
    Map<String, Map<String, Integer>> week = new java.util.LinkedHashMap<>();
    for (String d : List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat")) {
      week.put(d, Map.of("startTime", start, "endTime", end));
    }
    return week;
  }
}
