package dev.horae.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP endpoint on loopback for webhook tests: each path answers by a rule of the call
 * number (1-based) — a status code, or -1 to hang past the sender's timeout — and records every
 * request it gets.
 */
public final class Receiver implements AutoCloseable {
  /** One request, and when it arrived ({@link System#nanoTime()}). */
  public record Call(String path, Map<String, List<String>> headers, String body, long arrivedNanos) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, IntUnaryOperator> rules = new ConcurrentHashMap<>();
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();
  private final Map<String, String> retryAfters = new ConcurrentHashMap<>();

  public Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
      calls.add(new Call(path, headers, body, System.nanoTime()));
      int n = counts.merge(path, 1, Integer::sum);
      int status = rules.getOrDefault(path, x -> 204).applyAsInt(n);
      if (status < 0) {
        try {
          Thread.sleep(3_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        status = 200;
      }
      byte[] answer = ("answer " + n).getBytes(StandardCharsets.UTF_8);
      String retryAfter = retryAfters.get(path);
      if (retryAfter != null && (status == 429 || status == 503)) {
        exchange.getResponseHeaders().add("Retry-After", retryAfter);
      }
      exchange.sendResponseHeaders(status, status == 204 ? -1 : answer.length);
      if (status != 204) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
      exchange.close();
    });
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public void answer(String path, IntUnaryOperator rule) {
    rules.put(path, rule);
  }

  /** Its 429 and 503 answers carry this {@code Retry-After}. */
  public void answer(String path, IntUnaryOperator rule, String retryAfter) {
    retryAfters.put(path, retryAfter);
    rules.put(path, rule);
  }

  public List<Call> calls(String path) {
    return calls.stream().filter(c -> c.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
