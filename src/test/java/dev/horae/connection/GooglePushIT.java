package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.horae.connection.emulator.Emulators;
import dev.horae.connection.emulator.GoogleEmulator;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Push: with the worker polling only once an hour, a change in Google reaches Horae's busy time through the watch channel alone. */
@TestPropertySource(properties = {"horae.sync.enabled=true", "horae.sync.poll-interval=PT1H", "horae.sync.interval=PT1H"})
class GooglePushIT extends ApiTest {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  @org.junit.jupiter.api.extension.RegisterExtension
  static final Emulators PROVIDERS = Emulators.withGoogle("pat@example.com");
  static final GoogleEmulator GOOGLE = PROVIDERS.google();

  @DynamicPropertySource
  static void google(DynamicPropertyRegistry registry) {
    PROVIDERS.register(registry);
  }


  @Test
  void a_change_in_google_is_busy_time_in_horae_within_seconds_by_push() throws Exception {
    String cal = GOOGLE.addCalendar("Pat's calendar");
    String schedule = new Fixtures(api).schedule(Map.of("name", "Pat", "timeZone", "UTC"));
    String id = OAuthFlow.connectGoogle(api, port, GOOGLE, schedule);
    api.patch(PREFIX + "/connections/" + id + "/sync-config", Map.of("syncConfig", Map.of("listEventFromCalendars",
        Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", cal))))))).status();
    Response first = api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(first.at("/connection/status").stringValue()).isEqualTo("SYNCED");
    assertThat(Instant.parse(first.at("/connection/syncState/nextSyncDate").stringValue())).isAfter(Instant.now().plus(50, ChronoUnit.MINUTES));

    Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    GOOGLE.put(cal, GoogleEmulator.event("Pushed", start, start.plus(1, ChronoUnit.HOURS), null));
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> api.get(PREFIX + "/events?from=" + start.minusSeconds(1)
        + "&to=" + start.plusSeconds(7200) + "&scheduleIds=" + schedule).json().get("events").size() == 1);
  }
}
