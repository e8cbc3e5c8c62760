package dev.horae.event;

import dev.horae.recurrence.InvalidRecurrence;
import dev.horae.recurrence.RecurrenceSet;
import dev.horae.recurrence.Rule;
import dev.horae.recurrence.Rules;
import dev.horae.recurrence.Until;
import dev.horae.recurrence.ValueKind;
import dev.horae.shared.Rejection;
import dev.horae.shared.Violations;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An event's {@code recurrenceRule}: the Calendar V3 shape ({@code frequency}, {@code interval},
 * {@code days}, {@code until}) accepted as is, and Horae's superset in the same object: any
 * {@code frequency}, several {@code days}, or a full RFC 5545 rule in {@code rrule} (COUNT, BYxxx,
 * BYSETPOS, WKST…), plus {@code rdates} and {@code exdates}. Stored as the client's normalised
 * map; turned into a {@link RecurrenceSet} for expansion.
 *
 * <p>Structural mistakes are 400s naming the field; a rule RFC 5545 refuses is a 422 naming the
 * rule part (e.g. {@code BYDAY}).
 */
final class SeriesRule {
  static final String FIELD = "event.recurrenceRule";
  private static final Set<String> KEYS = Set.of("frequency", "interval", "days", "until", "adjustedUntil", "rrule", "rdates", "exdates");
  private static final List<String> FREQUENCIES = List.of("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY");

  private SeriesRule() {}

