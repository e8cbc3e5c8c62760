package dev.horae.availability;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * A resource's working hours: per weekday a start and end as OnSched writes them (HHmm integers,
 * {@code 0}–{@code 2400}; start = end means closed), and date overrides that replace a weekday's
 * hours on one date.
 */
public record Hours(Map<DayOfWeek, Day> weekly, Map<LocalDate, Day> overrides) {
  /** One day's hours, HHmm; {@code 2400} is the end of the day. */
  public record Day(int start, int end) {
    public Day {
      if (!valid(start) || !valid(end) || end < start) {
        throw new IllegalArgumentException("hours must be HHmm between 0 and 2400, end not before start: " + start + "–" + end);
      }
    }

    public boolean closed() {
      return start == end;
    }

    static boolean valid(int hhmm) {
      return hhmm >= 0 && hhmm <= 2400 && hhmm % 100 < 60;
    }

    static LocalTime time(int hhmm) {
      return hhmm == 2400 ? LocalTime.MIDNIGHT : LocalTime.of(hhmm / 100, hhmm % 100);
    }
  }

  public Hours {
    weekly = new EnumMap<>(weekly.isEmpty() ? Map.of(DayOfWeek.MONDAY, new Day(0, 0)) : weekly);
    overrides = Map.copyOf(overrides);
  }

  /** The hours that apply on {@code date}: its override, else its weekday's (closed when none). */
  public Day on(LocalDate date) {
    Day d = overrides.get(date);
    if (d != null) {
      return d;
    }
    return weekly.getOrDefault(date.getDayOfWeek(), new Day(0, 0));
  }
}
