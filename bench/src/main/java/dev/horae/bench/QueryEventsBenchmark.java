package dev.horae.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Query Events for a one-week window of one schedule, through the HTTP API and as the same query in
 * raw SQL over JDBC, interleaved in one run against the same PostgreSQL holding 1,000,000 events
 * across 1,000 schedules. Prints p50/p99 of both and their ratio.
 *
 * <p>Arguments (system properties): bench.url (service base URL), bench.jdbc, bench.key (API key),
 * bench.warmup, bench.iterations, and optionally bench.urlWithoutLimits: a second service on the same
 * database with rate limits off, measured interleaved with the first, so the cost of the limits
 * shows in one run.
 */
public final class QueryEventsBenchmark {
  static final int SCHEDULES = 1_000;
  static final int EVENTS_PER_SCHEDULE = 1_000;
  static final String ZONE = "Europe/Berlin";

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("bench.url", "http://127.0.0.1:18089");
    String jdbc = System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/horae_bench?user=postgres");
    String key = System.getProperty("bench.key", "hk_bench");
    int warmup = Integer.getInteger("bench.warmup", 1_000);
    int iterations = Integer.getInteger("bench.iterations", 5_000);
    String urlWithoutLimits = System.getProperty("bench.urlWithoutLimits", "");

    try (Connection db = DriverManager.getConnection(jdbc)) {
      UUID tenant = tenantOf(db, key);
      seed(db, tenant);
      List<UUID> schedules = schedules(db, tenant);
      HttpClient http = HttpClient.newHttpClient();
      Random random = new Random(42);
      String sql = rawSql();
      long[] httpNanos = new long[iterations];
      long[] sqlNanos = new long[iterations];
      long[] unlimitedNanos = new long[iterations];
      int httpRows = 0;
      int sqlRows = 0;
      try (PreparedStatement ps = db.prepareStatement(sql)) {
        for (int i = -warmup; i < iterations; i++) {
          UUID schedule = schedules.get(random.nextInt(schedules.size()));
          LocalDate monday = LocalDate.of(2027, 1, 4).plusWeeks(random.nextInt(50));
          // the second service goes before or after the first by turns, so neither gains from its place
          boolean secondFirst = !urlWithoutLimits.isEmpty() && (i & 1) == 1;
          long s0 = System.nanoTime();
          if (secondFirst) {
            httpQuery(http, urlWithoutLimits, key, schedule, monday);
          }
          long t0 = System.nanoTime();
          String body = httpQuery(http, url, key, schedule, monday);
          long t1 = System.nanoTime();
          int rows = sqlQuery(ps, tenant, schedule, monday);
          long t2 = System.nanoTime();
          if (!urlWithoutLimits.isEmpty() && !secondFirst) {
            httpQuery(http, urlWithoutLimits, key, schedule, monday);
          }
          long t3 = System.nanoTime();
          if (i >= 0) {
            httpNanos[i] = t1 - t0;
            sqlNanos[i] = t2 - t1;
            unlimitedNanos[i] = secondFirst ? t0 - s0 : t3 - t2;
            httpRows += count(body);
            sqlRows += rows;
          }
        }
      }
      if (httpRows != sqlRows) {
        throw new IllegalStateException("HTTP returned " + httpRows + " events, SQL " + sqlRows + ": not the same query");
      }
      report(iterations, httpNanos, sqlNanos, httpRows);
      if (!urlWithoutLimits.isEmpty()) {
        Arrays.sort(unlimitedNanos);
        double p50 = pct(unlimitedNanos, 50);
        double p99 = pct(unlimitedNanos, 99);
        // bench.secondLabel names what the second service is (by default: the same jar with rate limits off)
        String second = System.getProperty("bench.secondLabel", "rate limits off");
        System.out.printf("  HTTP API, %s : p50 %7.3f ms   p99 %7.3f ms%n", second, p50, p99);
        System.out.printf("  the first adds over it : p50 %7.3f ms   p99 %7.3f ms%n", pct(httpNanos, 50) - p50, pct(httpNanos, 99) - p99);
      }
    }
  }

  static UUID tenantOf(Connection db, String key) throws Exception {
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    try (PreparedStatement ps = db.prepareStatement("select tenant_id from api_key where key_hash = ?")) {
      ps.setString(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("No tenant for the benchmark key; start the service with HORAE_BOOTSTRAP_API_KEY");
        }
        return rs.getObject(1, UUID.class);
      }
    }
  }

  /** 1,000 schedules x 1,000 one-hour events through 2027 (about 19 per schedule and week). */
  static void seed(Connection db, UUID tenant) throws Exception {
    try (PreparedStatement ps = db.prepareStatement("select count(*) from event where tenant_id = ?")) {
      ps.setObject(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) >= (long) SCHEDULES * EVENTS_PER_SCHEDULE) {
          System.out.println("Data already seeded: " + rs.getLong(1) + " events");
          return;
        }
      }
    }
    System.out.println("Seeding " + SCHEDULES + " schedules x " + EVENTS_PER_SCHEDULE + " events ...");
    long t0 = System.nanoTime();
    db.setAutoCommit(false);
    try (Statement st = db.createStatement()) {
      st.execute("delete from participation where tenant_id = '" + tenant + "'");
      st.execute("delete from event where tenant_id = '" + tenant + "'");
      st.execute("delete from schedule where tenant_id = '" + tenant + "'");
      st.execute("insert into schedule (tenant_id, id, name, status, time_zone, business_time_zone_enabled, revision,"
          + " created_at, updated_at) select '" + tenant + "', gen_random_uuid(), 'bench-' || g, 'ACTIVE', '" + ZONE
          + "', true, 1, now(), now() from generate_series(1, " + SCHEDULES + ") g");
      st.execute("insert into event (tenant_id, id, schedule_id, type, status, title, time_zone, start_local, end_local,"
          + " start_utc, end_utc, all_day, recurrence_type, transparency, resources, resource_ids, resource_types,"
          + " resource_schedule_ids, resource_transparencies, total_capacity, remaining_capacity, participants_total,"
          + " participants_pending, inherited_fields, revision, created_at, updated_at)"
          + " select s.tenant_id, replace(s.id::text, '-', '') || lpad(to_hex(g), 32, '0'), s.id, 'DEFAULT', 'CONFIRMED',"
          + " 'Bench ' || g, '" + ZONE + "', t.ts, t.ts + interval '1 hour', t.ts at time zone '" + ZONE + "',"
          + " (t.ts + interval '1 hour') at time zone '" + ZONE + "', false, 'NONE', 'OPAQUE', '[]'::jsonb, '{}', '{}', '{}', '{}',"
          + " 10, 10, 0, 0, '{TITLE}', 1, now(), now()"
          + " from schedule s cross join generate_series(0, " + (EVENTS_PER_SCHEDULE - 1) + ") g"
          + " cross join lateral (select timestamp '2027-01-01 00:00' + (g % 365) * interval '1 day'"
          + "   + (8 + (g / 365) * 3) * interval '1 hour' as ts) t"
          + " where s.tenant_id = '" + tenant + "'");
    }
    db.commit();
    db.setAutoCommit(true);
    try (Statement st = db.createStatement()) {
      st.execute("vacuum analyze event");
      st.execute("vacuum analyze schedule");
    }
    System.out.printf("Seeded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  static List<UUID> schedules(Connection db, UUID tenant) throws Exception {
    List<UUID> ids = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement("select id from schedule where tenant_id = ? and name like 'bench-%'")) {
      ps.setObject(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return ids;
  }

  static String httpQuery(HttpClient http, String url, String key, UUID schedule, LocalDate monday) throws Exception {
    String body = "{\"fromLocalDate\":\"" + monday.atStartOfDay() + ":00\",\"toLocalDate\":\"" + monday.plusDays(7).atStartOfDay()
        + ":00\",\"timeZone\":\"" + ZONE + "\",\"query\":{\"filter\":{\"scheduleId\":\"" + schedule
        + "\"},\"cursorPaging\":{\"limit\":100}}}";
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/calendar/v3/events/query"))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** The query the service runs for that request, as the service's own SQL, with rows read out. */
  static String rawSql() {
    return "select e.*, s.name as schedule_name from event e join schedule s on s.tenant_id = e.tenant_id"
        + " and s.id = e.schedule_id where e.tenant_id = ? and e.recurrence_type in ('NONE', 'INSTANCE', 'EXCEPTION')"
        + " and e.type <> 'WORKING_HOURS' and e.end_utc > ? and e.start_utc < ?"
        + " and tstzrange(e.start_utc, e.end_utc, '[)') && tstzrange(?, ?, '[)') and e.schedule_id = ?"
        + " order by e.start_utc asc, e.id asc limit 101";
  }

  static int sqlQuery(PreparedStatement ps, UUID tenant, UUID schedule, LocalDate monday) throws Exception {
    ZoneId zone = ZoneId.of(ZONE);
    var from = LocalDateTime.of(monday, java.time.LocalTime.MIDNIGHT).atZone(zone).toOffsetDateTime();
    var to = LocalDateTime.of(monday.plusDays(7), java.time.LocalTime.MIDNIGHT).atZone(zone).toOffsetDateTime();
    ps.setObject(1, tenant);
    ps.setObject(2, from);
    ps.setObject(3, to);
    ps.setObject(4, from);
    ps.setObject(5, to);
    ps.setObject(6, schedule);
    int rows = 0;
    try (ResultSet rs = ps.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int c = 1; c <= columns; c++) {
          rs.getObject(c);
        }
        rows++;
      }
    }
    return rows;
  }

  static int count(String body) {
    int n = 0;
    for (int i = body.indexOf("\"scheduleName\""); i >= 0; i = body.indexOf("\"scheduleName\"", i + 1)) {
      n++;
    }
    return n;
  }

  static void report(int iterations, long[] httpNanos, long[] sqlNanos, int rows) {
    Arrays.sort(httpNanos);
    Arrays.sort(sqlNanos);
    double hp50 = pct(httpNanos, 50);
    double hp99 = pct(httpNanos, 99);
    double sp50 = pct(sqlNanos, 50);
    double sp99 = pct(sqlNanos, 99);
    System.out.printf("%nQuery Events, one schedule, one week (%d iterations, %.1f events per answer)%n", iterations, rows / (double) iterations);
    System.out.printf("  HTTP API : p50 %7.3f ms   p99 %7.3f ms%n", hp50, hp99);
    System.out.printf("  raw SQL  : p50 %7.3f ms   p99 %7.3f ms%n", sp50, sp99);
    System.out.printf("  ratio    : p50 %7.2f x    p99 %7.2f x%n", hp50 / sp50, hp99 / sp99);
  }

  static double pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, i)] / 1e6;
  }
}
