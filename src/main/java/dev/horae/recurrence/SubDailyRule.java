package dev.horae.recurrence;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * HOURLY, MINUTELY and SECONDLY rules, stepped in wall time. For these frequencies RFC 5545 makes
 * BYMONTH, BYYEARDAY, BYMONTHDAY and BYDAY limits on the day, BYHOUR (and BYMINUTE, BYSECOND at or
 * above the frequency) limits on the period, and the finer parts expand within the period; BYSETPOS
 * picks from each period's set. Days that fail the day limits are skipped whole, so a rule that
 * matches once a year costs a year of day checks, not 8,760 empty hours.
 */
final class SubDailyRule {

  private final ChronoUnit unit;
  private final long step; // seconds of wall time between period starts
  private final LocalDateTime base; // start of DTSTART's period
  private final LocalDateTime dtstart;
  private final List<Integer> months;
  private final List<Integer> yearDays;
  private final List<Integer> monthDays;
  private final List<DayOfWeek> weekdays;
  private final List<Integer> hours;
  private final List<Integer> minutes;
  private final List<Integer> seconds;
  private final List<Integer> setPositions;

  SubDailyRule(Map<String, String> parts, LocalDateTime dtstart) {
    String freq = parts.get("FREQ");
    this.unit = switch (freq) {
      case "HOURLY" -> ChronoUnit.HOURS;
      case "MINUTELY" -> ChronoUnit.MINUTES;
      default -> ChronoUnit.SECONDS;
    };
    int interval = parts.containsKey("INTERVAL") ? Integer.parseInt(parts.get("INTERVAL")) : 1;
    this.step = unit.getDuration().getSeconds() * interval;
    this.dtstart = dtstart;
    this.base = dtstart.truncatedTo(unit);
    this.months = ints(parts.get("BYMONTH"));
    this.yearDays = ints(parts.get("BYYEARDAY"));
    this.monthDays = ints(parts.get("BYMONTHDAY"));
    List<DayOfWeek> days = new ArrayList<>();
    if (parts.containsKey("BYDAY")) {
      for (String day : parts.get("BYDAY").split(",")) {
        days.add(weekday(day.substring(day.length() - 2))); // ordinals are not allowed below DAILY
      }
    }
    this.weekdays = days;
    this.hours = ints(parts.get("BYHOUR"));
    this.minutes = ints(parts.get("BYMINUTE"));
    this.seconds = ints(parts.get("BYSECOND"));
    this.setPositions = ints(parts.get("BYSETPOS"));
  }

  Iterator<LocalDateTime> iterator(LocalDateTime fastForwardTo, LocalDateTime horizon) {
    LocalDate firstDay = fastForwardTo != null && fastForwardTo.isAfter(base) ? fastForwardTo.toLocalDate() : base.toLocalDate();
    return new Iterator<>() {
      private LocalDate day = firstDay;
      private long n = firstPeriodOn(firstDay);
      private final List<LocalDateTime> ready = new ArrayList<>();
      private int index;

      @Override
      public boolean hasNext() {
        while (index >= ready.size()) {
          ready.clear();
          index = 0;
          if (day.isAfter(horizon.toLocalDate())) {
            return false;
          }
          if (!dayMatches(day)) {
            day = day.plusDays(1);
            n = firstPeriodOn(day);
            continue;
          }
          LocalDateTime period = base.plusSeconds(n * step);
          if (!period.toLocalDate().equals(day)) {
            day = day.plusDays(1);
            n = firstPeriodOn(day);
            continue;
          }
          n++;
          for (LocalDateTime candidate : candidates(period)) {
            if (!candidate.isBefore(dtstart)) {
              ready.add(candidate);
            }
          }
        }
        return true;
      }

      @Override
      public LocalDateTime next() {
        if (!hasNext()) throw new NoSuchElementException();
        return ready.get(index++);
      }
    };
  }

  /** The index of the first period that starts on {@code day} or later. */
  private long firstPeriodOn(LocalDate day) {
    long offset = ChronoUnit.SECONDS.between(base, day.atStartOfDay());
    return offset <= 0 ? 0 : (offset + step - 1) / step;
  }

  private boolean dayMatches(LocalDate day) {
    if (!months.isEmpty() && !months.contains(day.getMonthValue())) return false;
    if (!weekdays.isEmpty() && !weekdays.contains(day.getDayOfWeek())) return false;
    if (!monthDays.isEmpty() && monthDays.stream().noneMatch(n -> n > 0 ? day.getDayOfMonth() == n : day.lengthOfMonth() + 1 + n == day.getDayOfMonth())) return false;
    return yearDays.isEmpty() || yearDays.stream().anyMatch(n -> n > 0 ? day.getDayOfYear() == n : day.lengthOfYear() + 1 + n == day.getDayOfYear());
  }

  /** The period's set: its own fields limited, finer fields expanded (or taken from DTSTART), then BYSETPOS. */
  private List<LocalDateTime> candidates(LocalDateTime period) {
    if (!hours.isEmpty() && !hours.contains(period.getHour())) return List.of();
    if (unit != ChronoUnit.HOURS && !minutes.isEmpty() && !minutes.contains(period.getMinute())) return List.of();
    if (unit == ChronoUnit.SECONDS && !seconds.isEmpty() && !seconds.contains(period.getSecond())) return List.of();
    TreeSet<LocalDateTime> set = new TreeSet<>();
    List<Integer> minuteValues = unit == ChronoUnit.HOURS ? (minutes.isEmpty() ? List.of(dtstart.getMinute()) : minutes) : List.of(period.getMinute());
    List<Integer> secondValues = unit == ChronoUnit.SECONDS ? List.of(period.getSecond()) : (seconds.isEmpty() ? List.of(dtstart.getSecond()) : seconds);
    for (int minute : minuteValues) {
      for (int second : secondValues) {
        set.add(period.withMinute(minute).withSecond(second));
      }
    }
    List<LocalDateTime> all = new ArrayList<>(set);
    return setPositions.isEmpty() ? all : pick(all, setPositions);
  }

  /** BYSETPOS: 1-based positions, negative from the end, out-of-range ones ignored; result in order. */
  static List<LocalDateTime> pick(List<LocalDateTime> sorted, List<Integer> positions) {
    TreeSet<LocalDateTime> picked = new TreeSet<>();
    for (int position : positions) {
      int index = position > 0 ? position - 1 : sorted.size() + position;
      if (index >= 0 && index < sorted.size()) picked.add(sorted.get(index));
    }
    return new ArrayList<>(picked);
  }

  static List<Integer> ints(String csv) {
    List<Integer> values = new ArrayList<>();
    if (csv != null) {
      for (String value : csv.split(",")) {
        values.add(Integer.parseInt(value.startsWith("+") ? value.substring(1) : value));
      }
    }
    return values;
  }

  static DayOfWeek weekday(String code) {
    return switch (code) {
      case "MO" -> DayOfWeek.MONDAY;
      case "TU" -> DayOfWeek.TUESDAY;
      case "WE" -> DayOfWeek.WEDNESDAY;
      case "TH" -> DayOfWeek.THURSDAY;
      case "FR" -> DayOfWeek.FRIDAY;
      case "SA" -> DayOfWeek.SATURDAY;
      case "SU" -> DayOfWeek.SUNDAY;
      default -> throw new InvalidRecurrence("BYDAY", "unknown weekday '" + code + "'");
    };
  }

  static String code(DayOfWeek day) {
    return day.name().substring(0, 2);
  }
}
