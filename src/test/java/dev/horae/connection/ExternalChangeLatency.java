package dev.horae.connection;

import dev.horae.connection.emulator.GoogleEmulator;
import dev.horae.connection.emulator.GraphEmulator;
import dev.horae.support.Api;
import dev.horae.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * The benchmark of issue 6 (not a test: {@code bench/external-change-latency.sh} runs the {@code
 * *LatencyBench} classes): how long after a change in Google or Outlook its busy time is visible
 * through Horae's API. One change at a time; each sample is the time from the emulator storing the
 * event to the first API answer that shows it (the API asked every 10 ms).
 */
final class ExternalChangeLatency {
  private ExternalChangeLatency() {}

  /** Connects, imports one calendar, then measures {@code samples} changes; prints and answers p50/p95/max in ms. */
  static String measure(String label, Api api, String schedule, BiConsumer<Instant, Integer> change, int samples,
      Duration maxPause) throws Exception {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      if (!maxPause.isZero()) {
        Thread.sleep(ThreadLocalRandom.current().nextLong(maxPause.toMillis())); // changes arrive at random moments
      }
      Instant slot = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).plus(i, ChronoUnit.HOURS);
      long start = System.nanoTime();
      change.accept(slot, i);
      while (api.get("/bookings/v2/external-calendars/events?from=" + slot + "&to=" + slot.plusSeconds(1800) + "&scheduleIds=" + schedule)
          .json().get("events").isEmpty()) {
        Thread.sleep(10);
        if (System.nanoTime() - start > Duration.ofMinutes(10).toNanos()) {
          throw new IllegalStateException("change " + i + " never became visible");
        }
      }
      millis.add((System.nanoTime() - start) / 1_000_000);
    }
    millis.sort(Long::compare);
    String line = String.format("BENCH %s: %d changes, p50 %d ms, p95 %d ms, max %d ms", label, samples, millis.get(samples / 2),
        millis.get((int) Math.ceil(samples * 0.95) - 1), millis.get(samples - 1));
    System.out.println(line);
    return line;
  }

  static String googleCalendar(Api api, int port, GoogleEmulator google, String schedule, String calendar) throws Exception {
    String id = OAuthFlow.connectGoogle(api, port, google, schedule);
    importOnly(api, id, calendar);
    return id;
  }

  static String graphCalendar(Api api, int port, GraphEmulator graph, String schedule, String calendar) throws Exception {
    String id = OAuthFlow.connectMicrosoft(api, port, graph, schedule);
    importOnly(api, id, calendar);
    return id;
  }

  private static void importOnly(Api api, String id, String calendar) {
    api.patch("/bookings/v2/external-calendars/connections/" + id + "/sync-config", Map.of("syncConfig", Map.of("listEventFromCalendars",
        Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", calendar)))))));
    api.post("/bookings/v2/external-calendars/connections/" + id + "/sync", Map.of());
  }

  static String schedule(Api api, String name) {
    return new Fixtures(api).schedule(Map.of("name", name, "timeZone", "UTC"));
  }
}
