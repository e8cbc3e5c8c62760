package dev.horae.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * 10,000 random rules, expanded by our engine (lib-recur behind the port) and by a brute-force reading of the RFC (see
 * {@link DefinitionOracle} via {@link SetOracle}); every disagreement is reported with the rule that shows it. Starts are
 * drawn near DST transitions of zones with unusual ones: 30-minute DST (Lord Howe), midnight
 * transitions (Santiago, historic São Paulo), the southern hemisphere, and no DST at all. The seed is
 * fixed so a failure reproduces; {@code -Dhorae.differential.seed=…} explores others.
 */
class DifferentialTest {

  static final int RULES = 10_000;
  private static final List<ZoneId> ZONES = List.of(
      "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "America/Sao_Paulo",
      "Pacific/Chatham", "Asia/Kolkata", "Europe/London", "America/Havana", "UTC").stream().map(ZoneId::of).toList();
  private static final String[] FREQS = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
  private static final String[] DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  private static final DateTimeFormatter UTC_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final RecurrenceExpander expander = new LibRecurExpander();

  @Test
  void our_engine_and_the_definition_agree_on_10000_random_rules() {
    long seed = Long.getLong("horae.differential.seed", 20261121L);
    Random random = new Random(seed);
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    long occurrences = 0;
    for (int i = 0; i < RULES; i++) {
      Case c = randomCase(random);
      Rule rule = Rules.strict(c.rrule, ValueKind.ZONED, c.zone);
      RecurrenceSet set = RecurrenceSet.of(ValueKind.ZONED, c.dtstart, c.zone, rule);
      List<Occurrence> ours = expander.expand(set, c.from, c.to, c.cap).occurrences();
      Instant until = rule.until() instanceof Until.AtInstant at ? at.last() : null;
      List<Occurrence> theirs = SetOracle.expand(SetOracle.Source.valueOf(System.getProperty("horae.differential.oracle", "DEFINITION")), c.zone, c.dtstart, rule.arithmetic(), rule.count(), until, c.from, c.to, c.cap);
      compared++;
      occurrences += ours.size();
      if (!ours.equals(theirs)) {
        disagreements.add(c + "\n  ours:   " + head(ours) + "\n  oracle: " + head(theirs));
      }
    }
    try {
      java.nio.file.Files.write(java.nio.file.Path.of("target", "differential-disagreements.txt"), disagreements);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    System.out.printf("differential: %d rules, %d occurrences compared, %d disagreements (seed %d)%n", compared, occurrences, disagreements.size(), seed);
    assertThat(compared).isEqualTo(RULES);
    assertThat(occurrences).isGreaterThan(RULES);
    assertThat(disagreements).as("disagreements (first 5 shown)\n" + String.join("\n", disagreements.stream().limit(5).toList())).isEmpty();
  }

  private static String head(List<Occurrence> list) {
    return list.size() + " " + list.stream().limit(6).map(o -> o.local() + "@" + o.start()).toList();
  }

  record Case(ZoneId zone, LocalDateTime dtstart, String rrule, Instant from, Instant to, int cap) {
    @Override
    public String toString() {
      return "DTSTART;TZID=" + zone + ":" + dtstart + " RRULE:" + rrule + " window [" + from + ", " + to + ") cap " + cap;
    }
  }

  static Case randomCase(Random random) {
    ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
    Instant around = Instant.parse("2000-01-01T00:00:00Z").plus(Duration.ofDays(random.nextInt(365 * 35)));
    ZoneOffsetTransition transition = zone.getRules().nextTransition(around);
    LocalDateTime base = transition != null ? transition.getDateTimeBefore() : LocalDateTime.ofInstant(around, zone);
    LocalDateTime dtstart = switch (random.nextInt(4)) {
      case 0 -> base; // exactly at the transition: in the gap or the overlap
      case 1 -> base.plusMinutes(random.nextInt(181) - 90).withSecond(0);
      case 2 -> base.minusDays(random.nextInt(15)).withHour(random.nextInt(24)).withMinute(random.nextInt(4) * 15).withSecond(0);
      default -> base.minusDays(random.nextInt(400)).withHour(random.nextInt(24)).withMinute(random.nextInt(60)).withSecond(random.nextInt(3) == 0 ? random.nextInt(60) : 0);
    };
    String freq = FREQS[weighted(random)];
    boolean fine = freq.equals("SECONDLY") || freq.equals("MINUTELY");
    StringJoiner rule = new StringJoiner(";");
    rule.add("FREQ=" + freq);
    if (random.nextInt(3) == 0) {
      rule.add("INTERVAL=" + (1 + random.nextInt(fine ? 40 : 4)));
    }
    boolean hasBy = false;
    boolean yearlyWeekNo = false;
    if (random.nextInt(4) == 0) {
      rule.add("BYMONTH=" + ints(random, 1, 12, 1 + random.nextInt(4), false));
      hasBy = true;
    }
    if (freq.equals("YEARLY") && random.nextInt(6) == 0) {
      rule.add("BYWEEKNO=" + ints(random, 1, 53, 1 + random.nextInt(3), true));
      hasBy = true;
      yearlyWeekNo = true;
    }
    if ((freq.equals("YEARLY") || fine || freq.equals("HOURLY")) && random.nextInt(6) == 0) {
      rule.add("BYYEARDAY=" + ints(random, 1, 366, 1 + random.nextInt(3), true));
      hasBy = true;
    }
    if (!freq.equals("WEEKLY") && random.nextInt(4) == 0) {
      rule.add("BYMONTHDAY=" + ints(random, 1, 31, 1 + random.nextInt(4), true));
      hasBy = true;
    }
    if (random.nextInt(3) == 0) {
      boolean ordinals = (freq.equals("MONTHLY") || (freq.equals("YEARLY") && !yearlyWeekNo)) && random.nextBoolean();
      StringJoiner days = new StringJoiner(",");
      int n = 1 + random.nextInt(3);
      for (int d = 0; d < n; d++) {
        String day = DAYS[random.nextInt(7)];
        if (ordinals && random.nextBoolean()) {
          int max = freq.equals("MONTHLY") ? 5 : 53;
          int ordinal = 1 + random.nextInt(max);
          day = (random.nextBoolean() ? "-" : "") + ordinal + day;
        }
        days.add(day);
      }
      rule.add("BYDAY=" + days);
      hasBy = true;
    }
    if (!fine && random.nextInt(5) == 0) {
      rule.add("BYHOUR=" + ints(random, 0, 23, 1 + random.nextInt(3), false));
      hasBy = true;
    }
    if (random.nextInt(freq.equals("SECONDLY") ? 2 : 6) == 0) {
      rule.add("BYMINUTE=" + ints(random, 0, 59, 1 + random.nextInt(3), false));
      hasBy = true;
    }
    if (random.nextInt(freq.equals("SECONDLY") ? 2 : 12) == 0) {
      rule.add("BYSECOND=" + ints(random, 0, 59, 1 + random.nextInt(2), false));
      hasBy = true;
    }
    if (hasBy && random.nextInt(5) == 0) {
      rule.add("BYSETPOS=" + ints(random, 1, 4, 1 + random.nextInt(2), true));
    }
    if (random.nextInt(4) == 0) {
      rule.add("WKST=" + DAYS[random.nextInt(7)]);
    }
    Instant startInstant = WallClock.instant(dtstart, zone);
    Duration span = switch (freq) {
      case "SECONDLY" -> Duration.ofHours(2);
      case "MINUTELY" -> Duration.ofDays(2);
      case "HOURLY" -> Duration.ofDays(20);
      case "DAILY", "WEEKLY" -> Duration.ofDays(400);
      default -> Duration.ofDays(365 * 8);
    };
    switch (random.nextInt(3)) {
      case 0 -> rule.add("COUNT=" + (1 + random.nextInt(40)));
      case 1 -> rule.add("UNTIL=" + UTC_BASIC.format(startInstant.plus(Duration.ofSeconds((long) (random.nextDouble() * span.getSeconds())))));
      default -> { }
    }
    Instant from = random.nextInt(3) == 0 ? startInstant.minus(Duration.ofDays(1))
        : startInstant.plus(Duration.ofSeconds((long) (random.nextDouble() * span.getSeconds() / 2)));
    Instant to = from.plus(span);
    return new Case(zone, dtstart, rule.toString(), from, to, 1 + random.nextInt(300));
  }

  private static int weighted(Random random) {
    int r = random.nextInt(100);
    if (r < 3) return 0;
    if (r < 8) return 1;
    if (r < 20) return 2;
    if (r < 42) return 3;
    if (r < 64) return 4;
    if (r < 84) return 5;
    return 6;
  }

  private static String ints(Random random, int min, int max, int n, boolean negatives) {
    StringJoiner joiner = new StringJoiner(",");
    for (int i = 0; i < n; i++) {
      int value = min + random.nextInt(max - min + 1);
      joiner.add((negatives && random.nextInt(3) == 0 ? "-" : "") + value);
    }
    return joiner.toString();
  }
}
