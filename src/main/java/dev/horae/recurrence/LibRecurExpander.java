package dev.horae.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.dmfs.rfc5545.DateTime;

/**
 * Expands with lib-recur. lib-recur answers which wall times a rule names; this class applies what
 * RFC 5545 defines against the zone and the set (§3.3.5, §3.3.10, §3.8.5): a generated wall time in
 * a DST gap is kept, moved forward, when its time of day is DTSTART's, and otherwise dropped before
 * it is counted; {@code UNTIL} bounds inclusively (by the instant when
 * it is UTC); {@code DTSTART} is the first occurrence and counts as one; RDATEs are added, EXDATEs
 * removed; duplicates collapse.
 */
public final class LibRecurExpander implements RecurrenceExpander {

  /** Candidates examined per rule and call before giving up; reached only by pathological rules. */
  static final long MAX_SCAN = 5_000_000;

  private static final Comparator<Occurrence> ORDER =
      Comparator.comparing(Occurrence::start).thenComparing(Occurrence::local);

  @Override
  public Expansion expand(RecurrenceSet set, Instant fromIncluding, Instant toExcluding, int cap) {
    if (cap < 1 || cap > MAX_CAP) {
      throw new IllegalArgumentException("cap must be 1.." + MAX_CAP + ", not " + cap);
    }
    if (!fromIncluding.isBefore(toExcluding)) {
      return new Expansion(List.of(), false);
    }
    Window window = new Window(fromIncluding, toExcluding);
    Set<LocalDateTime> excluded = new HashSet<>(set.exdates());
    List<Occurrence> found = new ArrayList<>();
    boolean capped = false;

    add(found, set, window, excluded, set.start());
    for (LocalDateTime rdate : set.rdates()) {
      add(found, set, window, excluded, rdate);
    }
    for (Rule rule : set.rules()) {
      capped |= expandRule(found, set, rule, window, excluded, cap);
    }

    found.sort(ORDER);
    List<Occurrence> unique = new ArrayList<>(Math.min(found.size(), cap));
    Set<LocalDateTime> seenLocal = new HashSet<>();
    Set<Instant> seenStart = new HashSet<>();
    for (Occurrence occurrence : found) {
      if (seenLocal.add(occurrence.local()) & seenStart.add(occurrence.start())) {
        if (unique.size() == cap) {
          return new Expansion(unique, true);
        }
        unique.add(occurrence);
      }
    }
    return new Expansion(unique, capped && unique.size() == cap);
  }

  private static void add(List<Occurrence> found, RecurrenceSet set, Window window, Set<LocalDateTime> excluded, LocalDateTime local) {
    if (excluded.contains(local)) {
      return;
    }
    Instant start = WallClock.instant(local, set.zone());
    if (window.contains(start)) {
      found.add(new Occurrence(local, start));
    }
  }

  /** Returns true when the cap stopped this rule inside the window. */
  private static boolean expandRule(
      List<Occurrence> found, RecurrenceSet set, Rule rule, Window window, Set<LocalDateTime> excluded, int cap) {
    boolean dates = set.kind() == ValueKind.DATE;
    boolean timeOfDayFromStart = timeOfDayFromStart(rule);
    RulePlan plan = RulePlan.of(rule.arithmetic(), set.start(), dates);
    int counted = 1; // DTSTART is the first occurrence and counts as one
    int inWindow = 0;
    long scanned = 0;
    try {
      Iterator<LocalDateTime> iterator =
          plan.iterator(rule.count() == null && window.earliestWallTime.isAfter(set.start()) ? window.earliestWallTime : null, window.latestWallTime);
      while (iterator.hasNext()) {
        if (++scanned > MAX_SCAN) {
          return true;
        }
        LocalDateTime local = iterator.next();
        if (local.isAfter(window.latestWallTime)) {
          return false;
        }
        if (!local.isAfter(set.start())) {
          continue;
        }
        if (set.kind() == ValueKind.ZONED && !timeOfDayFromStart && !WallClock.exists(local, set.zone())) {
          continue; // RFC 5545 §3.3.10: a time the rule's BYHOUR/BYMINUTE/BYSECOND or sub-daily steps make is ignored and not counted
        }
        // a gap time whose time of day is DTSTART's is kept: its instant moves forward by the gap (§3.3.5), as DTSTART's would
        Instant start = WallClock.instant(local, set.zone());
        if (rule.until() != null && rule.until().excludes(local, start)) {
          return false;
        }
        if (rule.count() != null && ++counted > rule.count()) {
          return false;
        }
        if (excluded.contains(local) || !window.contains(start)) {
          continue;
        }
        found.add(new Occurrence(local, start));
        if (++inWindow >= cap) {
          return true;
        }
      }
    } catch (IllegalArgumentException | IllegalStateException noMoreInstances) {
      // lib-recur gives up on rules that name no further instance (e.g. 30 February): the set ends.
    }
    return false;
  }

  /**
   * Whether every occurrence's time of day is DTSTART's: a DAILY or coarser rule without BYHOUR,
   * BYMINUTE and BYSECOND. Such an occurrence that falls in a DST gap is the series' usual time on a
   * day that lacks it, and is kept, moved forward (what Google Calendar, Outlook, Apple Calendar and
   * python-dateutil do); a time of day the rule itself generates into a gap is not an occurrence.
   */
  static boolean timeOfDayFromStart(Rule rule) {
    if (rule.frequency().equals("HOURLY") || rule.frequency().equals("MINUTELY") || rule.frequency().equals("SECONDLY")) {
      return false;
    }
    for (String part : rule.arithmetic().toUpperCase(java.util.Locale.ROOT).split(";")) {
      if (part.startsWith("BYHOUR=") || part.startsWith("BYMINUTE=") || part.startsWith("BYSECOND=")) {
        return false;
      }
    }
    return true;
  }

  static DateTime toLibRecur(LocalDateTime local, boolean date) {
    return date
        ? new DateTime(local.getYear(), local.getMonthValue() - 1, local.getDayOfMonth())
        : new DateTime(local.getYear(), local.getMonthValue() - 1, local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond());
  }

  static LocalDateTime fromLibRecur(DateTime value) {
    return value.isAllDay()
        ? LocalDateTime.of(value.getYear(), value.getMonth() + 1, value.getDayOfMonth(), 0, 0)
        : LocalDateTime.of(value.getYear(), value.getMonth() + 1, value.getDayOfMonth(), value.getHours(), value.getMinutes(), value.getSeconds());
  }

  /** The window, and the wall times that can fall in it in any zone (offsets stay within ±18 h). */
  private static final class Window {
    final Instant from;
    final Instant to;
    final LocalDateTime earliestWallTime;
    final LocalDateTime latestWallTime;

    Window(Instant from, Instant to) {
      this.from = from;
      this.to = to;
      this.earliestWallTime = LocalDateTime.ofInstant(from, ZoneOffset.UTC).minusDays(2);
      this.latestWallTime = LocalDateTime.ofInstant(to, ZoneOffset.UTC).plusDays(2);
    }

    boolean contains(Instant instant) {
      return !instant.isBefore(from) && instant.isBefore(to);
    }
  }
}
