package dev.horae.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 19's second oracle: random rules from {@link DifferentialTest}'s generator (starts at and
 * near DST transitions in ten zones, inside gaps and overlaps), expanded by our engine and by
 * python-dateutil with zoneinfo (Debian's {@code python3-dateutil}; {@code scripts/ensure-dateutil.sh}
 * installs it), a third-party engine that shares none of our code or reading. The RFC readings
 * dateutil does not make itself (gap times, §3.3.10) are applied by {@code dateutil/expand.py}, and
 * the cases the RFC leaves undefined (a DTSTART the rule does not generate) or where dateutil counts
 * an ignored gap time toward COUNT are skipped and counted, not compared. Every compared case must
 * agree; the figures are printed and written to {@code target/dateutil-differential.txt}.
 */
class DateutilDifferentialTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Enough random rules that at least 10,000 are compared after the skipped ones. */
  private static final int CASES = 14_000;
  private final RecurrenceExpander expander = new LibRecurExpander();

  @Test
  void our_engine_and_python_dateutil_agree_on_at_least_10000_compared_random_rules() throws Exception {
    long seed = Long.getLong("horae.differential.seed", 20261121L);
    Random random = new Random(seed);
    List<DifferentialTest.Case> cases = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      cases.add(DifferentialTest.randomCase(random));
    }
    Path script = Path.of("src/test/resources/dateutil/expand.py");
    Process python = new ProcessBuilder("python3", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
      try (Writer in = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8)) {
        for (int i = 0; i < cases.size(); i++) {
          DifferentialTest.Case c = cases.get(i);
          in.write(JSON.writeValueAsString(Map.of("id", i, "zone", c.zone().getId(), "dtstart", c.dtstart().toString(), "rrule", c.rrule(),
              "from", c.from().getEpochSecond(), "to", c.to().getEpochSecond(), "cap", c.cap(), "timeOfDayFromStart", timeOfDayFromStart(c.rrule()))));
          in.write('\n');
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Map<String, Integer> skipped = new TreeMap<>();
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    long occurrences = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        JsonNode answer = JSON.readTree(line);
        DifferentialTest.Case c = cases.get(answer.get("id").intValue());
        if (answer.has("skip")) {
          skipped.merge(answer.get("skip").stringValue(), 1, Integer::sum);
          continue;
        }
        List<Long> theirs = new ArrayList<>();
        answer.get("starts").forEach(s -> theirs.add(s.longValue()));
        Rule rule = Rules.strict(c.rrule(), ValueKind.ZONED, c.zone());
        List<Long> ours = expander.expand(RecurrenceSet.of(ValueKind.ZONED, c.dtstart(), c.zone(), rule), c.from(), c.to(), c.cap())
            .occurrences().stream().map(o -> o.start().getEpochSecond()).toList();
        compared++;
        occurrences += ours.size();
        if (!ours.equals(theirs)) {
          disagreements.add(c + "\n  ours:     " + head(ours) + "\n  dateutil: " + head(theirs));
        }
      }
    }
    feeding.join();
    assertThat(python.waitFor()).as("the dateutil script's exit (is python3-dateutil installed? scripts/ensure-dateutil.sh)").isZero();
    String figures = String.format("dateutil differential: %d rules, %d compared (%d occurrences), %d disagreements, skipped %s (seed %d)",
        cases.size(), compared, occurrences, disagreements.size(), skipped, seed);
    System.out.println(figures);
    List<String> report = new ArrayList<>(List.of(figures));
    report.addAll(disagreements);
    Files.write(Path.of("target", "dateutil-differential.txt"), report);
    assertThat(compared + skipped.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(cases.size());
    assertThat(compared).as("at least 10,000 rules compared, not skipped").isGreaterThanOrEqualTo(10_000);
    assertThat(disagreements).as("disagreements (first 5 shown)\n" + String.join("\n", disagreements.stream().limit(5).toList())).isEmpty();
  }

  /** RFC 5545's split, written here from the rule text: DAILY or coarser without BYHOUR/BYMINUTE/BYSECOND takes its time of day from DTSTART. */
  private static boolean timeOfDayFromStart(String rrule) {
    String r = rrule.toUpperCase(Locale.ROOT);
    return !(r.contains("FREQ=HOURLY") || r.contains("FREQ=MINUTELY") || r.contains("FREQ=SECONDLY") || r.contains("BYHOUR=")
        || r.contains("BYMINUTE=") || r.contains("BYSECOND="));
  }

  private static String head(List<Long> list) {
    return list.size() + " " + list.stream().limit(6).map(java.time.Instant::ofEpochSecond).toList();
  }
}
