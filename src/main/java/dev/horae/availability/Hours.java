package dev.horae.availability;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A resource's working hours as wall times: the openings that start on each local date, from one of
 * two sources, with date overrides on top.
 *
 * <ul>
 *   <li>A <em>weekly pattern</em>: per weekday a start and end as OnSched writes them (HHmm integers,
 *       {@code 0}–{@code 2400}; start = end means closed).
 *   <li><em>Dated openings</em>: the occurrences of the WORKING_HOURS events of the resource's
 *       working-hours schedule, as read for the asked window (a date without one is closed).
 * </ul>
 *
 * An override replaces what the source says on its date with one opening, or with none when closed.
 */
public final class Hours {
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

    /** The opening this makes on {@code date}; {@code 2400} ends at the next midnight. */
    Open on(LocalDate date) {
      LocalDateTime from = date.atTime(time(start));
      return new Open(from, end == 2400 ? date.plusDays(1).atStartOfDay() : date.atTime(time(end)));
    }

    static LocalTime time(int hhmm) {
      return hhmm == 2400 ? LocalTime.MIDNIGHT : LocalTime.of(hhmm / 100, hhmm % 100);
    }
  }

  /** One opening in wall time, {@code [start, end)}; it may end on a later date. */
  public record Open(LocalDateTime start, LocalDateTime end) {
    public Open {
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("an opening ends after it starts: " + start + "–" + end);
      }
    }
  }

  private final Map<DayOfWeek, Day> weekly; // null for dated openings
  private final Map<LocalDate, List<Open>> dated;
  private final Map<LocalDate, Day> overrides;

  /** A weekly pattern (a weekday not named is closed) with date overrides. */
  public Hours(Map<DayOfWeek, Day> weekly, Map<LocalDate, Day> overrides) {
    this.weekly = new EnumMap<>(DayOfWeek.class);
    this.weekly.putAll(weekly);
    this.dated = Map.of();
    this.overrides = Map.copyOf(overrides);
  }

  private Hours(Collection<Open> openings, Map<LocalDate, Day> overrides) {
    this.weekly = null;
    Map<LocalDate, List<Open>> byDate = new HashMap<>();
    for (Open o : openings) {
      byDate.computeIfAbsent(o.start().toLocalDate(), d -> new ArrayList<>()).add(o);
    }
    this.dated = byDate;
    this.overrides = Map.copyOf(overrides);
  }

  /** The given openings (the only ones: any other date is closed), with date overrides. */
  public static Hours dated(Collection<Open> openings, Map<LocalDate, Day> overrides) {
    return new Hours(openings, overrides);
  }

  /** The openings that start on {@code date}: its override's, else its source's. */
  public List<Open> on(LocalDate date) {
    Day d = overrides.get(date);
    if (d == null && weekly != null) {
      d = weekly.get(date.getDayOfWeek());
      if (d == null) {
        return List.of();
      }
    }
    if (d != null) {
      return d.closed() ? List.of() : List.of(d.on(date));
    }
    return dated.getOrDefault(date, List.of());
  }
}