  /** Validates a client's rule for an event at {@code time} in {@code zone}; the normalised map to store. */
  static Map<String, Object> normalise(Object input, EventTime time, ZoneId zone, Violations v) {
    if (!(input instanceof Map<?, ?> raw)) {
      v.add(FIELD, "must be an object");
      return null;
    }
    for (Object key : raw.keySet()) {
      v.check(KEYS.contains(String.valueOf(key)), FIELD + "." + key, "is not a field of a recurrence rule");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    boolean full = raw.get("rrule") != null;
    if (full) {
      v.check(raw.get("frequency") == null && raw.get("interval") == null && raw.get("days") == null && raw.get("until") == null,
          FIELD, "give either rrule or frequency/interval/days/until, not both");
      v.check(raw.get("rrule") instanceof String, FIELD + ".rrule", "must be a string");
      if (raw.get("rrule") instanceof String text) {
        out.put("rrule", text.strip());
      }
    } else {
      Object frequency = raw.get("frequency");
      if (frequency == null) {
        v.add(FIELD + ".frequency", "is required");
      } else if (!FREQUENCIES.contains(String.valueOf(frequency))) {
        v.add(FIELD + ".frequency", "must be one of " + FREQUENCIES);
      } else {
        out.put("frequency", frequency);
      }
      Object interval = raw.get("interval");
      if (interval != null) {
        if (interval instanceof Integer n && n >= 1) {
          out.put("interval", n);
        } else {
          v.add(FIELD + ".interval", "must be a whole number, 1 or more");
        }
      } else {
        out.put("interval", 1);
      }
      List<String> days = new ArrayList<>();
      Object daysValue = raw.get("days");
      if (daysValue != null) {
        if (daysValue instanceof List<?> list) {
          for (int i = 0; i < list.size(); i++) {
            String day = String.valueOf(list.get(i));
            if (weekday(day) == null) {
              v.add(FIELD + ".days[" + i + "]", "must be MONDAY … SUNDAY");
            } else if (!days.contains(day)) {
              days.add(day);
            }
          }
        } else {
          v.add(FIELD + ".days", "must be a list of weekdays");
        }
      }
      if ("WEEKLY".equals(frequency)) {
        v.check(!days.isEmpty(), FIELD + ".days", "is required for a WEEKLY rule (at least one day)");
        if (time != null && !days.isEmpty()) {
          String startDay = time.startLocal().getDayOfWeek().name();
          v.check(days.contains(startDay), "event.start.localDate", "falls on a " + startDay + ", which is not one of recurrenceRule.days " + days);
        }
      }
      if (!days.isEmpty()) {
        out.put("days", days);
      }
      Object until = raw.get("until");
      if (until != null) {
        String local = until instanceof Map<?, ?> m && m.get("localDate") instanceof String s ? s : null;
        LocalDateTime parsed = local == null ? null : EventTimes.parse(local, FIELD + ".until.localDate", v);
        if (local == null) {
          v.add(FIELD + ".until.localDate", "is required when until is given");
        } else if (parsed != null && time != null && parsed.isBefore(time.startLocal())) {
          v.add(FIELD + ".until.localDate", "is before the event's start");
        }
        if (parsed != null) {
          out.put("until", Map.of("localDate", EventView.LOCAL.format(parsed)));
        }
      }
    }
    out.put("rdates", dates(raw.get("rdates"), FIELD + ".rdates", v));
    out.put("exdates", dates(raw.get("exdates"), FIELD + ".exdates", v));
    if (v.isEmpty() && time != null) {
      RecurrenceSet set = setOf(out, time, zone); // a rule RFC 5545 refuses throws a 422 naming the part
      if (out.get("rrule") instanceof String && set.rules().get(0).until() != null
          && set.rules().get(0).until().excludes(time.startLocal(), EventTime.instant(time.startLocal(), zone))) {
        // as the structured until: a series that ends before it starts is a mistake, not an empty series
        throw Rejection.unprocessable("INVALID_RECURRENCE_RULE", FIELD + ".rrule", "UNTIL: is before the event's start");
      }
    }
    return out;
  }

  /** The recurrence set of a series whose first occurrence is {@code time} in {@code zone}. */
  static RecurrenceSet setOf(Map<String, Object> rule, EventTime time, ZoneId zone) {
    ValueKind kind = time instanceof EventTime.AllDay ? ValueKind.DATE : ValueKind.ZONED;
    Rule parsed;
    try {
      if (rule.get("rrule") instanceof String text) {
        parsed = Rules.strict(text, kind, zone);
      } else {
        StringBuilder text = new StringBuilder("FREQ=").append(rule.get("frequency"));
        text.append(";INTERVAL=").append(rule.getOrDefault("interval", 1));
        if (rule.get("days") instanceof List<?> days && !days.isEmpty()) {
          text.append(";BYDAY=");
          for (int i = 0; i < days.size(); i++) {
            text.append(i == 0 ? "" : ",").append(String.valueOf(days.get(i)), 0, 2);
          }
        }
        Rule arithmetic = Rules.strict(text.toString(), kind, zone);
        Until until = null;
        if (rule.get("until") instanceof Map<?, ?> u && u.get("localDate") instanceof String local) {
          until = new Until.AtWallTime(LocalDateTime.parse(local));
        }
        parsed = new Rule(arithmetic.text(), arithmetic.frequency(), arithmetic.arithmetic(), null, until);
      }
    } catch (InvalidRecurrence e) {
      throw Rejection.unprocessable("INVALID_RECURRENCE_RULE", FIELD + (rule.containsKey("rrule") ? ".rrule" : ""),
          e.part() + ": " + e.getMessage());
    }

    return new RecurrenceSet(kind, time.startLocal(), zone, List.of(parsed), localDates(rule.get("rdates")), localDates(rule.get("exdates")));
  }

  static DayOfWeek weekday(String name) {
    try {
      return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<String> dates(Object value, String field, Violations v) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof List<?> list)) {
      v.add(field, "must be a list of local date-times");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      String text = item instanceof Map<?, ?> m && m.get("localDate") instanceof String s ? s : item instanceof String s ? s : null;
      LocalDateTime parsed = text == null ? null : EventTimes.parse(text, field + "[" + i + "]", v);
      if (text == null) {
        v.add(field + "[" + i + "]", "must be a local date-time (YYYY-MM-DDThh:mm:ss)");
      } else if (parsed != null) {
        out.add(EventView.LOCAL.format(parsed));
      }
    }
    return out;
  }

  private static List<LocalDateTime> localDates(Object value) {
    List<LocalDateTime> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        out.add(LocalDateTime.parse(String.valueOf(item)));
      }
    }
    return out;
  }
}
