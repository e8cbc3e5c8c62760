package dev.horae.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffsTest {
  private static final Duration BASE = Duration.ofSeconds(30);
  private static final Duration CAP = Duration.ofHours(1);

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
}
