package dev.horae.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates 10,000 weekly MASTER events through the HTTP API (4 concurrent clients, 100 schedules) on
 * a fresh database, each materialised for the one-year events view with its outbox records, and
 * prints the total time, masters and instances per second, and the latency of one create.
 *
 * <p>System properties: bench.url, bench.jdbc, bench.key, bench.masters (10000), bench.clients (4).
 */
public final class MaterialiseSeriesBenchmark {
  private static final String[] DAYS = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("bench.url", "http://127.0.0.1:18090");
    String jdbc = System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/horae_bench_series?user=postgres");
    String key = System.getProperty("bench.key", "hk_bench_series");
    int masters = Integer.getInteger("bench.masters", 10_000);
    int clients = Integer.getInteger("bench.clients", 4);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    List<String> schedules = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String body = send(http, url, key, "/calendar/v3/schedules", "{\"schedule\":{\"name\":\"Room " + i + "\",\"timeZone\":\"Europe/Berlin\"}}");
      schedules.add(body.replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1"));
    }
    LocalDate monday = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    // warm-up: 200 creates, not measured
    for (int i = 0; i < 200; i++) {
      create(http, url, key, schedules.get(i % 100), monday, i);
    }
    long[] nanos = new long[masters];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients, r -> { // daemons: a failed create ends the run instead of leaving it waiting
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    });
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      done.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < masters; i = next.getAndIncrement()) {
          long t0 = System.nanoTime();
          create(http, url, key, schedules.get(i % 100), monday, i);
          nanos[i] = System.nanoTime() - t0;
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    long instances;
    long outbox;
    try (Connection db = DriverManager.getConnection(jdbc)) {
      instances = count(db, "select count(*) from event where recurrence_type = 'INSTANCE'");
      outbox = count(db, "select count(*) from domain_event");
    }
    Arrays.sort(nanos);
    System.out.printf("%d weekly masters (+200 warm-up) for a one-year view, %d clients: %.1f s, %.0f masters/s%n", masters, clients, seconds, masters / seconds);
    System.out.printf("instances materialised in total: %d (%.0f/s during the run); outbox records: %d%n", instances, instances * (masters / (masters + 200.0)) / seconds, outbox);
    System.out.printf("one create (master + ~52 instances + ~53 outbox records): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
        nanos[masters / 2] / 1e6, nanos[(int) (masters * 0.95)] / 1e6, nanos[(int) (masters * 0.99)] / 1e6);
  }

  private static void create(HttpClient http, String url, String key, String schedule, LocalDate monday, int i) throws Exception {
    int day = i % 7;
    LocalDate first = monday.plusDays(day);
    int hour = 7 + (i % 11);
    String start = first + "T" + String.format("%02d", hour) + ":00:00";
    String end = first + "T" + String.format("%02d", hour) + ":45:00";
    send(http, url, key, "/calendar/v3/events", "{\"event\":{\"scheduleId\":\"" + schedule + "\",\"title\":\"Series " + i
        + "\",\"start\":{\"localDate\":\"" + start + "\"},\"end\":{\"localDate\":\"" + end
        + "\"},\"recurrenceRule\":{\"frequency\":\"WEEKLY\",\"days\":[\"" + DAYS[day] + "\"]}}}");
  }

  private static String send(HttpClient http, String url, String key, String path, String json) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(java.time.Duration.ofSeconds(60)) // a lost answer fails the run, never stalls it
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static long count(Connection db, String sql) throws Exception {
    try (ResultSet rs = db.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
