package dev.horae.connection;

import dev.horae.connection.emulator.Emulators;
import dev.horae.connection.emulator.GoogleEmulator;
import dev.horae.support.ApiTest;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Benchmark, polling only: no push channels; connections sync every {@code bench.interval} (10 s
 * here; the production default is 5 minutes, whose latency scales the same way: uniform over the
 * interval, plus the sync itself).
 */
@TestPropertySource(properties = {"horae.sync.enabled=true", "horae.push.enabled=false", "horae.sync.poll-interval=PT0.2S",
    "horae.sync.interval=PT10S"})
class PollLatencyBench extends ApiTest {
  @org.junit.jupiter.api.extension.RegisterExtension
  static final Emulators PROVIDERS = Emulators.withGoogle("poll@example.com");
  static final GoogleEmulator GOOGLE = PROVIDERS.google();

  @DynamicPropertySource
  static void providers(DynamicPropertyRegistry registry) {
    PROVIDERS.register(registry);
    registry.add("horae.google.page-size", () -> "250");
  }


  @Test
  void polling() throws Exception {
    int n = Integer.getInteger("bench.samples.poll", 30);
    String google = GOOGLE.addCalendar("bench");
    String schedule = ExternalChangeLatency.schedule(api, "poll google");
    ExternalChangeLatency.googleCalendar(api, port, GOOGLE, schedule, google);
    ExternalChangeLatency.measure("Google, polling every 10 s", api, schedule,
        (slot, i) -> GOOGLE.put(google, GoogleEmulator.event("change " + i, slot, slot.plus(30, ChronoUnit.MINUTES), null)), n, Duration.ofSeconds(10));
  }
}
