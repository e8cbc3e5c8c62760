package dev.horae.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event creates per second with 8 writers, in one run: (1) all 8 on one tenant against each on a
 * tenant of its own (a tenant's writers must not queue on one row: goal ratio ≥ 0.9); (2) the same
 * 8 writers spread over the first 1, 2 and 3 nodes (round robin), with the CPU each node and
 * PostgreSQL used. bench.urls: the nodes; bench.pids: their process ids, in the same order.
 */
public final class WriteThroughputBenchmark {
  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  private static final Pattern SECRET = Pattern.compile("\"secret\":\"([^\"]+)\"");
  private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
  private static final int WRITERS = 8;

  record Target(String url, String key, String schedule) {}

  public static void main(String[] args) throws Exception {
    String[] urls = System.getProperty("bench.urls").split(",");
    String[] pids = System.getProperty("bench.pids").split(",");
    String admin = System.getProperty("bench.admin-key");
    int seconds = Integer.getInteger("bench.seconds", 20);

    List<Target> own = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      own.add(tenant(urls[0], admin, "Writer " + i));
    }
    Target shared = tenant(urls[0], admin, "Shared");
    List<Target> oneTenant = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      oneTenant.add(new Target(urls[0], shared.key(), schedule(urls[0], shared.key())));
    }
    run(oneTenant, 5, pids, 1); // warm-up
    run(own, 5, pids, 1);
    System.out.printf("8 writers, one node, %d s each (order alternated, two rounds)%n", seconds);
    double[] one = new double[2];
    double[] eight = new double[2];
    for (int round = 0; round < 2; round++) {
      if (round == 0) {
        one[round] = run(oneTenant, seconds, pids, 1)[0];
        eight[round] = run(own, seconds, pids, 1)[0];
      } else {
        eight[round] = run(own, seconds, pids, 1)[0];
        one[round] = run(oneTenant, seconds, pids, 1)[0];
      }
      System.out.printf("  round %d: one tenant %.1f/s, 8 tenants %.1f/s, ratio %.2f%n", round + 1, one[round], eight[round],
          one[round] / eight[round]);
    }
    System.out.printf("one tenant vs 8 tenants: %.1f/s vs %.1f/s, ratio %.2f (goal ≥ 0.90)%n", (one[0] + one[1]) / 2,
        (eight[0] + eight[1]) / 2, (one[0] + one[1]) / (eight[0] + eight[1]));

    System.out.println("8 writers on 8 tenants, spread over N nodes:");
    for (int n = 1; n <= urls.length; n++) {
      List<Target> spread = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        Target t = own.get(i);
        spread.add(new Target(urls[i % n], t.key(), t.schedule()));
      }
      double[] r = run(spread, seconds, pids, n);
      StringBuilder cpu = new StringBuilder();
      for (int i = 0; i < n; i++) {
        cpu.append(String.format(" node%d %.0f%%", i + 1, r[1 + i]));
      }
      System.out.printf("  %d node%s: %.1f creates/s; CPU (of one core):%s, postgres %.0f%%%n", n, n == 1 ? "" : "s", r[0], cpu,
          r[1 + urls.length]);
    }
    System.exit(0); // the HTTP client's threads would keep the JVM alive
  }

  /** Runs the writers for {@code seconds}; answers creates/s, then CPU % of each node and of PostgreSQL. */
  private static double[] run(List<Target> writers, int seconds, String[] pids, int nodes) throws Exception {
    long[] before = new long[pids.length + 1];
    for (int i = 0; i < pids.length; i++) {
      before[i] = ticks(pids[i]);
    }
    before[pids.length] = postgresTicks();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(writers.size());
    List<Future<Integer>> counts = new ArrayList<>();
    long start = System.nanoTime();
    for (Target t : writers) {
      counts.add(pool.submit(() -> {
        int n = 0;
        LocalDate day = LocalDate.now().plusDays(2);
        while (!stop.get()) {
          String at = day.plusDays(n % 300) + "T" + String.format("%02d", 8 + n % 10) + ":00:00";
          String end = day.plusDays(n % 300) + "T" + String.format("%02d", 8 + n % 10) + ":30:00";
          post(t.url(), t.key(), "/calendar/v3/events", "{\"event\":{\"scheduleId\":\"" + t.schedule() + "\",\"start\":{\"localDate\":\""
              + at + "\"},\"end\":{\"localDate\":\"" + end + "\"},\"title\":\"Bench\"}}");
          n++;
        }
        return n;
      }));
    }
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    int total = 0;
    for (Future<Integer> f : counts) {
      total += f.get();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    double hz = 100.0; // USER_HZ
    double[] out = new double[pids.length + 2];
    out[0] = total / elapsed;
    for (int i = 0; i < pids.length; i++) {
      out[1 + i] = (ticks(pids[i]) - before[i]) / hz / elapsed * 100;
    }
    out[1 + pids.length] = (postgresTicks() - before[pids.length]) / hz / elapsed * 100;
    return out;
  }

  private static long ticks(String pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
  }

  /** CPU of every process named postgres (the server and its backends; exited backends' time is in the parent's cutime). */
  private static long postgresTicks() throws Exception {
    long sum = 0;
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path p : dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String stat = Files.readString(p.resolve("stat"));
          if (stat.contains("(postgres)")) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
          }
        } catch (java.io.IOException gone) {
          // the process ended meanwhile
        }
      }
    }
    return sum;
  }

  private static Target tenant(String url, String admin, String name) throws Exception {
    String body = post(url, admin, "/admin/v1/tenants", "{\"tenant\":{\"name\":\"" + name + " " + System.nanoTime() + "\"}}");
    Matcher m = SECRET.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no key in " + body);
    }
    String key = m.group(1);
    return new Target(url, key, schedule(url, key));
  }

  private static String schedule(String url, String key) throws Exception {
    Matcher m = ID.matcher(post(url, key, "/calendar/v3/schedules", "{\"schedule\":{\"name\":\"Bench\",\"timeZone\":\"UTC\"}}"));
    if (!m.find()) {
      throw new IllegalStateException("no schedule id");
    }
    return m.group(1);
  }

  private static String post(String url, String key, String path, String json) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 && r.statusCode() != 201) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
