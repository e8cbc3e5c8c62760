package dev.horae.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every RRULE example of RFC 5545 §3.8.5.3, as written there (DTSTART;TZID=America/New_York). Where
 * the RFC lists a "forever" rule, the first occurrences it lists are compared. One example carries a
 * verified erratum (3883), noted at the test.
 */
class Rfc5545ExamplesTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
  private final RecurrenceExpander expander = new LibRecurExpander();

  @Test
  void daily_for_10_occurrences() {
    check("19970902T090000", "FREQ=DAILY;COUNT=10", at("09:00", "1997-09: 2-11"));
  }

  @Test
  void daily_until_december_24_1997() {
    List<LocalDateTime> all = check("19970902T090000", "FREQ=DAILY;UNTIL=19971224T000000Z",
        at("09:00", "1997-09: 2-30", "1997-10: 1-31", "1997-11: 1-30", "1997-12: 1-23"));
    // 9:00 AM EDT until October 25, 9:00 AM EST from October 26: the wall time stays.
    assertThat(instant("19971025T090000")).isEqualTo(Instant.parse("1997-10-25T13:00:00Z"));
    assertThat(instant("19971026T090000")).isEqualTo(Instant.parse("1997-10-26T14:00:00Z"));
    assertThat(all).hasSize(113);
  }

  @Test
  void every_other_day_forever() {
    checkFirst("19970902T090000", "FREQ=DAILY;INTERVAL=2",
        at("09:00", "1997-09: 2,4,6,8,10,12,14,16,18,20,22,24,26,28,30", "1997-10: 2,4,6,8,10,12,14,16,18,20,22,24,26,28,30",
            "1997-11: 1,3,5,7,9,11,13,15,17,19,21,23,25,27,29", "1997-12: 1,3"));
  }

  @Test
  void every_10_days_5_occurrences() {
    check("19970902T090000", "FREQ=DAILY;INTERVAL=10;COUNT=5", at("09:00", "1997-09: 2,12,22", "1997-10: 2,12"));
  }

  @Test
  void every_day_in_january_for_3_years_both_ways() {
    List<LocalDateTime> expected = at("09:00", "1998-01: 1-31", "1999-01: 1-31", "2000-01: 1-31");
    check("19980101T090000", "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", expected);
    check("19980101T090000", "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", expected);
  }

  @Test
  void weekly_for_10_occurrences() {
    check("19970902T090000", "FREQ=WEEKLY;COUNT=10", at("09:00", "1997-09: 2,9,16,23,30", "1997-10: 7,14,21,28", "1997-11: 4"));
  }

  @Test
  void weekly_until_december_24_1997() {
    check("19970902T090000", "FREQ=WEEKLY;UNTIL=19971224T000000Z",
        at("09:00", "1997-09: 2,9,16,23,30", "1997-10: 7,14,21,28", "1997-11: 4,11,18,25", "1997-12: 2,9,16,23"));
  }

  @Test
  void every_other_week_forever() {
    checkFirst("19970902T090000", "FREQ=WEEKLY;INTERVAL=2;WKST=SU",
        at("09:00", "1997-09: 2,16,30", "1997-10: 14,28", "1997-11: 11,25", "1997-12: 9,23", "1998-01: 6,20", "1998-02: 3,17"));
  }

  @Test
  void weekly_on_tuesday_and_thursday_for_five_weeks_both_ways() {
    List<LocalDateTime> expected = at("09:00", "1997-09: 2,4,9,11,16,18,23,25,30", "1997-10: 2");
    check("19970902T090000", "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", expected);
    check("19970902T090000", "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", expected);
  }

  @Test
  void every_other_week_on_monday_wednesday_friday_until_december_24() {
    check("19970901T090000", "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
        at("09:00", "1997-09: 1,3,5,15,17,19,29", "1997-10: 1,3,13,15,17,27,29,31", "1997-11: 10,12,14,24,26,28", "1997-12: 8,10,12,22"));
  }

  @Test
  void every_other_week_on_tuesday_and_thursday_for_8_occurrences() {
    check("19970902T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", at("09:00", "1997-09: 2,4,16,18,30", "1997-10: 2,14,16"));
  }

  @Test
  void monthly_on_the_first_friday_for_10_occurrences() {
    check("19970905T090000", "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
        at("09:00", "1997-09: 5", "1997-10: 3", "1997-11: 7", "1997-12: 5", "1998-01: 2", "1998-02: 6", "1998-03: 6", "1998-04: 3", "1998-05: 1", "1998-06: 5"));
  }

  @Test
  void monthly_on_the_first_friday_until_december_24() {
    check("19970905T090000", "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR", at("09:00", "1997-09: 5", "1997-10: 3", "1997-11: 7", "1997-12: 5"));
  }

  @Test
  void every_other_month_on_the_first_and_last_sunday_for_10_occurrences() {
    check("19970907T090000", "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
        at("09:00", "1997-09: 7,28", "1997-11: 2,30", "1998-01: 4,25", "1998-03: 1,29", "1998-05: 3,31"));
  }

  @Test
  void monthly_on_the_second_to_last_monday_for_6_months() {
    check("19970922T090000", "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",
        at("09:00", "1997-09: 22", "1997-10: 20", "1997-11: 17", "1997-12: 22", "1998-01: 19", "1998-02: 16"));
  }

  @Test
  void monthly_on_the_third_to_last_day_forever() {
    checkFirst("19970928T090000", "FREQ=MONTHLY;BYMONTHDAY=-3",
        at("09:00", "1997-09: 28", "1997-10: 29", "1997-11: 28", "1997-12: 29", "1998-01: 29", "1998-02: 26"));
  }

  @Test
  void monthly_on_the_2nd_and_15th_for_10_occurrences() {
    check("19970902T090000", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",
        at("09:00", "1997-09: 2,15", "1997-10: 2,15", "1997-11: 2,15", "1997-12: 2,15", "1998-01: 2,15"));
  }

  @Test
  void monthly_on_the_first_and_last_day_for_10_occurrences() {
    check("19970930T090000", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1",
        at("09:00", "1997-09: 30", "1997-10: 1,31", "1997-11: 1,30", "1997-12: 1,31", "1998-01: 1,31", "1998-02: 1"));
  }

  @Test
  void every_18_months_on_the_10th_to_15th_for_10_occurrences() {
    check("19970910T090000", "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15",
        at("09:00", "1997-09: 10-15", "1999-03: 10-13"));
  }

  @Test
  void every_tuesday_every_other_month() {
    checkFirst("19970902T090000", "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",
        at("09:00", "1997-09: 2,9,16,23,30", "1997-11: 4,11,18,25", "1998-01: 6,13,20,27", "1998-03: 3,10,17,24,31"));
  }

  @Test
  void yearly_in_june_and_july_for_10_occurrences() {
    check("19970610T090000", "FREQ=YEARLY;COUNT=10;BYMONTH=6,7",
        at("09:00", "1997-06: 10", "1997-07: 10", "1998-06: 10", "1998-07: 10", "1999-06: 10", "1999-07: 10",
            "2000-06: 10", "2000-07: 10", "2001-06: 10", "2001-07: 10"));
  }

  @Test
  void every_other_year_on_january_february_march_for_10_occurrences() {
    check("19970310T090000", "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3",
        at("09:00", "1997-03: 10", "1999-01: 10", "1999-02: 10", "1999-03: 10", "2001-01: 10", "2001-02: 10", "2001-03: 10",
            "2003-01: 10", "2003-02: 10", "2003-03: 10"));
  }

  @Test
  void every_third_year_on_the_1st_100th_and_200th_day_for_10_occurrences() {
    check("19970101T090000", "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200",
        at("09:00", "1997-01: 1", "1997-04: 10", "1997-07: 19", "2000-01: 1", "2000-04: 9", "2000-07: 18",
            "2003-01: 1", "2003-04: 10", "2003-07: 19", "2006-01: 1"));
  }

  @Test
  void every_20th_monday_of_the_year_forever() {
    checkFirst("19970519T090000", "FREQ=YEARLY;BYDAY=20MO", at("09:00", "1997-05: 19", "1998-05: 18", "1999-05: 17"));
  }

  @Test
  void monday_of_week_number_20_forever() {
    checkFirst("19970512T090000", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", at("09:00", "1997-05: 12", "1998-05: 11", "1999-05: 17"));
  }

  @Test
  void every_thursday_in_march_forever() {
    checkFirst("19970313T090000", "FREQ=YEARLY;BYMONTH=3;BYDAY=TH",
        at("09:00", "1997-03: 13,20,27", "1998-03: 5,12,19,26", "1999-03: 4,11,18,25"));
  }

  @Test
  void every_thursday_in_june_july_august_forever() {
    checkFirst("19970605T090000", "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",
        at("09:00", "1997-06: 5,12,19,26", "1997-07: 3,10,17,24,31", "1997-08: 7,14,21,28",
            "1998-06: 4,11,18,25", "1998-07: 2,9,16,23,30", "1998-08: 6,13,20,27",
            "1999-06: 3,10,17,24", "1999-07: 1,8,15,22,29", "1999-08: 5,12,19,26"));
  }

  @Test
  void every_friday_the_13th_forever_with_dtstart_excluded() {
    RecurrenceSet set = new RecurrenceSet(ValueKind.ZONED, local("19970902T090000"), NEW_YORK,
        List.of(Rules.strict("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", ValueKind.ZONED, NEW_YORK)), List.of(), List.of(local("19970902T090000")));
    List<LocalDateTime> expected = at("09:00", "1998-02: 13", "1998-03: 13", "1998-11: 13", "1999-08: 13", "2000-10: 13");
    assertThat(first(set, expected.size())).containsExactlyElementsOf(expected);
  }

  @Test
  void first_saturday_after_the_first_sunday_forever() {
    checkFirst("19970913T090000", "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
        at("09:00", "1997-09: 13", "1997-10: 11", "1997-11: 8", "1997-12: 13", "1998-01: 10", "1998-02: 7", "1998-03: 7",
            "1998-04: 11", "1998-05: 9", "1998-06: 13"));
  }

  @Test
  void us_presidential_election_day_forever() {
    checkFirst("19961105T090000", "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
        at("09:00", "1996-11: 5", "2000-11: 7", "2004-11: 2"));
  }

  @Test
  void third_tuesday_wednesday_or_thursday_for_3_months() {
    check("19970904T090000", "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", at("09:00", "1997-09: 4", "1997-10: 7", "1997-11: 6"));
  }

  @Test
  void second_to_last_weekday_of_the_month() {
    checkFirst("19970929T090000", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
        at("09:00", "1997-09: 29", "1997-10: 30", "1997-11: 27", "1997-12: 30", "1998-01: 29", "1998-02: 26", "1998-03: 30"));
  }

  @Test
  void every_3_hours_from_9_to_5_on_one_day() {
    // As written the RFC has UNTIL=19970902T170000Z, which is 13:00 EDT and would end the series at
    // 12:00; verified erratum 3883 corrects it to 19970902T210000Z, which gives the listed 09:00,
    // 12:00, 15:00. Both are checked: the corrected rule against the listed result, the written one
    // against what its UNTIL means.
    check("19970902T090000", "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z", List.of(local("19970902T090000"), local("19970902T120000"), local("19970902T150000")));
    check("19970902T090000", "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z", List.of(local("19970902T090000"), local("19970902T120000")));
  }

  @Test
  void every_15_minutes_for_6_occurrences() {
    check("19970902T090000", "FREQ=MINUTELY;INTERVAL=15;COUNT=6",
        times("1997-09-02", "09:00", "09:15", "09:30", "09:45", "10:00", "10:15"));
  }

  @Test
  void every_hour_and_a_half_for_4_occurrences() {
    check("19970902T090000", "FREQ=MINUTELY;INTERVAL=90;COUNT=4", times("1997-09-02", "09:00", "10:30", "12:00", "13:30"));
  }

  @Test
  void every_20_minutes_from_9_to_4_40_every_day_both_ways() {
    List<LocalDateTime> expected = new ArrayList<>();
    for (String day : List.of("1997-09-02", "1997-09-03")) {
      for (int hour = 9; hour <= 16; hour++) {
        for (int minute = 0; minute < 60; minute += 20) {
          expected.add(LocalDate.parse(day).atTime(hour, minute));
        }
      }
    }
    checkFirst("19970902T090000", "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", expected);
    checkFirst("19970902T090000", "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16", expected);
  }

  @Test
  void week_start_changes_the_result() {
    check("19970805T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", at("09:00", "1997-08: 5,10,19,24"));
    check("19970805T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", at("09:00", "1997-08: 5,17,19,31"));
  }

  @Test
  void an_invalid_date_is_ignored_and_not_counted() {
    check("20070115T090000", "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", at("09:00", "2007-01: 15,30", "2007-02: 15", "2007-03: 15,30"));
  }

  // --- helpers -------------------------------------------------------------------------------

  /** A finite rule: the whole set, expanded over a window far wider than it, is exactly {@code expected}. */
  private List<LocalDateTime> check(String dtstart, String rrule, List<LocalDateTime> expected) {
    RecurrenceSet set = RecurrenceSet.of(ValueKind.ZONED, local(dtstart), NEW_YORK, Rules.strict(rrule, ValueKind.ZONED, NEW_YORK));
    Expansion expansion = expander.expand(set, Instant.parse("1990-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"), 10_000);
    List<LocalDateTime> locals = expansion.occurrences().stream().map(Occurrence::local).toList();
    assertThat(locals).as(rrule).containsExactlyElementsOf(expected);
    assertThat(expansion.occurrences()).allSatisfy(o -> assertThat(o.start()).isEqualTo(instant(o.local())));
    assertThat(expansion.capped()).isFalse();
    return locals;
  }

  /** An unbounded rule: its first occurrences are exactly {@code expected}. */
  private void checkFirst(String dtstart, String rrule, List<LocalDateTime> expected) {
    RecurrenceSet set = RecurrenceSet.of(ValueKind.ZONED, local(dtstart), NEW_YORK, Rules.strict(rrule, ValueKind.ZONED, NEW_YORK));
    assertThat(first(set, expected.size())).as(rrule).containsExactlyElementsOf(expected);
  }

  private List<LocalDateTime> first(RecurrenceSet set, int n) {
    Expansion expansion = expander.expand(set, Instant.parse("1990-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"), n);
    assertThat(expansion.capped()).isTrue();
    return expansion.occurrences().stream().map(Occurrence::local).toList();
  }

  private static LocalDateTime local(String basic) {
    return LocalDateTime.parse(basic, BASIC);
  }

  private static Instant instant(String basic) {
    return instant(local(basic));
  }

  private static Instant instant(LocalDateTime local) {
    return local.atZone(NEW_YORK).toInstant();
  }

  /** {@code "1997-09: 2-5,9"} → 1997-09-02, 03, 04, 05, 09, each at {@code time}. */
  static List<LocalDateTime> at(String time, String... months) {
    List<LocalDateTime> result = new ArrayList<>();
    for (String month : months) {
      String[] halves = month.split(": ");
      LocalDate first = LocalDate.parse(halves[0] + "-01");
      for (String item : halves[1].split(",")) {
        int[] range = Arrays.stream(item.split("-")).mapToInt(Integer::parseInt).toArray();
        for (int day = range[0]; day <= range[range.length - 1]; day++) {
          result.add(first.withDayOfMonth(day).atTime(LocalTime.parse(time)));
        }
      }
    }
    return result;
  }

  private static List<LocalDateTime> times(String day, String... times) {
    return Arrays.stream(times).map(t -> LocalDate.parse(day).atTime(LocalTime.parse(t))).toList();
  }
}
