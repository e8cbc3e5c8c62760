package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The External Calendars calls the connection tests make again and again, each checked for success. */
final class ConnectionCalls {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  private final Api api;

  ConnectionCalls(Api api) {
    this.api = api;
  }

  Response sync(String id) {
    Response r = api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r;
  }

  void configure(String id, Map<String, Object> config) {
    Response r = api.patch(PREFIX + "/connections/" + id + "/sync-config", Map.of("syncConfig", config));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  /** "title start" of every busy block of the schedule in [from, to). */
  List<String> busy(String schedule, LocalDate from, LocalDate to) {
    Response r = api.get(PREFIX + "/events?from=" + from + "T00:00:00Z&to=" + to + "T00:00:00Z&scheduleIds=" + schedule
        + "&fieldsets=OWN_PI&cursorPaging.limit=100");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().get("events").forEach(e -> out.add(e.get("title").stringValue() + " " + e.get("start").stringValue()));
    return out;
  }
}
