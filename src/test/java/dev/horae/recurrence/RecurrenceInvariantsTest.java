package dev.horae.recurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The properties every expansion must have, the time-zone rules of docs/time.md, and strict parsing. */
class RecurrenceInvariantsTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private final RecurrenceExpander expander = new LibRecurExpander();

  @Test
  void sorted_unique_and_restartable_from_any_occurrence_for_2000_random_rules() {
    Random random = new Random(7);
    int checked = 0;
    for (int i = 0; i < 2_000; i++) {
      DifferentialTest.Case c = DifferentialTest.randomCase(random);
      RecurrenceSet set = RecurrenceSet.of(ValueKind.ZONED, c.dtstart(), c.zone(), Rules.strict(c.rrule(), ValueKind.ZONED, c.zone()));
      Expansion expansion = expander.expand(set, c.from(), c.to(), 5_000);
      List<Occurrence> all = expansion.occurrences();
      for (int k = 1; k < all.size(); k++) {
        assertThat(all.get(k).start()).as(c.toString()).isAfter(all.get(k - 1).start());
      }
      assertThat(new HashSet<>(all.stream().map(Occurrence::local).toList())).hasSize(all.size());
      if (all.size() > 2) {
        // Restart at any occurrence: the window from it onwards gives exactly the rest.
        int k = 1 + random.nextInt(all.size() - 1);
        List<Occurrence> rest = expander.expand(set, all.get(k).start(), c.to(), all.size() - k).occurrences();
        assertThat(rest).as(c.toString()).containsExactlyElementsOf(all.subList(k, all.size()));
        // Two adjacent windows give what one window gives.
        List<Occurrence> joined = new ArrayList<>(expander.expand(set, c.from(), all.get(k).start(), 5_000).occurrences());
        joined.addAll(rest);
        assertThat(joined).containsExactlyElementsOf(all);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(500);
  }

  @Test
  void a_weekly_9_am_berlin_meeting_stays_at_9_local_across_both_dst_changes() {
    RecurrenceSet set = RecurrenceSet.of(ValueKind.ZONED, LocalDateTime.parse("2030-03-20T09:00"), BERLIN, Rules.strict("FREQ=WEEKLY;COUNT=34", ValueKind.ZONED, BERLIN));
    List<Occurrence> all = expander.expand(set, Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2031-01-01T00:00:00Z"), 100).occurrences();
    assertThat(all).hasSize(34).allSatisfy(o -> assertThat(o.local().toLocalTime()).hasToString("09:00"));
    assertThat(all.get(0).start()).isEqualTo(Instant.parse("2030-03-20T08:00:00Z")); // CET
    assertThat(all.get(2).start()).isEqualTo(Instant.parse("2030-04-03T07:00:00Z")); // CEST after 31 March
    assertThat(all.get(33).start()).isEqualTo(Instant.parse("2030-11-06T08:00:00Z")); // CET after 27 October
  }

  @Test
  void an_hourly_rule_across_spring_forward_skips_the_missing_hour_without_counting_it() {
    // 2030-03-31 in Berlin: 02:00-03:00 does not exist. RFC 5545 §3.3.10: that instance is ignored
    // and not counted, so COUNT=8 still gives 8 occurrences, at 8 distinct instants.
    RecurrenceSet set = RecurrenceSet.of(ValueKind.ZONED, LocalDateTime.parse("2030-03-30T22:00"), BERLIN, Rules.strict("FREQ=HOURLY;COUNT=8", ValueKind.ZONED, BERLIN));
    List<Occurrence> all = expander.expand(set, Instant.parse("2030-03-01T00:00:00Z"), Instant.parse("2030-04-01T00:00:00Z"), 100).occurrences();
    assertThat(all).extracting(o -> o.local().toLocalTime().toString())
        .containsExactly("22:00", "23:00", "00:00", "01:00", "03:00", "04:00", "05:00", "06:00");
    assertThat(new HashSet<>(all.stream().map(Occurrence::start).toList())).hasSize(8);
  }

  @Test
  void a_daily_series_at_a_time_that_falls_in_the_gap_keeps_that_day_an_hour_later() {
    // Issue 19: the time of day is DTSTART's, so the spring-forward day keeps its occurrence, at the
    // instant 02:30 means that night (03:30 CEST), as Google, Outlook, Apple and python-dateutil show it
    RecurrenceSet set = RecurrenceSet.of(ValueKind.ZONED, LocalDateTime.parse("2030-03-29T02:30"), BERLIN, Rules.strict("FREQ=DAILY;COUNT=4", ValueKind.ZONED, BERLIN));
    List<Occurrence> all = expander.expand(set, Instant.parse("2030-03-01T00:00:00Z"), Instant.parse("2030-05-01T00:00:00Z"), 100).occurrences();
    assertThat(all).extracting(o -> o.local().toString())
        .containsExactly("2030-03-29T02:30", "2030-03-30T02:30", "2030-03-31T02:30", "2030-04-01T02:30");
    assertThat(all.get(2).start()).isEqualTo(Instant.parse("2030-03-31T01:30:00Z"));
    // the same time made by BYHOUR/BYMINUTE is not an occurrence that night (§3.3.10), and is not counted
    RecurrenceSet made = RecurrenceSet.of(ValueKind.ZONED, LocalDateTime.parse("2030-03-29T02:30"), BERLIN,
        Rules.strict("FREQ=DAILY;BYHOUR=2;BYMINUTE=30;COUNT=4", ValueKind.ZONED, BERLIN));
    assertThat(expander.expand(made, Instant.parse("2030-03-01T00:00:00Z"), Instant.parse("2030-05-01T00:00:00Z"), 100).occurrences())
        .extracting(o -> o.local().toString())
        .containsExactly("2030-03-29T02:30", "2030-03-30T02:30", "2030-04-01T02:30", "2030-04-02T02:30");
  }

  @Test
  void a_weekly_0230_series_keeps_the_spring_forward_sunday() {
    // the finding: 14 and 21 March, then 4 and 11 April; 28 March was lost
    RecurrenceSet set = RecurrenceSet.of(ValueKind.ZONED, LocalDateTime.parse("2027-03-14T02:30"), BERLIN, Rules.strict("FREQ=WEEKLY;COUNT=5", ValueKind.ZONED, BERLIN));
    assertThat(expander.expand(set, Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-05-01T00:00:00Z"), 100).occurrences())
        .extracting(o -> o.local().toLocalDate().toString())
        .containsExactly("2027-03-14", "2027-03-21", "2027-03-28", "2027-04-04", "2027-04-11");
  }

  @Test
  void a_time_in_the_overlap_takes_the_first_occurrence_and_a_written_start_in_the_gap_moves_forward() {
    RecurrenceSet overlap = RecurrenceSet.of(ValueKind.ZONED, LocalDateTime.parse("2030-10-26T02:30"), BERLIN, Rules.strict("FREQ=DAILY;COUNT=2", ValueKind.ZONED, BERLIN));
    assertThat(expander.expand(overlap, Instant.EPOCH, Instant.parse("2031-01-01T00:00:00Z"), 10).occurrences())
        .extracting(Occurrence::start)
        .containsExactly(Instant.parse("2030-10-26T00:30:00Z"), Instant.parse("2030-10-27T00:30:00Z")); // CEST, the earlier offset
    RecurrenceSet gapStart = RecurrenceSet.of(ValueKind.ZONED, LocalDateTime.parse("2030-03-31T02:30"), BERLIN, Rules.strict("FREQ=DAILY;COUNT=2", ValueKind.ZONED, BERLIN));
    assertThat(expander.expand(gapStart, Instant.EPOCH, Instant.parse("2031-01-01T00:00:00Z"), 10).occurrences())
        .extracting(Occurrence::start)
        .containsExactly(Instant.parse("2030-03-31T01:30:00Z"), Instant.parse("2030-04-01T00:30:00Z"));
  }

  @Test
  void dates_and_floating_values_are_their_own_kinds() {
    ZoneId newYork = ZoneId.of("America/New_York");
    RecurrenceSet dates = RecurrenceSet.of(ValueKind.DATE, LocalDate.parse("2030-03-08").atStartOfDay(), newYork, Rules.strict("FREQ=DAILY;UNTIL=20300311", ValueKind.DATE, newYork));
    assertThat(expander.expand(dates, Instant.EPOCH, Instant.parse("2031-01-01T00:00:00Z"), 10).occurrences())
        .extracting(o -> o.local().toLocalDate().toString())
        .containsExactly("2030-03-08", "2030-03-09", "2030-03-10", "2030-03-11");
    assertThatThrownBy(() -> Rules.strict("FREQ=DAILY;UNTIL=20300311T000000Z", ValueKind.DATE, newYork))
        .isInstanceOfSatisfying(InvalidRecurrence.class, e -> assertThat(e.part()).isEqualTo("UNTIL"));
    // Floating: wall times with no zone, so no gap to skip; read in a zone they follow §3.3.5.
    RecurrenceSet floating = RecurrenceSet.of(ValueKind.FLOATING, LocalDateTime.parse("2030-03-30T02:30"), BERLIN, Rules.strict("FREQ=DAILY;COUNT=3", ValueKind.FLOATING, BERLIN));
    assertThat(expander.expand(floating, Instant.EPOCH, Instant.parse("2031-01-01T00:00:00Z"), 10).occurrences())
        .extracting(o -> o.local().toString())
        .containsExactly("2030-03-30T02:30", "2030-03-31T02:30", "2030-04-01T02:30");
    assertThatThrownBy(() -> Rules.strict("FREQ=DAILY;UNTIL=20300311T000000Z", ValueKind.FLOATING, BERLIN))
        .isInstanceOfSatisfying(InvalidRecurrence.class, e -> assertThat(e.part()).isEqualTo("UNTIL"));
  }

  @Test
  void rdates_add_exdates_remove_and_duplicates_collapse() {
    Rule rule = Rules.strict("FREQ=WEEKLY;COUNT=3", ValueKind.ZONED, BERLIN);
    RecurrenceSet set = new RecurrenceSet(ValueKind.ZONED, LocalDateTime.parse("2030-01-07T09:00"), BERLIN, List.of(rule),
        List.of(LocalDateTime.parse("2030-01-10T15:00"), LocalDateTime.parse("2030-01-14T09:00")), List.of(LocalDateTime.parse("2030-01-21T09:00")));
    assertThat(expander.expand(set, Instant.EPOCH, Instant.parse("2031-01-01T00:00:00Z"), 10).occurrences())
        .extracting(o -> o.local().toString())
        .containsExactly("2030-01-07T09:00", "2030-01-10T15:00", "2030-01-14T09:00");
  }

  @Test
  void the_cap_bounds_every_expansion_and_says_so() {
    RecurrenceSet forever = RecurrenceSet.of(ValueKind.ZONED, LocalDateTime.parse("2030-01-01T00:00"), BERLIN, Rules.strict("FREQ=SECONDLY", ValueKind.ZONED, BERLIN));
    Expansion expansion = expander.expand(forever, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 1_000);
    assertThat(expansion.occurrences()).hasSize(1_000);
    assertThat(expansion.capped()).isTrue();
    assertThatThrownBy(() -> expander.expand(forever, Instant.EPOCH, Instant.MAX, RecurrenceExpander.MAX_CAP + 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_rule_that_names_no_date_ends_instead_of_spinning() {
    RecurrenceSet never = RecurrenceSet.of(ValueKind.ZONED, LocalDateTime.parse("2030-01-01T09:00"), BERLIN, Rules.strict("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", ValueKind.ZONED, BERLIN));
    assertThat(expander.expand(never, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 10).occurrences()).hasSize(1); // DTSTART only
  }

  @Test
  void strict_parsing_names_the_part() {
    assertPart("", "RRULE");
    assertPart("BYDAY=MO", "FREQ");
    assertPart("FREQ=FORTNIGHTLY", "FREQ");
    assertPart("FREQ=DAILY;INTERVAL=0", "INTERVAL");
    assertPart("FREQ=DAILY;BYHOUR=25", "BYHOUR");
    assertPart("FREQ=DAILY;BYDAY=XX", "BYDAY");
    assertPart("FREQ=DAILY;COUNT=0", "COUNT");
    assertPart("FREQ=DAILY;COUNT=2;UNTIL=20300101T000000Z", "UNTIL");
    assertPart("FREQ=DAILY;UNTIL=2030-01-01", "UNTIL");
    assertPart("FREQ=DAILY;UNTIL=20300101T000000", "UNTIL"); // a zoned start needs a UTC UNTIL
    assertPart("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY");
    assertPart("FREQ=MONTHLY;BYYEARDAY=1", "BYYEARDAY");
    assertPart("FREQ=DAILY;BYWEEKNO=3", "BYWEEKNO");
    assertPart("FREQ=DAILY;BYDAY=1MO", "BYDAY");
    assertPart("FREQ=DAILY;BYSETPOS=1", "BYSETPOS");
    assertPart("FREQ=DAILY;FREQ=WEEKLY", "FREQ");
    assertPart("FREQ=DAILY;;COUNT=2", "RRULE");
    assertPart("FREQ=DAILY;X-NAME=1", "X-NAME");
    assertThat(Rules.strict("RRULE:freq=weekly;byday=mo,we", ValueKind.ZONED, BERLIN).frequency()).isEqualTo("WEEKLY");
  }

  private static void assertPart(String rule, String part) {
    assertThatThrownBy(() -> Rules.strict(rule, ValueKind.ZONED, BERLIN)).as(rule)
        .isInstanceOfSatisfying(InvalidRecurrence.class, e -> assertThat(e.part()).as(rule + ": " + e.getMessage()).isEqualTo(part));
  }

  /** Issue 19: lib-recur 0.17.1 threw ArrayIndexOutOfBoundsException on this valid rule in a year of 365 days. */
  @Test
  void yearly_by_year_day_with_minus_366_and_by_day_expands_as_the_rfc_reads_it() {
    RecurrenceSet set = RecurrenceSet.of(ValueKind.ZONED, LocalDateTime.parse("2027-07-19T09:00"), BERLIN,
        Rules.strict("FREQ=YEARLY;BYYEARDAY=200,-366;BYDAY=MO", ValueKind.ZONED, BERLIN));
    List<Occurrence> all = expander.expand(set, Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2061-01-01T00:00:00Z"), 1_000).occurrences();
    List<java.time.LocalDate> expected = new ArrayList<>();
    for (java.time.LocalDate d = java.time.LocalDate.parse("2027-07-19"); d.getYear() <= 2060; d = d.plusDays(1)) {
      boolean named = d.getDayOfYear() == 200 || d.getDayOfYear() == d.lengthOfYear() + 1 - 366;
      if (named && d.getDayOfWeek() == java.time.DayOfWeek.MONDAY) {
        expected.add(d);
      }
    }
    assertThat(expected).hasSizeGreaterThan(4).anyMatch(d -> d.getDayOfYear() == 1); // a leap year's 1 January on a Monday too
    assertThat(all).extracting(o -> o.local().toLocalDate()).containsExactlyElementsOf(expected);
    assertThat(all).allSatisfy(o -> assertThat(o.local().toLocalTime()).hasToString("09:00"));
  }

  @Test
  void strict_rules_refuse_by_values_out_of_their_ranges_naming_the_part() {
    for (String[] c : new String[][] {{"FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367", "BYSETPOS"}, {"FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"},
        {"FREQ=YEARLY;BYYEARDAY=-367", "BYYEARDAY"}, {"FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO"}, {"FREQ=DAILY;BYHOUR=24", "BYHOUR"},
        {"FREQ=YEARLY;BYMONTH=0", "BYMONTH"}, {"FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "BYSETPOS"}}) {
      assertThatThrownBy(() -> Rules.strict(c[0], ValueKind.ZONED, BERLIN)).as(c[0]).isInstanceOf(InvalidRecurrence.class)
          .satisfies(e -> assertThat(((InvalidRecurrence) e).part()).isEqualTo(c[1]));
    }
    Rules.strict("FREQ=YEARLY;BYYEARDAY=-366,366;BYSETPOS=-366", ValueKind.ZONED, BERLIN); // the ends of the ranges are valid
    Rules.lenient("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367", ValueKind.ZONED, BERLIN); // provider data is read leniently
  }
}
