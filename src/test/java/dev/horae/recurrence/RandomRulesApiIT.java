package dev.horae.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19's property test through the whole API path: random valid rules from the differential
 * generator (DTSTARTs at and near DST transitions in ten zones, in the future, as Calendar V3
 * requires of a series) are created as {@code recurrenceRule.rrule} MASTERs. Every answer is a 200
 * or a 4xx problem (the only one expected: more occurrences than a series may hold); none is a
 * 5xx. For every series made, the occurrences Query Events answers for its first 60 days are the
 * ones the engine expands for the same rule, instant for instant. Seeded: {@code
 * -Dhorae.it.rules.seed=…} replays another run.
 */
class RandomRulesApiIT extends ApiTest {
  private static final int SERIES = 120;
  private final RecurrenceExpander expander = new LibRecurExpander();

  @Test
  void random_valid_rules_through_the_api_are_never_5xx_and_materialise_as_the_engine_expands() {
    long seed = Long.getLong("horae.it.rules.seed", 20261203L);
    Random random = new Random(seed);
    Fixtures fixtures = new Fixtures(api);
    Map<ZoneId, String> schedules = new HashMap<>();
    LocalDate tomorrow = LocalDate.now(ZoneId.of("UTC")).plusDays(2);
    // occurrences are materialised up to the events view's end: every series' first 60 days must be before it
    Instant viewEnd = Instant.parse(api.get("/calendar/v3/events/view").at("/eventsView/endDate").stringValue());
    int made = 0;
    int refused = 0;
    List<String> problems = new ArrayList<>();
    while (made + refused < SERIES) {
      DifferentialTest.Case drawn = DifferentialTest.randomCase(random);
      // the API keeps written times to the minute: the engine is given the DTSTART the API stores
      DifferentialTest.Case c = new DifferentialTest.Case(drawn.zone(), drawn.dtstart().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
          drawn.rrule(), drawn.from(), drawn.to(), drawn.cap());
      if (c.dtstart().toLocalDate().isBefore(tomorrow) || !WallClock.instant(c.dtstart().plusDays(61), c.zone()).isBefore(viewEnd)) {
        continue; // a series must start today or later, and its first 60 days must be in the events view
      }
      String schedule = schedules.computeIfAbsent(c.zone(), z -> fixtures.schedule(Map.of("name", "Rules " + z, "timeZone", z.getId())));
      LocalDateTime end = c.dtstart().plusMinutes(30);
      Response r = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule, "title", "Rule",
          "start", Map.of("localDate", c.dtstart().toString()), "end", Map.of("localDate", end.toString()),
          "recurrenceRule", Map.of("rrule", c.rrule()))));
      if (r.status() != 200) {
        refused++;
        if (r.status() >= 500 || !r.contentType().startsWith("application/problem+json")
            || !"TOO_MANY_OCCURRENCES".equals(r.at("/code").stringValue())) {
          problems.add(c + " → " + r);
        }
        continue;
      }
      made++;
      String master = r.at("/event/id").stringValue();
      LocalDateTime to = c.dtstart().plusDays(60);
      Response page = api.post("/calendar/v3/events/query", Map.of("fromLocalDate", c.dtstart().toString(), "toLocalDate", to.toString(),
          "timeZone", c.zone().getId(), "query", Map.of("filter", Map.of("recurringEventId", master), "cursorPaging", Map.of("limit", 50))));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      List<Instant> served = new ArrayList<>();
      for (JsonNode o : page.json().get("events")) {
        served.add(Instant.parse(o.at("/start/utcDate").stringValue()));
      }
      Rule rule = Rules.strict(c.rrule(), ValueKind.ZONED, c.zone());
      Instant from = WallClock.instant(c.dtstart(), c.zone());
      List<Instant> expanded = expander.expand(RecurrenceSet.of(ValueKind.ZONED, c.dtstart(), c.zone(), rule),
              from.minusSeconds(1), WallClock.instant(to, c.zone()), 50)
          .occurrences().stream().map(Occurrence::start).toList();
      if (!served.equals(expanded)) {
        problems.add(c + "\n  served:   " + served.stream().limit(6).toList() + " (" + served.size() + ")\n  expanded: "
            + expanded.stream().limit(6).toList() + " (" + expanded.size() + ")");
      }
    }
    System.out.printf("random rules through the API: %d series made, %d refused as too many occurrences, %d problems (seed %d)%n",
        made, refused, problems.size(), seed);
    assertThat(made).as("most random rules make a series").isGreaterThan(SERIES / 2);
    assertThat(problems).as("first 5:\n" + String.join("\n", problems.stream().limit(5).toList())).isEmpty();
  }
}
