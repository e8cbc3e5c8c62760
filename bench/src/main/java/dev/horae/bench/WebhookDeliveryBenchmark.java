package dev.horae.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook delivery to a local receiver, in one run: (1) first-delivery latency at a paced 200
 * changes/s for 30 s (latency = receiver arrival minus the moment the creating request returned,
 * i.e. after commit); (2) sustained throughput: 8 clients create changes as fast as they can for
 * 20 s, and the receiver counts deliveries until the backlog is drained.
 */
public final class WebhookDeliveryBenchmark {
  private static final Pattern ENTITY = Pattern.compile("\"entityId\":\"([0-9a-f-]{36})\"");

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("bench.url", "http://127.0.0.1:18091");
    String key = System.getProperty("bench.key", "hk_bench_webhooks");
    int rate = Integer.getInteger("bench.rate", 200);
    int pacedSeconds = Integer.getInteger("bench.paced-seconds", 30);
    int burstSeconds = Integer.getInteger("bench.burst-seconds", 10);

    Map<String, Long> createdAt = new ConcurrentHashMap<>();
    Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(Executors.newFixedThreadPool(16));
    receiver.createContext("/hook", exchange -> {
      long now = System.nanoTime();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = ENTITY.matcher(body);
      if (m.find()) {
        arrivedAt.putIfAbsent(m.group(1), now);
      }
      calls.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
    post(http, url, key, "/v1/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
        + "/hook\",\"eventTypes\":[\"wix.calendar.v3.schedule.created\"]}");

    // warm-up
    for (int i = 0; i < 300; i++) {
      create(http, url, key, createdAt);
    }
    waitUntil(() -> arrivedAt.keySet().containsAll(createdAt.keySet()), 60);
    createdAt.clear();
    arrivedAt.clear();

    // (1) paced
    ScheduledExecutorService pacer = Executors.newScheduledThreadPool(8);
    AtomicInteger sent = new AtomicInteger();
    long periodNanos = 1_000_000_000L / rate;
    int total = rate * pacedSeconds;
    var task = pacer.scheduleAtFixedRate(() -> {
      if (sent.incrementAndGet() <= total) {
        try {
          create(http, url, key, createdAt);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }, 0, periodNanos, TimeUnit.NANOSECONDS);
    long pacedStart = System.nanoTime();
    waitUntil(() -> createdAt.size() >= total, pacedSeconds + 60);
    double pacedElapsed = (System.nanoTime() - pacedStart) / 1e9;
    task.cancel(false);
    pacer.shutdown();
    waitUntil(() -> arrivedAt.keySet().containsAll(createdAt.keySet()), 120);
    List<Long> latencies = new ArrayList<>();
    createdAt.forEach((id, t) -> latencies.add(arrivedAt.get(id) - t));
    latencies.sort(Long::compare);
    System.out.printf("paced: %d changes at %.0f/s offered (%.1f s); first delivery latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
        total, total / pacedElapsed, pacedElapsed, pct(latencies, 0.50), pct(latencies, 0.95), pct(latencies, 0.99),
        latencies.get(latencies.size() - 1) / 1e6);

    // (2) sustained
    createdAt.clear();
    arrivedAt.clear();
    int before = calls.get();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    long burstEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(burstSeconds);
    long burstStart = System.nanoTime();
    for (int c = 0; c < 8; c++) {
      clients.submit(() -> {
        while (System.nanoTime() < burstEnd) {
          create(http, url, key, createdAt);
        }
        return null;
      });
    }
    clients.shutdown();
    clients.awaitTermination(burstSeconds + 60, TimeUnit.SECONDS);
    double produced = createdAt.size() / ((System.nanoTime() - burstStart) / 1e9);
    waitUntil(() -> arrivedAt.keySet().containsAll(createdAt.keySet()), 600);
    double drained = (System.nanoTime() - burstStart) / 1e9;
    System.out.printf("sustained: %d changes produced at %.0f/s by 8 clients; all %d delivered after %.1f s: %.0f deliveries/s (%d calls, %d duplicates)%n",
        createdAt.size(), produced, createdAt.size(), drained, createdAt.size() / drained, calls.get() - before,
        calls.get() - before - createdAt.size());
    receiver.stop(0);
    System.exit(0);
  }

  private static double pct(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p))) / 1e6;
  }

  private static void create(HttpClient http, String url, String key, Map<String, Long> createdAt) throws Exception {
    String body = post(http, url, key, "/calendar/v3/schedules", "{\"schedule\":{\"name\":\"Bench\"}}");
    long now = System.nanoTime();
    Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException(body);
    }
    createdAt.put(m.group(1), now);
  }

  private static String post(HttpClient http, String url, String key, String path, String json) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static void waitUntil(java.util.function.BooleanSupplier done, int seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out after " + seconds + " s");
      }
      Thread.sleep(20);
    }
  }
}
