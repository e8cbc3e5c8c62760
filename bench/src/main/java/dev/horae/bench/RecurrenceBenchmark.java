package dev.horae.bench;

import dev.horae.recurrence.LibRecurExpander;
import dev.horae.recurrence.RecurrenceExpander;
import dev.horae.recurrence.RecurrenceSet;
import dev.horae.recurrence.Rules;
import dev.horae.recurrence.ValueKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.model.Recur;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Expansion throughput, in one run: a daily and a weekly (Mon/Wed/Fri) 09:00 Europe/Berlin rule over
 * 10 years, by lib-recur used directly, by ical4j, and by Horae's port (lib-recur plus the RFC 5545
 * set and time-zone rules). Prints occurrences per second for each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecurrenceBenchmark {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final LocalDateTime START = LocalDateTime.parse("2027-01-04T09:00:00");
  static final Instant FROM = START.atZone(BERLIN).toInstant();
  static final Instant TO = START.plusYears(10).atZone(BERLIN).toInstant();

  @Param({"FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE,FR"})
  public String rule;

  private RecurrenceExpander port;
  private RecurrenceSet set;
  private RecurrenceRule libRecur;
  private DateTime libRecurStart;
  private Recur<ZonedDateTime> ical4j;
  private ZonedDateTime zonedStart;
  private ZonedDateTime zonedEnd;

  @Setup
  public void setUp() throws Exception {
    port = new LibRecurExpander();
    set = RecurrenceSet.of(ValueKind.ZONED, START, BERLIN, Rules.strict(rule, ValueKind.ZONED, BERLIN));
    libRecur = new RecurrenceRule(rule);
    libRecurStart = new DateTime(TimeZone.getTimeZone(BERLIN), START.getYear(), START.getMonthValue() - 1, START.getDayOfMonth(), 9, 0, 0);
    System.setProperty("net.fortuna.ical4j.recur.maxincrementcount", "100000");
    ical4j = new Recur<>(rule);
    zonedStart = START.atZone(BERLIN);
    zonedEnd = START.plusYears(10).atZone(BERLIN);
  }

  @Benchmark
  public int horaePort() {
    return port.expand(set, FROM, TO, RecurrenceExpander.MAX_CAP).occurrences().size();
  }

  @Benchmark
  public int libRecurDirect() {
    RecurrenceRuleIterator it = libRecur.iterator(libRecurStart);
    long end = TO.toEpochMilli();
    int n = 0;
    while (it.hasNext()) {
      if (it.nextMillis() >= end) {
        break;
      }
      n++;
    }
    return n;
  }

  @Benchmark
  public int ical4j() {
    return ical4j.getDates(zonedStart, zonedStart, zonedEnd).size();
  }

  public static void main(String[] args) throws Exception {
    Collection<RunResult> results = new Runner(new OptionsBuilder().include(RecurrenceBenchmark.class.getSimpleName()).build()).run();
    RecurrenceBenchmark probe = new RecurrenceBenchmark();
    System.out.println();
    System.out.printf("%-32s %-16s %12s %12s %16s%n", "rule (10 years, Europe/Berlin)", "implementation", "occurrences", "µs/expansion", "occurrences/s");
    for (RunResult r : results) {
      probe.rule = r.getParams().getParam("rule");
      probe.setUp();
      String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
      int count = switch (method) {
        case "horaePort" -> probe.horaePort();
        case "libRecurDirect" -> probe.libRecurDirect();
        default -> probe.ical4j();
      };
      double micros = r.getPrimaryResult().getScore();
      System.out.printf("%-32s %-16s %12d %12.1f %16.0f%n", probe.rule, method, count, micros, count / (micros / 1e6));
    }
  }
}
