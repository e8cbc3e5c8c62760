package dev.horae.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.model.Recur;

/**
 * A second, independent expansion for differential tests: {@link DefinitionOracle} (or ical4j's
 * {@link Recur}) names the wall
 * times, and the RFC 5545 set rules are applied here as the RFC words them, written without looking
 * at the production code: DTSTART is the first occurrence and counts as one (§3.8.5.3); a generated
 * wall time that does not exist in the zone is ignored and not counted (§3.3.10) when the rule made
 * its time of day (BYHOUR, BYMINUTE, BYSECOND, or an HOURLY/MINUTELY/SECONDLY step), and otherwise,
 * its time of day being DTSTART's, is read as DTSTART would be (§3.3.5); COUNT then counts;
 * UNTIL is inclusive, compared as an instant when it is UTC; written values in a gap take the offset
 * before the gap and in an overlap the first occurrence (§3.3.5).
 */
final class SetOracle {

  enum Source { ICAL4J, DEFINITION }

  static {
    // ical4j stops after 1,000 increments without a match; sparse rules need more than that.
    System.setProperty("net.fortuna.ical4j.recur.maxincrementcount", "100000");
  }

  private SetOracle() {}

  static List<Occurrence> expand(
      Source source, ZoneId zone, LocalDateTime dtstart, String arithmetic, Integer count, Instant untilUtc, Instant from, Instant to, int cap) {
    LocalDateTime horizon = LocalDateTime.ofInstant(to, zone).plusDays(2);
    List<LocalDateTime> named = source == Source.ICAL4J
        ? new ArrayList<>(new Recur<LocalDateTime>(arithmetic).getDates(dtstart, dtstart, horizon))
        : DefinitionOracle.wallTimes(arithmetic, dtstart, horizon);
    TreeSet<LocalDateTime> sorted = new TreeSet<>(named);

    Set<Occurrence> set = new LinkedHashSet<>();
    set.add(new Occurrence(dtstart, rfc3_3_5(dtstart, zone)));
    int counted = 1;
    String upper = arithmetic.toUpperCase(java.util.Locale.ROOT);
    boolean ruleMakesTimes = upper.matches("(.*;)?(BYHOUR|BYMINUTE|BYSECOND)=.*") || upper.matches("(.*;)?FREQ=(HOURLY|MINUTELY|SECONDLY)(;.*)?");
    for (LocalDateTime local : sorted) {
      if (!local.isAfter(dtstart)) {
        continue;
      }
      boolean inGap = zone.getRules().getValidOffsets(local).isEmpty();
      if (inGap && ruleMakesTimes) {
        continue;
      }
      Instant instant = rfc3_3_5(local, zone);
      if (untilUtc != null && instant.isAfter(untilUtc)) {
        break;
      }
      if (count != null && ++counted > count) {
        break;
      }
      set.add(new Occurrence(local, instant));
    }
    // §3.8.5.2: "where duplicate instances are generated ... only one recurrence is considered";
    // two wall times naming one instant (a written value shifted out of a gap) are one occurrence.
    Set<Instant> seen = new java.util.HashSet<>();
    return set.stream()
        .sorted((a, b) -> a.start().compareTo(b.start()) != 0 ? a.start().compareTo(b.start()) : a.local().compareTo(b.local()))
        .filter(o -> seen.add(o.start()))
        .filter(o -> !o.start().isBefore(from) && o.start().isBefore(to))
        .limit(cap)
        .toList();
  }

  /** §3.3.5, spelled out: in a gap, the offset before the gap; in an overlap, the earlier offset. */
  private static Instant rfc3_3_5(LocalDateTime local, ZoneId zone) {
    var rules = zone.getRules();
    var offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      var transition = rules.getTransition(local);
      return local.toInstant(transition.getOffsetBefore());
    }
    return ZonedDateTime.ofStrict(local, offsets.get(0), zone).toInstant();
  }
}
