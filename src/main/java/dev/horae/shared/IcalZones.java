package dev.horae.shared;

import biweekly.component.DaylightSavingsTime;
import biweekly.component.Observance;
import biweekly.component.StandardTime;
import biweekly.component.VTimezone;
import biweekly.util.DateTimeComponents;
import biweekly.util.DayOfWeek;
import biweekly.util.Frequency;
import biweekly.util.Recurrence;
import biweekly.util.UtcOffset;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;

/** iCalendar time zones, for every part of Horae that writes iCalendar (invitations, CalDAV objects). */
public final class IcalZones {
  private IcalZones() {}

  /**
   * A VTIMEZONE for {@code zone} from the JDK's rules: its yearly transition rules as STANDARD and
   * DAYLIGHT observances with RRULEs (from 1970, as Outlook and Google write them), or one STANDARD
   * observance at its current offset for a zone without DST.
   */
  public static VTimezone vtimezone(ZoneId zone) {
    VTimezone vt = new VTimezone(zone.getId());
    ZoneRules rules = zone.getRules();
    if (rules.getTransitionRules().isEmpty()) {
      ZoneOffset now = rules.getOffset(Instant.parse("2030-01-01T00:00:00Z"));
      StandardTime st = new StandardTime();
      st.setDateStart(new DateTimeComponents(1970, 1, 1, 0, 0, 0, false));
      st.setTimezoneOffsetFrom(offset(now));
      st.setTimezoneOffsetTo(offset(now));
      vt.addStandardTime(st);
      return vt;
    }
    for (ZoneOffsetTransitionRule r : rules.getTransitionRules()) {
      LocalDateTime before = r.createTransition(1970).getDateTimeBefore();
      Observance o = r.getOffsetAfter().equals(r.getStandardOffset()) ? new StandardTime() : new DaylightSavingsTime();
      o.setDateStart(new DateTimeComponents(before.getYear(), before.getMonthValue(), before.getDayOfMonth(), before.getHour(),
          before.getMinute(), before.getSecond(), false));
      o.setTimezoneOffsetFrom(offset(r.getOffsetBefore()));
      o.setTimezoneOffsetTo(offset(r.getOffsetAfter()));
      o.setRecurrenceRule(yearly(r));
      if (o instanceof StandardTime st) {
        vt.addStandardTime(st);
      } else {
        vt.addDaylightSavingsTime((DaylightSavingsTime) o);
      }
    }
    return vt;
  }

  /** The rule's day as RRULE parts: "the last Sunday", "the second Sunday", or "the Sunday on or after the 5th". */
  private static Recurrence yearly(ZoneOffsetTransitionRule r) {
    Recurrence.Builder b = new Recurrence.Builder(Frequency.YEARLY).byMonth(r.getMonth().getValue());
    int dom = r.getDayOfMonthIndicator();
    if (r.getDayOfWeek() == null) {
      return b.byMonthDay(dom).build();
    }
    DayOfWeek day = DayOfWeek.valueOfAbbr(r.getDayOfWeek().name().substring(0, 2));
    int length = r.getMonth().length(false);
    if (dom < 0) {
      if (dom == -1) {
        return b.byDay(-1, day).build(); // on or before the last day: the last such weekday
      }
      dom = length + 1 + dom; // on or before day (length+1+dom)
      dom -= 6;
    }
    if (dom + 6 >= length && r.getMonth().length(true) == length) {
      return b.byDay(-1, day).build();
    }
    if ((dom - 1) % 7 == 0) {
      return b.byDay((dom - 1) / 7 + 1, day).build();
    }
    for (int d = dom; d < dom + 7 && d <= length; d++) {
      b.byMonthDay(d);
    }
    return b.byDay(day).build();
  }

  private static UtcOffset offset(ZoneOffset o) {
    return new UtcOffset(o.getTotalSeconds() * 1000L);
  }
}
