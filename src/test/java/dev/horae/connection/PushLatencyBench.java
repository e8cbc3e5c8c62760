package dev.horae.connection;

import dev.horae.connection.emulator.Emulators;
import dev.horae.connection.emulator.GoogleEmulator;
import dev.horae.connection.emulator.GraphEmulator;
import dev.horae.support.ApiTest;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Benchmark, push: the worker polls once an hour, so only notifications bring changes in. */
@TestPropertySource(properties = {"horae.sync.enabled=true", "horae.sync.poll-interval=PT1H", "horae.sync.interval=PT1H"})
class PushLatencyBench extends ApiTest {
  @org.junit.jupiter.api.extension.RegisterExtension
  static final Emulators PROVIDERS = Emulators.withBoth("bench@example.com");
  static final GoogleEmulator GOOGLE = PROVIDERS.google();
  static final GraphEmulator GRAPH = PROVIDERS.graph();

  @DynamicPropertySource
  static void providers(DynamicPropertyRegistry registry) {
    PROVIDERS.register(registry);
    registry.add("horae.google.page-size", () -> "250");
    registry.add("horae.microsoft.page-size", () -> "100");
  }


  @Test
  void push() throws Exception {
    int n = Integer.getInteger("bench.samples.push", 100);
    String google = GOOGLE.addCalendar("bench");
    String s1 = ExternalChangeLatency.schedule(api, "push google");
    ExternalChangeLatency.googleCalendar(api, port, GOOGLE, s1, google);
    ExternalChangeLatency.measure("Google, push", api, s1,
        (slot, i) -> GOOGLE.put(google, GoogleEmulator.event("change " + i, slot, slot.plus(30, ChronoUnit.MINUTES), null)), n, Duration.ofMillis(200));
    String outlook = GRAPH.addCalendar("bench");
    String s2 = ExternalChangeLatency.schedule(api, "push graph");
    ExternalChangeLatency.graphCalendar(api, port, GRAPH, s2, outlook);
    ExternalChangeLatency.measure("Microsoft, push", api, s2,
        (slot, i) -> GRAPH.put(outlook, GraphEmulator.event("change " + i, slot, slot.plus(30, ChronoUnit.MINUTES))), n, Duration.ofMillis(200));
  }
}
