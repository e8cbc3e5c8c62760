package dev.horae.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.shared.Rejection;
import dev.horae.shared.Violations;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EventTimeTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void a_time_in_a_spring_forward_gap_moves_forward_by_the_gap() {
    assertThat(EventTime.instant(LocalDateTime.parse("2030-03-31T02:30"), BERLIN)).isEqualTo(Instant.parse("2030-03-31T01:30:00Z"));
    assertThat(EventTime.instant(LocalDateTime.parse("2030-03-10T02:15"), NEW_YORK)).isEqualTo(Instant.parse("2030-03-10T07:15:00Z"));
  }

  @Test
  void a_time_in_a_fall_back_overlap_takes_the_first_occurrence() {
    assertThat(EventTime.instant(LocalDateTime.parse("2030-10-27T02:30"), BERLIN)).isEqualTo(Instant.parse("2030-10-27T00:30:00Z"));
    assertThat(EventTime.instant(LocalDateTime.parse("2030-11-03T01:30"), NEW_YORK)).isEqualTo(Instant.parse("2030-11-03T05:30:00Z"));
  }

  @Test
  void an_all_day_event_spans_its_days_from_midnight_in_its_zone() {
    EventTime day = new EventTime.AllDay(LocalDate.parse("2030-03-31"), LocalDate.parse("2030-04-01"));
    assertThat(day.startIn(BERLIN)).isEqualTo(Instant.parse("2030-03-30T23:00:00Z"));
    assertThat(day.endIn(BERLIN)).isEqualTo(Instant.parse("2030-03-31T22:00:00Z"));
  }

  @Test
  void seconds_are_ignored_and_offsets_refused() {
    Violations v = new Violations();
    assertThat(EventTimes.parse("2030-01-01T09:00:59", "f", v)).isEqualTo(LocalDateTime.parse("2030-01-01T09:00"));
    assertThat(EventTimes.parse("2030-01-01T09:00:00Z", "f", v)).isNull();
    assertThat(v.isEmpty()).isFalse();
  }

  @Test
  void the_end_must_follow_the_start_and_all_day_needs_midnights() {
    Violations v = new Violations();
    assertThat(EventTimes.of(LocalDateTime.parse("2030-01-01T10:00"), LocalDateTime.parse("2030-01-01T10:00"), false, v)).isNull();
    assertThat(EventTimes.of(LocalDateTime.parse("2030-01-01T10:00"), LocalDateTime.parse("2030-01-02T00:00"), true, v)).isNotNull();
    assertThat(EventTimes.of(LocalDateTime.parse("2099-01-01T10:00"), LocalDateTime.parse("2101-01-01T00:00"), false, v)).isNull();
    try {
      v.throwIfAny();
    } catch (Rejection r) {
      assertThat(r.violations()).extracting(x -> x.field())
          .containsExactly("event.end.localDate", "event.start.localDate", "event.end.localDate");
      return;
    }
    throw new AssertionError("violations expected");
  }
}
