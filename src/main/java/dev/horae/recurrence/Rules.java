package dev.horae.recurrence;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRule.RfcMode;

/**
 * Parses RRULE values. {@link #strict} is for API input: anything RFC 5545 forbids is refused with
 * the part named. {@link #lenient} is for calendar data from providers: what can be read sensibly is
 * read (an {@code UNTIL} of the wrong value type is converted).
 */
public final class Rules {

  private static final Pattern PART = Pattern.compile("[A-Za-z][A-Za-z0-9-]*=[^;=]*");
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,9}");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT);

  private Rules() {}

  public static Rule strict(String text, ValueKind kind, ZoneId zone) {
    return parse(text, kind, zone, true);
  }

  public static Rule lenient(String text, ValueKind kind, ZoneId zone) {
    return parse(text, kind, zone, false);
  }

  private static Rule parse(String written, ValueKind kind, ZoneId zone, boolean strict) {
    if (written == null || written.isBlank()) {
      throw new InvalidRecurrence("RRULE", "the rule is empty");
    }
    String text = written.strip();
    if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
      text = text.substring(6);
    }
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : text.split(";", -1)) {
      if (part.isEmpty() && !strict) {
        continue;
      }
      if (!PART.matcher(part).matches()) {
        throw new InvalidRecurrence(nameOf(part), "'" + part + "' is not a rule part of the form NAME=value");
      }
      int eq = part.indexOf('=');
      String name = part.substring(0, eq).toUpperCase(Locale.ROOT);
      if (parts.put(name, part.substring(eq + 1)) != null) {
        throw new InvalidRecurrence(name, name + " appears more than once");
      }
    }
    String freq = parts.get("FREQ");
    if (freq == null) {
      throw new InvalidRecurrence("FREQ", "FREQ is required");
    }
    Integer count = null;
    Until until = null;
    String countText = parts.remove("COUNT");
    String untilText = parts.remove("UNTIL");
    if (countText != null && untilText != null) {
      throw new InvalidRecurrence("UNTIL", "COUNT and UNTIL must not occur in the same rule");
    }
    if (countText != null) {
      if (!INTEGER.matcher(countText).matches() || Integer.parseInt(countText) < 1) {
        throw new InvalidRecurrence("COUNT", "COUNT must be a positive integer, not '" + countText + "'");
      }
      count = Integer.parseInt(countText);
    }
    if (untilText != null) {
      until = until(untilText, kind, zone, strict);
    }
    StringBuilder arithmetic = new StringBuilder();
    parts.forEach((name, value) -> {
      if (arithmetic.length() > 0) {
        arithmetic.append(';');
      }
      arithmetic.append(name).append('=').append(value);
    });
    String compiled = arithmetic.toString();
    if (strict) {
      ranges(parts);
    }
    check(compiled, freq, parts, strict);
    return new Rule(text, freq.toUpperCase(Locale.ROOT), compiled, count, until);
  }

  /** RFC 5545 §3.3.10's ranges of the numeric BY parts (lib-recur lets some through, e.g. BYSETPOS=367). */
  private static final Map<String, int[]> RANGES = Map.of(
      "BYSECOND", new int[] {0, 60, 0}, "BYMINUTE", new int[] {0, 59, 0}, "BYHOUR", new int[] {0, 23, 0},
      "BYMONTHDAY", new int[] {1, 31, 1}, "BYYEARDAY", new int[] {1, 366, 1}, "BYWEEKNO", new int[] {1, 53, 1},
      "BYMONTH", new int[] {1, 12, 0}, "BYSETPOS", new int[] {1, 366, 1});

  /** Each value of a numeric BY part within its range ({@code [min, max]}, and {@code -max..-min} where the part may count from the end). */
  private static void ranges(Map<String, String> parts) {
    RANGES.forEach((name, range) -> {
      String value = parts.get(name);
      if (value == null) {
        return;
      }
      for (String item : value.split(",", -1)) {
        int n;
        try {
          n = Integer.parseInt(item.startsWith("+") ? item.substring(1) : item);
        } catch (NumberFormatException e) {
          throw new InvalidRecurrence(name, name + " must list integers, not '" + item + "'");
        }
        boolean negative = range[2] == 1 && n <= -range[0] && n >= -range[1];
        if (!negative && (n < range[0] || n > range[1])) {
          throw new InvalidRecurrence(name, name + " values must be " + range[0] + " to " + range[1]
              + (range[2] == 1 ? " or -" + range[1] + " to -" + range[0] : "") + ", not " + item);
        }
      }
    });
  }

  private static void check(String arithmetic, String freq, Map<String, String> parts, boolean strict) {
    try {
      new RecurrenceRule(arithmetic, strict ? RfcMode.RFC5545_STRICT : RfcMode.RFC5545_LAX);
    } catch (InvalidRecurrenceRuleException | IllegalArgumentException whole) {
      try {
        new RecurrenceRule("FREQ=" + freq, RfcMode.RFC5545_STRICT);
      } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
        throw new InvalidRecurrence("FREQ", "FREQ must be one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY, not '" + freq + "'");
      }
      // Name the part: the first one that fails on its own, else the whole rule's message names it.
      for (Map.Entry<String, String> part : parts.entrySet()) {
        if (part.getKey().equals("FREQ") || part.getKey().equals("BYSETPOS")) {
          continue;
        }
        try {
          new RecurrenceRule("FREQ=" + freq + ";" + part.getKey() + "=" + part.getValue(), RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
          throw new InvalidRecurrence(part.getKey(), part.getKey() + "=" + part.getValue() + ": " + e.getMessage());
        }
      }
      String message = whole.getMessage() == null ? "invalid rule" : whole.getMessage();
      String named = parts.keySet().stream().filter(message::contains).findFirst().orElse("RRULE");
      throw new InvalidRecurrence(named, message);
    }
  }

  private static Until until(String value, ValueKind kind, ZoneId zone, boolean strict) {
    try {
      if (value.length() == 8) {
        LocalDate date = LocalDate.parse(value, DATE);
        if (kind == ValueKind.DATE) {
          return new Until.AtWallTime(date.atStartOfDay());
        }
        if (strict) {
          throw new InvalidRecurrence("UNTIL", "UNTIL must be a date-time like the start, not the date '" + value + "'");
        }
        return new Until.AtWallTime(date.atTime(LocalTime.MAX));
      }
      boolean utc = value.endsWith("Z") || value.endsWith("z");
      LocalDateTime local = LocalDateTime.parse(utc ? value.substring(0, value.length() - 1) : value, DATE_TIME);
      switch (kind) {
        case DATE -> {
          if (strict) {
            throw new InvalidRecurrence("UNTIL", "UNTIL must be a date (YYYYMMDD) when the start is a date, not '" + value + "'");
          }
          LocalDate last = utc ? local.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate() : local.toLocalDate();
          return new Until.AtWallTime(last.atStartOfDay());
        }
        case ZONED -> {
          if (!utc && strict) {
            throw new InvalidRecurrence("UNTIL", "UNTIL must be a UTC date-time (YYYYMMDDTHHMMSSZ) when the start has a time zone, not '" + value + "'");
          }
          return utc ? new Until.AtInstant(local.toInstant(ZoneOffset.UTC)) : new Until.AtInstant(WallClock.instant(local, zone));
        }
        default -> {
          if (utc && strict) {
            throw new InvalidRecurrence("UNTIL", "UNTIL must be a local date-time (no Z) when the start is floating, not '" + value + "'");
          }
          Instant instant = local.toInstant(ZoneOffset.UTC);
          return new Until.AtWallTime(utc ? LocalDateTime.ofInstant(instant, zone) : local);
        }
      }
    } catch (DateTimeException e) {
      throw new InvalidRecurrence("UNTIL", "UNTIL '" + value + "' is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z])");
    }
  }

  private static String nameOf(String part) {
    int eq = part.indexOf('=');
    String name = (eq < 0 ? part : part.substring(0, eq)).toUpperCase(Locale.ROOT);
    return name.isEmpty() || name.length() > 20 ? "RRULE" : name;
  }
}
