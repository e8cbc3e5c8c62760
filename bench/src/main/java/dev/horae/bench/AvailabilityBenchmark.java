package dev.horae.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Availability for 50 resources × 30 days holding 20,000 busy blocks (11,000 busy events of the
 * resources' schedules made through the bulk API, 9,000 booked appointments inserted directly), asked
 * through HTTP; each answer's Server-Timing header gives the service's own time (loading from the
 * database, computing). Prints p50/p95/p99 of each.
 *
 * <p>With {@code bench.combined=true} (issue 18) half the blocks come from events of one combined
 * schedule that each name {@value #NAMED} resources: 1,000 events of the resources' own schedules,
 * 3,334 combined events (10,002 blocks), the same 9,000 appointments.
 *
 * <p>System properties: bench.url, bench.jdbc, bench.key, bench.warmup (30), bench.iterations (200), bench.combined (false).
 */
public final class AvailabilityBenchmark {
  static final int RESOURCES = 50;
  static final int DAYS = 30;
  static final int EVENTS = 11_000;
  static final int APPOINTMENTS_PER_DAY = 6;
  static final int NAMED = 3;
  static final int COMBINED_OWN_EVENTS = 1_000;
  static final int COMBINED_EVENTS = 3_334;
  static final LocalDate FIRST = LocalDate.of(2027, 2, 1);
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Pattern TIMING = Pattern.compile("(\\w+);dur=([0-9.]+)");

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("bench.url", "http://127.0.0.1:18093");
    String jdbc = System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/horae_bench?user=postgres");
    String key = System.getProperty("bench.key", "hk_bench_availability");
    int warmup = Integer.getInteger("bench.warmup", 30);
    int iterations = Integer.getInteger("bench.iterations", 200);
    HttpClient http = HttpClient.newHttpClient();
    try (Connection db = DriverManager.getConnection(jdbc)) {
      UUID tenant = QueryEventsBenchmark.tenantOf(db, key);
      String service = existingService(db, tenant);
      if (service == null) {
        service = seed(http, url, key, db, tenant, Boolean.getBoolean("bench.combined"));
      }
      try (var vacuum = db.createStatement()) { // steady state: statistics current, visibility map set (autovacuum's job in production)
        vacuum.execute("vacuum analyze event");
        vacuum.execute("vacuum analyze appointment");
        vacuum.execute("vacuum analyze resource_busy_day");
        if (Boolean.getBoolean("bench.combined")) {
          vacuum.execute("vacuum analyze resource_event_block");
        }
        vacuum.execute("vacuum analyze appointment_busy_day");
      }
      List<String> resources = new ArrayList<>();
      try (PreparedStatement ps = db.prepareStatement("select id from resource where tenant_id = ? and deleted_at is null order by created_at, id")) {
        ps.setObject(1, tenant);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            resources.add(rs.getString(1));
          }
        }
      }
      String query = url + "/consumer/v1/availability/" + service + "/" + FIRST + "/" + FIRST.plusDays(DAYS - 1) + "?resourceIds=" + String.join(",", resources);
      double[] round = new double[iterations];
      double[] total = new double[iterations];
      double[] load = new double[iterations];
      double[] compute = new double[iterations];

      int slots = 0;
      long bytes = 0;
      for (int i = -warmup; i < iterations; i++) {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(query)).header("Authorization", "Bearer " + key).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        long t1 = System.nanoTime();
        if (r.statusCode() != 200) {
          throw new IllegalStateException("availability answered " + r.statusCode() + ": " + r.body());
        }
        if (i >= 0) {
          round[i] = (t1 - t0) / 1e6;
          Matcher m = TIMING.matcher(r.headers().firstValue("Server-Timing").orElse(""));
          while (m.find()) {
            double v = Double.parseDouble(m.group(2));
            switch (m.group(1)) {
              case "db" -> load[i] = v;
              case "compute" -> compute[i] = v;

              case "total" -> total[i] = v;
              default -> { }
            }
          }
          slots = count(r.body(), "\"startDateTime\"");
          bytes = r.body().length();
        }
      }
      System.out.printf("availability: %d resources x %d days, %d busy blocks; %d slots offered, %,d bytes of JSON, %d requests%n",
          resources.size(), DAYS, blocks(db, tenant, Boolean.getBoolean("bench.combined")), slots, bytes, iterations);
      print("HTTP round trip", round);
      print("server total (before JSON)", total);
      print("  loading from PostgreSQL", load);
      print("  computing", compute);
    }
  }

  static void print(String what, double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    System.out.printf("  %-28s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms%n", what, s[s.length / 2], s[(int) (s.length * 0.95)], s[(int) (s.length * 0.99)]);
  }

  static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  static long blocks(Connection db, UUID tenant, boolean combined) throws Exception {
    try (PreparedStatement ps = db.prepareStatement("select (select count(*) from event e join resource r on r.tenant_id = e.tenant_id and r.schedule_id = e.schedule_id"
        + " where e.tenant_id = ? and e.type not in ('APPOINTMENT', 'WORKING_HOURS')) + (select count(*) from appointment where tenant_id = ? and status = 'BK')"
        + (combined ? " + (select count(*) from resource_event_block where tenant_id = ?)" : ""))) {
      ps.setObject(1, tenant);
      ps.setObject(2, tenant);
      if (combined) {
        ps.setObject(3, tenant);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static String existingService(Connection db, UUID tenant) throws Exception {
    try (PreparedStatement ps = db.prepareStatement("select id from service where tenant_id = ? and name = 'Bench consultation'")) {
      ps.setObject(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static String seed(HttpClient http, String url, String key, Connection db, UUID tenant, boolean combined) throws Exception {
    String service = field(post(http, url + "/setup/v1/services", key,
        "{\"name\":\"Bench consultation\",\"duration\":30,\"interval\":15,\"bufferAfter\":10,\"bookingHorizon\":730}"), "id");
    StringBuilder bulk = new StringBuilder("{\"resources\":[");
    for (int r = 0; r < RESOURCES; r++) {
      bulk.append(r == 0 ? "" : ",").append("{\"name\":\"Bench resource ").append(r).append("\",\"timezoneIana\":\"Europe/Berlin\",\"availability\":{");
      String[] days = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
      for (int d = 0; d < 7; d++) {
        bulk.append(d == 0 ? "" : ",").append('"').append(days[d]).append("\":{\"startTime\":800,\"endTime\":1800}");
      }
      bulk.append("}}");
    }
    bulk.append("]}");
    String made = post(http, url + "/setup/v1/resources/bulk", key, bulk.toString());
    List<String> schedules = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"scheduleId\":\"([0-9a-f-]{36})\"").matcher(made);
    while (m.find()) {
      ids.add(m.group(1));
      schedules.add(m.group(2));
    }
    Random random = new Random(7);
    int own = combined ? COMBINED_OWN_EVENTS : EVENTS;
    for (int batch = 0; batch < own / 100; batch++) {
      StringBuilder events = new StringBuilder("{\"events\":[");
      for (int i = 0; i < 100; i++) {
        int n = batch * 100 + i;
        String schedule = schedules.get(n % RESOURCES);
        LocalDateTime start = FIRST.plusDays(random.nextInt(DAYS)).atTime(8 + random.nextInt(10), random.nextInt(4) * 15);
        LocalDateTime end = start.plusMinutes(15 + random.nextInt(4) * 15);
        events.append(i == 0 ? "" : ",").append("{\"event\":{\"scheduleId\":\"").append(schedule).append("\",\"title\":\"Busy ").append(n)
            .append("\",\"start\":{\"localDate\":\"").append(start).append(":00\",\"timeZone\":\"Europe/Berlin\"},\"end\":{\"localDate\":\"")
            .append(end).append(":00\",\"timeZone\":\"Europe/Berlin\"}}}");
      }
      events.append("]}");
      post(http, url + "/calendar/v3/bulk/events/create", key, events.toString());
    }
    if (combined) {
      String schedule = field(post(http, url + "/calendar/v3/schedules", key,
          "{\"schedule\":{\"name\":\"Combined\",\"timeZone\":\"Europe/Berlin\",\"appId\":\"13d21c63-b5ec-5912-8397-c3a5ddb27a97\"}}"), "id");
      for (int done = 0; done < COMBINED_EVENTS; done += 100) {
        StringBuilder events = new StringBuilder("{\"events\":[");
        for (int i = 0; i < Math.min(100, COMBINED_EVENTS - done); i++) {
          LocalDateTime start = FIRST.plusDays(random.nextInt(DAYS)).atTime(8 + random.nextInt(10), random.nextInt(4) * 15);
          LocalDateTime end = start.plusMinutes(15 + random.nextInt(4) * 15);
          List<String> named = new ArrayList<>(ids);
          java.util.Collections.shuffle(named, random);
          StringBuilder refs = new StringBuilder();
          for (int k = 0; k < NAMED; k++) {
            refs.append(k == 0 ? "" : ",").append("{\"id\":\"").append(named.get(k)).append("\"}");
          }
          events.append(i == 0 ? "" : ",").append("{\"event\":{\"scheduleId\":\"").append(schedule).append("\",\"title\":\"Combined ")
              .append(done + i).append("\",\"resources\":[").append(refs).append("],\"start\":{\"localDate\":\"").append(start)
              .append(":00\"},\"end\":{\"localDate\":\"").append(end).append(":00\"}}}");
        }
        events.append("]}");
        post(http, url + "/calendar/v3/bulk/events/create", key, events.toString());
      }
    }
    try (PreparedStatement ps = db.prepareStatement("insert into appointment (tenant_id, id, resource_id, service_id, status, start_utc, end_utc, block,"
        + " place, name, email, created_at, updated_at) values (?, gen_random_uuid(), ?::uuid, ?::uuid, 'BK', ?, ?, tstzrange(?, ?, '[)'), 1,"
        + " 'Bench', 'bench@example.com', now(), now())")) {
      for (String resource : ids) {
        for (int d = 0; d < DAYS; d++) {
          for (int k = 0; k < APPOINTMENTS_PER_DAY; k++) {
            var start = FIRST.plusDays(d).atTime(8 + k, 30).atZone(BERLIN).toOffsetDateTime();
            var end = start.plusMinutes(30);
            ps.setObject(1, tenant);
            ps.setString(2, resource);
            ps.setString(3, service);
            ps.setObject(4, start);
            ps.setObject(5, end);
            ps.setObject(6, start);
            ps.setObject(7, end.plusMinutes(10));
            ps.addBatch();
          }
        }
      }
      ps.executeBatch();
    }
    return service;
  }

  static String post(HttpClient http, String url, String key, String json) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }
}
