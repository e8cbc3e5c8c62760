package dev.horae.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.ApiTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Benchmark (issue 8, not part of the suite: {@code bench/console.sh}): how long the console takes
 * from navigation to a week view with all its events drawn, in headless Chromium, for a busy week
 * (10 daily series and 230 single events = 300 events), with the browser's cache cold (a new
 * profile each sample) and warm (the same browser again). Prints BENCH lines.
 */
class ConsoleLoadBench extends ApiTest {
  @Test
  void week_view_with_300_events() throws Exception {
    int samples = Integer.getInteger("bench.samples", 20);
    LocalDate monday = LocalDate.now().with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);
    String schedule = api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Busy week", "timeZone", "UTC")))
        .at("/schedule/id").stringValue();
    for (int i = 0; i < 10; i++) {
      assertThat(api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule, "title", "Class " + i,
          "start", Map.of("localDate", String.format("%sT%02d:00:00", monday, 6 + i)), "end", Map.of("localDate", String.format("%sT%02d:30:00", monday, 6 + i)),
          "recurrenceRule", Map.of("rrule", "FREQ=DAILY;COUNT=30")))).status()).isEqualTo(200);
    }
    for (int i = 0; i < 230; i++) {
      LocalDate day = monday.plusDays(i % 7);
      int minute = (i / 7) * 20;
      String start = String.format("%sT%02d:%02d:00", day, 9 + minute / 60, minute % 60);
      String end = String.format("%sT%02d:%02d:00", day, 9 + (minute + 15) / 60, (minute + 15) % 60);
      assertThat(api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule, "title", "Booking " + i,
          "start", Map.of("localDate", start), "end", Map.of("localDate", end)))).status()).isEqualTo(200);
    }
    String url = "http://localhost:" + port + "/console/#calendar?schedule=" + schedule + "&date=" + monday;

    List<Long> cold = new ArrayList<>();
    List<Long> warm = new ArrayList<>();
    long transferred = 0;
    long fromApi = 0;
    for (int i = 0; i < samples; i++) {
      try (Browser browser = new Browser("UTC", 1280, 1000)) {
        signIn(browser);
        cold.add(time(browser, url));
        if (i == 0) {
          transferred = ((Number) browser.js("return performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))"
              + ".reduce((sum, e) => sum + (e.transferSize || 0), 0)")).longValue();
          fromApi = ((Number) browser.js("return performance.getEntriesByType('resource').filter(e => e.name.includes('/console/api/'))"
              + ".reduce((sum, e) => sum + (e.transferSize || 0), 0)")).longValue();
        }
        for (int w = 0; w < 3; w++) {
          browser.open("about:blank");
          warm.add(time(browser, url));
        }
      }
    }
    System.out.println("BENCH console week view, 300 events: cold cache p50 " + p(cold, 50) + " ms, p95 " + p(cold, 95)
        + " ms (" + cold.size() + " loads); warm cache p50 " + p(warm, 50) + " ms, p95 " + p(warm, 95) + " ms (" + warm.size()
        + " loads); first load transferred " + transferred / 1024 + " KB, of which API answers " + fromApi / 1024 + " KB");
  }

  /** Signs in from a page of the console's origin that loads no script or style, so the cache stays cold. */
  private void signIn(Browser browser) {
    browser.open("http://localhost:" + port + "/console/session");
    Object status = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/console/session', {method: 'POST', headers: {'X-Horae-Console': '1', 'Content-Type': 'application/json'},"
        + " body: JSON.stringify({apiKey: arguments[0]})}).then(r => done(r.status));", tenant.apiKey());
    assertThat(((Number) status).intValue()).isEqualTo(200);
  }

  private long time(Browser browser, String url) {
    long start = System.nanoTime();
    browser.open(url);
    new WebDriverWait(browser.driver, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(5))
        .until(d -> d.findElements(By.cssSelector(".fc-event")).size() >= 300);
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long p(List<Long> values, int percentile) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
  }
}
