package dev.horae.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffsTest {
  private static final Duration BASE = Duration.ofSeconds(30);
  private static final Duration CAP = Duration.ofHours(1);
  private static final Instant NOW = Instant.parse("2030-01-07T09:00:00Z");

  @Test
  void each_retry_waits_between_half_and_all_of_the_doubled_base_never_over_the_cap() {
    for (int attempt = 1; attempt <= 40; attempt++) {
      long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt - 1, 30));
      long shortest = Long.MAX_VALUE;
      long longest = 0;
      for (int i = 0; i < 2000; i++) {
        long wait = Backoffs.equalJitter(attempt, BASE, CAP).toMillis();
        assertThat(wait).as("attempt " + attempt).isBetween(ceiling / 2, ceiling);
        shortest = Math.min(shortest, wait);
        longest = Math.max(longest, wait);
      }
      // jittered: 2,000 draws spread over most of the range
      assertThat(longest - shortest).as("attempt " + attempt).isGreaterThan(ceiling / 4);
    }
    assertThat(Backoffs.equalJitter(1, BASE, CAP).toMillis()).isBetween(15_000L, 30_000L);
    assertThat(Backoffs.equalJitter(1000, BASE, CAP)).isLessThanOrEqualTo(CAP);
    assertThat(Backoffs.equalJitter(0, BASE, CAP).toMillis()).as("a first try counts as the first retry").isBetween(15_000L, 30_000L);
  }

  @Test
  void retry_after_in_seconds_or_as_an_http_date() {
    assertThat(Backoffs.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(Backoffs.retryAfter("Mon, 07 Jan 2030 09:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    assertThat(Backoffs.retryAfter("Mon, 07 Jan 2030 08:00:00 GMT", NOW)).contains(Duration.ZERO);
    assertThat(Backoffs.retryAfter("soon", NOW)).isEmpty();
    assertThat(Backoffs.retryAfter("-5", NOW)).isEmpty();
    assertThat(Backoffs.retryAfter(null, NOW)).isEmpty();
    assertThat(Backoffs.retryAfter("99999999999999999999999", NOW)).isEmpty();
  }

  @Test
  void the_wait_asked_for_is_kept_up_to_the_cap_and_backoff_stands_in_otherwise() {
    assertThat(Backoffs.delay(1, "7", NOW, BASE, CAP)).isEqualTo(Duration.ofSeconds(7));
    assertThat(Backoffs.delay(1, "86400", NOW, BASE, CAP)).isEqualTo(CAP);
    assertThat(Backoffs.delay(2, "later", NOW, BASE, CAP)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
  }
}
