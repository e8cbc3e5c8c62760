package dev.horae.recurrence;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRule.RfcMode;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * How one rule's wall times are produced: by lib-recur for DAILY and coarser rules, by
 * {@link SubDailyRule} for HOURLY, MINUTELY and SECONDLY ones.
 *
 * <p>Three places where lib-recur 0.17.1 reads RFC 5545 differently from its text are corrected
 * here, each found by the differential test against a brute-force reading of §3.3.10:
 * <ul>
 *   <li>BYSETPOS in DTSTART's own period: lib-recur picks positions from the part of the period on
 *       or after DTSTART; the RFC builds the whole period's set, picks, then drops what precedes
 *       DTSTART. So the values DTSTART supplies are written into the rule and lib-recur starts at
 *       the start of DTSTART's period.</li>
 *   <li>BYWEEKNO: lib-recur misplaces week 53 and negative weeks; it is applied here as a limit
 *       (see {@link #weekNumberMatches}).</li>
 *   <li>{@code FREQ=YEARLY;BYMONTHDAY=…} without BYMONTH: lib-recur keeps DTSTART's month, the RFC
 *       expands over the year. All twelve months are named, unless BYDAY has ordinals (BYMONTH
 *       would change what they count in); then BYMONTHDAY (and BYSETPOS) are applied here.</li>
 *   <li>{@code FREQ=YEARLY;BYYEARDAY=…;BYDAY=…} (weekdays without ordinals): lib-recur throws on
 *       {@code BYYEARDAY=-366} in a year of 365 days; BYDAY is applied here as the limit it is.</li>
 *   <li>Sub-daily rules: lib-recur gives up after 4,320 empty periods and loses the instance before
 *       such a run, so sparse HOURLY/MINUTELY/SECONDLY rules are stepped by {@link SubDailyRule}.</li>
 * </ul>
 */
final class RulePlan {

  private final boolean subDaily;
  private final SubDailyRule subDailyRule;
  private final RecurrenceRule rule;
  private final LocalDateTime seed;
  private final boolean dates;
  private final Predicate<LocalDate> dayLimit; // applied here when not given to lib-recur
  private final List<Integer> setPositions; // applied here (per year) when not given to lib-recur

  private RulePlan(SubDailyRule subDailyRule, RecurrenceRule rule, LocalDateTime seed, boolean dates, Predicate<LocalDate> dayLimit, List<Integer> setPositions) {
    this.subDaily = subDailyRule != null;
    this.subDailyRule = subDailyRule;
    this.rule = rule;
    this.seed = seed;
    this.dates = dates;
    this.dayLimit = dayLimit;
    this.setPositions = setPositions;
  }

  static RulePlan of(String arithmetic, LocalDateTime dtstart, boolean dates) {
    Map<String, String> parts = parts(arithmetic);
    String freq = parts.get("FREQ");
    if (!dates && (freq.equals("HOURLY") || freq.equals("MINUTELY") || freq.equals("SECONDLY"))) {
      return new RulePlan(new SubDailyRule(parts, dtstart), null, null, false, null, null);
    }
    DayOfWeek wkst = parts.containsKey("WKST") ? SubDailyRule.weekday(parts.get("WKST")) : DayOfWeek.MONDAY;
    // What DTSTART supplies, written into the rule (RFC 5545 §3.3.10: "derived from DTSTART").
    if (!dates) {
      parts.putIfAbsent("BYHOUR", Integer.toString(dtstart.getHour()));
      parts.putIfAbsent("BYMINUTE", Integer.toString(dtstart.getMinute()));
      parts.putIfAbsent("BYSECOND", Integer.toString(dtstart.getSecond()));
    }
    String weekday = SubDailyRule.code(dtstart.getDayOfWeek());
    boolean byDay = parts.containsKey("BYDAY");
    boolean byMonthDay = parts.containsKey("BYMONTHDAY");
    boolean byYearDay = parts.containsKey("BYYEARDAY");
    boolean byWeekNo = parts.containsKey("BYWEEKNO");
    boolean byMonth = parts.containsKey("BYMONTH");
    Predicate<LocalDate> dayLimit = null;
    List<Integer> setPositions = null;
    LocalDate periodStart;
    switch (freq) {
      case "DAILY" -> periodStart = dtstart.toLocalDate();
      case "WEEKLY" -> {
        if (!byDay) parts.put("BYDAY", weekday);
        periodStart = dtstart.toLocalDate().with(TemporalAdjusters.previousOrSame(wkst));
      }
      case "MONTHLY" -> {
        if (!byDay && !byMonthDay) parts.put("BYMONTHDAY", Integer.toString(dtstart.getDayOfMonth()));
        periodStart = dtstart.toLocalDate().withDayOfMonth(1);
      }
      default -> {
        if (!byDay && !byMonthDay && !byYearDay && !byWeekNo) {
          parts.put("BYMONTHDAY", Integer.toString(dtstart.getDayOfMonth()));
          if (!byMonth) parts.put("BYMONTH", Integer.toString(dtstart.getMonthValue()));
        } else if (byWeekNo) {
          // BYWEEKNO is applied here as a limit on the days the other parts name; with none of
          // them, the weekday comes from DTSTART.
          if (!byDay && !byMonthDay && !byYearDay) parts.put("BYDAY", weekday);
          List<Integer> weeks = SubDailyRule.ints(parts.remove("BYWEEKNO"));
          dayLimit = day -> weekNumberMatches(day, wkst, weeks);
          if (parts.containsKey("BYMONTHDAY") && !byMonth && !byYearDay) {
            parts.put("BYMONTH", "1,2,3,4,5,6,7,8,9,10,11,12");
          }
          String positions = parts.remove("BYSETPOS");
          setPositions = positions == null ? null : SubDailyRule.ints(positions);
        } else if (byYearDay && byDay && !parts.get("BYDAY").matches(".*[0-9].*")) {
          // lib-recur 0.17.1 fails (ArrayIndexOutOfBoundsException in ByDayFilter) on BYYEARDAY=-366
          // with BYDAY in a year of 365 days; in YEARLY, BYDAY only limits the days BYYEARDAY names
          // (RFC 5545 §3.3.10's table), so that limit is applied here instead.
          List<DayOfWeek> weekdays = new ArrayList<>();
          for (String code : parts.remove("BYDAY").split(",")) {
            weekdays.add(SubDailyRule.weekday(code.trim().toUpperCase(Locale.ROOT)));
          }
          dayLimit = day -> weekdays.contains(day.getDayOfWeek());
          String positions = parts.remove("BYSETPOS");
          setPositions = positions == null ? null : SubDailyRule.ints(positions);
        } else if (byMonthDay && !byMonth && !byYearDay) {
          if (!byDay || !parts.get("BYDAY").matches(".*[0-9].*")) {
            parts.put("BYMONTH", "1,2,3,4,5,6,7,8,9,10,11,12");
          } else {
            List<Integer> monthDays = SubDailyRule.ints(parts.remove("BYMONTHDAY"));
            dayLimit = day -> monthDays.stream().anyMatch(n -> n > 0 ? day.getDayOfMonth() == n : day.lengthOfMonth() + 1 + n == day.getDayOfMonth());
            String positions = parts.remove("BYSETPOS");
            setPositions = positions == null ? null : SubDailyRule.ints(positions);
          }
        }
        periodStart = dtstart.toLocalDate().withDayOfYear(1);
      }
    }
    StringBuilder text = new StringBuilder();
    parts.forEach((name, value) -> text.append(text.length() == 0 ? "" : ";").append(name).append('=').append(value));
    try {
      RecurrenceRule rule = new RecurrenceRule(text.toString(), RfcMode.RFC5545_LAX);
      return new RulePlan(null, rule, periodStart.atStartOfDay(), dates, dayLimit, setPositions);
    } catch (InvalidRecurrenceRuleException e) {
      throw new InvalidRecurrence("RRULE", e.getMessage());
    }
  }

  /**
   * Wall times in order, from the start of DTSTART's period (or about {@code fastForwardTo}, when
   * given), ending after {@code horizon} at the latest.
   */
  Iterator<LocalDateTime> iterator(LocalDateTime fastForwardTo, LocalDateTime horizon) {
    if (subDaily) {
      return subDailyRule.iterator(fastForwardTo, horizon);
    }
    RecurrenceRuleIterator iterator = rule.iterator(LibRecurExpander.toLibRecur(seed, dates));
    if (fastForwardTo != null && fastForwardTo.isAfter(seed) && setPositions == null) {
      iterator.fastForward(LibRecurExpander.toLibRecur(fastForwardTo, dates));
    }
    Iterator<LocalDateTime> plain = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return iterator.hasNext();
      }

      @Override
      public LocalDateTime next() {
        DateTime next = iterator.nextDateTime();
        return LibRecurExpander.fromLibRecur(next);
      }
    };
    if (dayLimit == null) {
      return plain;
    }
    return new YearSets(plain, dayLimit, setPositions, horizon);
  }

  static Map<String, String> parts(String arithmetic) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : arithmetic.split(";")) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      parts.put(part.substring(0, eq).toUpperCase(Locale.ROOT), part.substring(eq + 1).toUpperCase(Locale.ROOT));
    }
    return parts;
  }

  /**
   * BYWEEKNO: week 1 is the first week starting on WKST with at least four days of the year; a day
   * belongs to the week-year its week starts in (so 30 December can be in week 1), and negative
   * numbers count back from that week-year's last week.
   */
  static boolean weekNumberMatches(LocalDate day, DayOfWeek wkst, List<Integer> weeks) {
    int weekYear = day.getYear();
    if (day.isBefore(firstWeek(weekYear, wkst))) {
      weekYear--;
    } else if (!day.isBefore(firstWeek(weekYear + 1, wkst))) {
      weekYear++;
    }
    LocalDate first = firstWeek(weekYear, wkst);
    int weeksInYear = (int) (java.time.temporal.ChronoUnit.DAYS.between(first, firstWeek(weekYear + 1, wkst)) / 7);
    int week = (int) (java.time.temporal.ChronoUnit.DAYS.between(first, day) / 7) + 1;
    for (int n : weeks) {
      if (n > 0 ? n == week : weeksInYear + 1 + n == week) return true;
    }
    return false;
  }

  private static LocalDate firstWeek(int year, DayOfWeek wkst) {
    return LocalDate.of(year, 1, 4).with(TemporalAdjusters.previousOrSame(wkst));
  }

  /** A day limit lib-recur was not given, then BYSETPOS over each calendar year's set (the YEARLY period). */
  private static final class YearSets implements Iterator<LocalDateTime> {
    private final Iterator<LocalDateTime> source;
    private final Predicate<LocalDate> dayLimit;
    private final List<Integer> setPositions;
    private final LocalDateTime horizon;
    private final List<LocalDateTime> ready = new ArrayList<>();
    private LocalDateTime carried;
    private int index;

    YearSets(Iterator<LocalDateTime> source, Predicate<LocalDate> dayLimit, List<Integer> setPositions, LocalDateTime horizon) {
      this.source = source;
      this.horizon = horizon;
      this.dayLimit = dayLimit;
      this.setPositions = setPositions;
    }

    @Override
    public boolean hasNext() {
      while (index >= ready.size()) {
        ready.clear();
        index = 0;
        List<LocalDateTime> year = new ArrayList<>();
        if (carried != null) {
          year.add(carried);
          carried = null;
        }
        while (source.hasNext()) {
          LocalDateTime next = source.next();
          if (next.getYear() > horizon.getYear()) {
            break; // the year after the horizon's is never needed
          }
          if (!dayLimit.test(next.toLocalDate())) continue;
          if (!year.isEmpty() && next.getYear() != year.get(0).getYear()) {
            carried = next;
            break;
          }
          year.add(next);
          if (setPositions == null) break; // no BYSETPOS: stream one by one
        }
        if (year.isEmpty()) {
          return false;
        }
        ready.addAll(setPositions == null ? year : SubDailyRule.pick(year, setPositions));
      }
      return true;
    }

    @Override
    public LocalDateTime next() {
      if (!hasNext()) throw new NoSuchElementException();
      return ready.get(index++);
    }
  }
}
