package dev.horae.resource;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OnSched's weekly hours ({@code sun..sat: {startTime, endTime}}, HHmm) as a view of WORKING_HOURS
 * masters, and back. A master repeating every week (or every day), without an end before today,
 * opens each of its days from its start's time of day to its end's ({@code 2400} when it ends on a
 * later date); two on one day show as the span from the earlier start to the later end. Other
 * shapes (every second week, a monthly rule) count in availability but can't be shown in this view.
 */
final class WeeklyHours {
  private WeeklyHours() {}

  /** One WORKING_HOURS master: its first occurrence in wall time and its recurrence rule as stored. */
  record Master(LocalDateTime start, LocalDateTime end, Map<String, Object> rule) {}

  private static final Pattern RRULE_WEEKLY = Pattern.compile("(?i)^FREQ=(WEEKLY|DAILY)(;INTERVAL=1)?(;BYDAY=((?:MO|TU|WE|TH|FR|SA|SU)(?:,(?:MO|TU|WE|TH|FR|SA|SU))*))?$");
  private static final List<String> CODES = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

  /** The week the masters make, every day present (closed days 0–0). */
  static Map<String, Map<String, Integer>> of(List<Master> masters, LocalDate today) {
    int[] start = new int[7];
    int[] end = new int[7];
    boolean[] open = new boolean[7];
    for (Master m : masters) {
      for (DayOfWeek day : days(m, today)) {
        int i = day.getValue() % 7; // sun = 0
        int s = m.start().getHour() * 100 + m.start().getMinute();
        int e = m.end().toLocalDate().isAfter(m.start().toLocalDate()) ? 2400 : m.end().getHour() * 100 + m.end().getMinute();
        start[i] = open[i] ? Math.min(start[i], s) : s;
        end[i] = open[i] ? Math.max(end[i], e) : e;
        open[i] = true;
      }
    }
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (int i = 0; i < 7; i++) {
      out.put(Resource.DAYS.get(i), day(open[i] ? start[i] : 0, open[i] ? end[i] : 0));
    }
    return out;
  }

  /** OnSched's input with every day present (a day not given is closed): how it reads back. */
  static Map<String, Map<String, Integer>> complete(Map<String, Map<String, Integer>> input) {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (String d : Resource.DAYS) {
      Map<String, Integer> day = input.get(d);
      int s = day == null ? 0 : day.getOrDefault("startTime", 0);
      int e = day == null ? 0 : day.getOrDefault("endTime", 0);
      out.put(d, day(s == e ? 0 : s, s == e ? 0 : e));
    }
    return out;
  }

  private static Map<String, Integer> day(int start, int end) {
    Map<String, Integer> out = new LinkedHashMap<>();
    out.put("startTime", start);
    out.put("endTime", end);
    return out;
  }

  /** The weekdays a master opens every week, none for a shape this view can't show. */
  private static List<DayOfWeek> days(Master m, LocalDate today) {
    Map<String, Object> rule = m.rule() == null ? Map.of() : m.rule();
    List<DayOfWeek> out = new ArrayList<>();
    if (rule.get("rrule") instanceof String text) {
      Matcher matcher = RRULE_WEEKLY.matcher(text.strip());
      if (!matcher.matches()) {
        return out;
      }
      if (matcher.group(4) != null) {
        for (String code : matcher.group(4).toUpperCase().split(",")) {
          out.add(DayOfWeek.of(CODES.indexOf(code) + 1));
        }
      } else if (matcher.group(1).equalsIgnoreCase("DAILY")) {
        out.addAll(List.of(DayOfWeek.values()));
      } else {
        out.add(m.start().getDayOfWeek());
      }
      return out;
    }
    if (rule.get("until") instanceof Map<?, ?> until && until.get("localDate") instanceof String local
        && LocalDateTime.parse(local).toLocalDate().isBefore(today)) {
      return out;
    }
    if (!(rule.get("interval") == null || Integer.valueOf(1).equals(rule.get("interval")))) {
      return out;
    }
    if ("DAILY".equals(rule.get("frequency"))) {
      out.addAll(List.of(DayOfWeek.values()));
    } else if ("WEEKLY".equals(rule.get("frequency"))) {
      if (rule.get("days") instanceof List<?> days && !days.isEmpty()) {
        days.forEach(d -> out.add(DayOfWeek.valueOf(String.valueOf(d))));
      } else {
        out.add(m.start().getDayOfWeek());
      }
    }
    return out;
  }
}
