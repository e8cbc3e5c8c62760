package dev.horae.recurrence;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The wall times an RRULE names, computed from the definition in RFC 5545 §3.3.10 by brute force and
 * nothing else: the periods of FREQ are stepped by INTERVAL from DTSTART's period; in each period
 * every candidate date-time that meets every BYxxx part (expanding parts expand, limiting parts
 * limit, so the period's set is the intersection) is taken, missing parts taken from DTSTART as the
 * RFC says; BYSETPOS picks from the period's sorted set. Slow and obvious on purpose: it is the
 * second implementation for the differential test, written from the RFC without looking at
 * lib-recur.
 */
final class DefinitionOracle {

  private DefinitionOracle() {}

  /** Wall times named by {@code arithmetic} (no COUNT/UNTIL) that are at or after DTSTART and not after {@code horizon}. */
  static List<LocalDateTime> wallTimes(String arithmetic, LocalDateTime dtstart, LocalDateTime horizon) {
    Map<String, String> parts = new TreeMap<>();
    for (String part : arithmetic.split(";")) {
      String[] kv = part.split("=", 2);
      parts.put(kv[0].toUpperCase(Locale.ROOT), kv[1].toUpperCase(Locale.ROOT));
    }
    String freq = parts.get("FREQ");
    int interval = parts.containsKey("INTERVAL") ? Integer.parseInt(parts.get("INTERVAL")) : 1;
    List<Integer> byMonth = ints(parts.get("BYMONTH"));
    List<Integer> byWeekNo = ints(parts.get("BYWEEKNO"));
    List<Integer> byYearDay = ints(parts.get("BYYEARDAY"));
    List<Integer> byMonthDay = ints(parts.get("BYMONTHDAY"));
    List<int[]> byDay = days(parts.get("BYDAY"));
    List<Integer> byHour = ints(parts.get("BYHOUR"));
    List<Integer> byMinute = ints(parts.get("BYMINUTE"));
    List<Integer> bySecond = ints(parts.get("BYSECOND"));
    List<Integer> bySetPos = ints(parts.get("BYSETPOS"));
    DayOfWeek wkst = parts.containsKey("WKST") ? day(parts.get("WKST")) : DayOfWeek.MONDAY;

    // "Information, not contained in the rule, ... [is] derived from DTSTART".
    int rank = List.of("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY").indexOf(freq);
    if (bySecond.isEmpty() && rank > 0) bySecond = List.of(dtstart.getSecond());
    if (byMinute.isEmpty() && rank > 1) byMinute = List.of(dtstart.getMinute());
    if (byHour.isEmpty() && rank > 2) byHour = List.of(dtstart.getHour());
    boolean noDayParts = byWeekNo.isEmpty() && byYearDay.isEmpty() && byMonthDay.isEmpty() && byDay.isEmpty();
    switch (freq) {
      case "WEEKLY" -> {
        if (byDay.isEmpty()) byDay = List.<int[]>of(new int[] {0, dtstart.getDayOfWeek().getValue()});
      }
      case "MONTHLY" -> {
        if (byDay.isEmpty() && byMonthDay.isEmpty()) byMonthDay = List.of(dtstart.getDayOfMonth());
      }
      case "YEARLY" -> {
        if (noDayParts) {
          byMonthDay = List.of(dtstart.getDayOfMonth());
          if (byMonth.isEmpty()) byMonth = List.of(dtstart.getMonthValue());
        } else if (!byWeekNo.isEmpty() && byDay.isEmpty() && byYearDay.isEmpty() && byMonthDay.isEmpty()) {
          byDay = List.<int[]>of(new int[] {0, dtstart.getDayOfWeek().getValue()});
        }
      }
      default -> { }
    }
    Spec spec = new Spec(freq, byMonth, byWeekNo, byYearDay, byMonthDay, byDay, byHour, byMinute, bySecond, wkst);

    List<LocalDateTime> out = new ArrayList<>();
    for (long k = 0; ; k++) {
      Period period = period(freq, dtstart, wkst, k * interval);
      if (period.from.isAfter(horizon)) {
        break;
      }
      TreeSet<LocalDateTime> set = new TreeSet<>();
      for (LocalDateTime candidate : period.candidates(spec)) {
        if (spec.matches(candidate)) {
          set.add(candidate);
        }
      }
      List<LocalDateTime> chosen = new ArrayList<>(set);
      if (!bySetPos.isEmpty()) {
        TreeSet<LocalDateTime> picked = new TreeSet<>();
        for (int pos : bySetPos) {
          int index = pos > 0 ? pos - 1 : chosen.size() + pos;
          if (index >= 0 && index < chosen.size()) picked.add(chosen.get(index));
        }
        chosen = new ArrayList<>(picked);
      }
      for (LocalDateTime t : chosen) {
        if (!t.isBefore(dtstart) && !t.isAfter(horizon)) out.add(t);
      }
    }
    return out;
  }

  private record Spec(String freq, List<Integer> byMonth, List<Integer> byWeekNo, List<Integer> byYearDay, List<Integer> byMonthDay,
      List<int[]> byDay, List<Integer> byHour, List<Integer> byMinute, List<Integer> bySecond, DayOfWeek wkst) {

    boolean matches(LocalDateTime t) {
      LocalDate d = t.toLocalDate();
      if (!byMonth.isEmpty() && !byMonth.contains(d.getMonthValue())) return false;
      if (!byWeekNo.isEmpty() && !weekNoMatches(d)) return false;
      if (!byYearDay.isEmpty() && byYearDay.stream().noneMatch(n -> n > 0 ? d.getDayOfYear() == n : d.lengthOfYear() + 1 + n == d.getDayOfYear())) return false;
      if (!byMonthDay.isEmpty() && byMonthDay.stream().noneMatch(n -> n > 0 ? d.getDayOfMonth() == n : d.lengthOfMonth() + 1 + n == d.getDayOfMonth())) return false;
      if (!byDay.isEmpty() && byDay.stream().noneMatch(bd -> dayMatches(d, bd))) return false;
      if (!byHour.isEmpty() && !byHour.contains(t.getHour())) return false;
      if (!byMinute.isEmpty() && !byMinute.contains(t.getMinute())) return false;
      return bySecond.isEmpty() || bySecond.contains(t.getSecond());
    }

    private boolean dayMatches(LocalDate d, int[] bd) {
      if (d.getDayOfWeek().getValue() != bd[1]) return false;
      int n = bd[0];
      if (n == 0) return true;
      // An ordinal counts within the month for MONTHLY, and for YEARLY with BYMONTH; else within the year.
      if (freq.equals("MONTHLY") || !byMonth.isEmpty()) {
        return n > 0 ? (d.getDayOfMonth() - 1) / 7 + 1 == n : (d.lengthOfMonth() - d.getDayOfMonth()) / 7 + 1 == -n;
      }
      return n > 0 ? (d.getDayOfYear() - 1) / 7 + 1 == n : (d.lengthOfYear() - d.getDayOfYear()) / 7 + 1 == -n;
    }

    /** Week 1 is the first week (starting on WKST) with at least four days in the year. */
    private boolean weekNoMatches(LocalDate d) {
      int year = d.getYear();
      LocalDate week1 = week1(year, wkst);
      LocalDate nextWeek1 = week1(year + 1, wkst);
      int weekYear = year;
      if (d.isBefore(week1)) {
        weekYear = year - 1;
      } else if (!d.isBefore(nextWeek1)) {
        weekYear = year + 1;
      }
      LocalDate start = week1(weekYear, wkst);
      int weeks = (int) (ChronoUnit.DAYS.between(start, week1(weekYear + 1, wkst)) / 7);
      int week = (int) (ChronoUnit.DAYS.between(start, d) / 7) + 1;
      return byWeekNo.stream().anyMatch(n -> n > 0 ? n == week : weeks + 1 + n == week);
    }

    private static LocalDate week1(int year, DayOfWeek wkst) {
      LocalDate jan4 = LocalDate.of(year, 1, 4);
      return jan4.with(TemporalAdjusters.previousOrSame(wkst));
    }
  }

  private record Period(String freq, LocalDateTime from) {
    List<LocalDateTime> candidates(Spec spec) {
      List<LocalDateTime> out = new ArrayList<>();
      switch (freq) {
        case "SECONDLY" -> out.add(from);
        case "MINUTELY" -> {
          for (int s : orAll(spec.bySecond, 60)) out.add(from.withSecond(s));
        }
        case "HOURLY" -> {
          for (int m : orAll(spec.byMinute, 60)) for (int s : orAll(spec.bySecond, 60)) out.add(from.withMinute(m).withSecond(s));
        }
        default -> {
          LocalDate first = from.toLocalDate();
          LocalDate end = switch (freq) {
            case "DAILY" -> first.plusDays(1);
            case "WEEKLY" -> first.plusWeeks(1);
            case "MONTHLY" -> first.plusMonths(1);
            default -> first.plusYears(1);
          };
          for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
            for (int h : orAll(spec.byHour, 24)) for (int m : orAll(spec.byMinute, 60)) for (int s : orAll(spec.bySecond, 60)) {
              out.add(d.atTime(LocalTime.of(h, m, s)));
            }
          }
        }
      }
      return out;
    }

    private static List<Integer> orAll(List<Integer> values, int n) {
      if (!values.isEmpty()) return values;
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < n; i++) all.add(i);
      return all;
    }
  }

  private static Period period(String freq, LocalDateTime dtstart, DayOfWeek wkst, long steps) {
    return switch (freq) {
      case "SECONDLY" -> new Period(freq, dtstart.plusSeconds(steps));
      case "MINUTELY" -> new Period(freq, dtstart.truncatedTo(ChronoUnit.MINUTES).plusMinutes(steps));
      case "HOURLY" -> new Period(freq, dtstart.truncatedTo(ChronoUnit.HOURS).plusHours(steps));
      case "DAILY" -> new Period(freq, dtstart.toLocalDate().plusDays(steps).atStartOfDay());
      case "WEEKLY" -> new Period(freq, dtstart.toLocalDate().with(TemporalAdjusters.previousOrSame(wkst)).plusWeeks(steps).atStartOfDay());
      case "MONTHLY" -> new Period(freq, dtstart.toLocalDate().withDayOfMonth(1).plusMonths(steps).atStartOfDay());
      default -> new Period(freq, dtstart.toLocalDate().withDayOfYear(1).plusYears(steps).atStartOfDay());
    };
  }

  private static List<Integer> ints(String csv) {
    List<Integer> out = new ArrayList<>();
    if (csv != null) {
      for (String v : csv.split(",")) out.add(Integer.parseInt(v.startsWith("+") ? v.substring(1) : v));
    }
    return out;
  }

  private static List<int[]> days(String csv) {
    List<int[]> out = new ArrayList<>();
    if (csv != null) {
      for (String v : csv.split(",")) {
        String ordinal = v.substring(0, v.length() - 2);
        out.add(new int[] {ordinal.isEmpty() || ordinal.equals("+") ? 0 : Integer.parseInt(ordinal.replace("+", "")), day(v.substring(v.length() - 2)).getValue()});
      }
    }
    return out;
  }

  private static DayOfWeek day(String two) {
    return switch (two) {
      case "MO" -> DayOfWeek.MONDAY;
      case "TU" -> DayOfWeek.TUESDAY;
      case "WE" -> DayOfWeek.WEDNESDAY;
      case "TH" -> DayOfWeek.THURSDAY;
      case "FR" -> DayOfWeek.FRIDAY;
      case "SA" -> DayOfWeek.SATURDAY;
      default -> DayOfWeek.SUNDAY;
    };
  }
}
