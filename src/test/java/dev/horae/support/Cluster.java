package dev.horae.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Nodes of the built jar (separate processes, as an operator runs them) on one PostgreSQL,
 * optionally behind Debian's haproxy with the configuration of docs/operations/haproxy.cfg (round
 * robin, no stickiness, readiness checks every 500 ms; scripts/ensure-haproxy.sh installs it). A node can be killed (SIGKILL), terminated (SIGTERM) and
 * started again on its port.
 */
public final class Cluster implements AutoCloseable {
  /** The test suite's signing key ({@code HORAE_SECRET_KEYS}), the same on every node as operations.md requires. */
  public static final String SECRET_KEYS = "it:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private final Map<String, String> settings;
  private final List<Node> nodes = new ArrayList<>();
  private Process haproxy;
  private Path haproxyLog;
  private int balancerPort;

  private static final class Node {
    final int port;
    final Path log;
    Process process;

    Node(int port, Path log) {
      this.port = port;
      this.log = log;
    }
  }

  private Cluster(Map<String, String> settings) {
    this.settings = settings;
  }

  /**
   * Starts {@code count} nodes on the given database with the suite's keys and test-friendly
   * settings, overridden by {@code extra} (Spring property names), and haproxy in front when {@code
   * balanced}.
   */
  public static Cluster start(String jdbcUrl, String user, String flywaySchema, int count, boolean balanced, Map<String, String> extra)
      throws Exception {
    return start(jdbcUrl, user, null, flywaySchema, count, balanced, extra);
  }

  /** Nodes on the test's own datasource (the embedded PostgreSQL asks for its password). */
  public static Cluster start(javax.sql.DataSource dataSource, String flywaySchema, int count, boolean balanced, Map<String, String> extra)
      throws Exception {
    com.zaxxer.hikari.HikariDataSource hikari = (com.zaxxer.hikari.HikariDataSource) dataSource;
    return start(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword(), flywaySchema, count, balanced, extra);
  }

  public static Cluster start(String jdbcUrl, String user, String password, String flywaySchema, int count, boolean balanced,
      Map<String, String> extra) throws Exception {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", jdbcUrl);
    settings.put("spring.datasource.username", user);
    if (password != null) {
      settings.put("spring.datasource.password", password);
    }
    if (flywaySchema != null) {
      settings.put("spring.flyway.schemas", flywaySchema);
    }
    settings.put("horae.secrets.keys", SECRET_KEYS);
    settings.put("horae.access.admin-api-key", ApiTest.ADMIN_KEY);
    settings.put("horae.access.rate-limit.key-per-minute", "1000000");
    settings.put("horae.access.rate-limit.tenant-per-minute", "1000000");
    settings.put("horae.access.rate-limit.anonymous-per-minute", "1000000");
    settings.put("horae.outbound.allow-private", "true");
    settings.put("horae.sync.enabled", "false");
    settings.put("horae.webhooks.enabled", "false");
    settings.putAll(extra);
    Cluster cluster = new Cluster(settings);
    try {
      for (int i = 0; i < count; i++) {
        cluster.nodes.add(new Node(Ports.free(), Files.createTempFile("horae-node-" + (i + 1) + "-", ".log")));
      }
      // the first node migrates the schema alone (Flyway on the first node, then the others)
      cluster.launch(0);
      cluster.awaitReady(0);
      for (int i = 1; i < count; i++) {
        cluster.launch(i);
      }
      for (int i = 1; i < count; i++) {
        cluster.awaitReady(i);
      }
      if (balanced) {
        cluster.startBalancer();
      }
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  private static Path jar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("horae-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/horae-*.jar: the cluster tests run after mvn package"));
    }
  }

  private void launch(int i) throws IOException {
    Node node = nodes.get(i);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
        "-jar", jar().toString(), "--server.port=" + node.port,
        "--horae.data-dir=" + Files.createTempDirectory("horae-node-")));
    settings.forEach((name, value) -> command.add("--" + name + "=" + value));
    Files.writeString(node.log, "--- start " + java.time.Instant.now() + "\n", java.nio.file.StandardOpenOption.APPEND);
    node.process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log.toFile())).start();
  }

  private void awaitReady(int i) {
    Node node = nodes.get(i);
    Api client = new Api(node.port, null);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
      assertThat(node.process.isAlive()).as("node %d died while starting:\n%s", i + 1, log(i)).isTrue();
      try {
        return client.get("/actuator/health/readiness").status() == 200;
      } catch (UncheckedIOException notYet) {
        return false;
      }
    });
  }

  /** haproxy with the configuration operators are given (docs/operations/haproxy.cfg), its addresses set through the environment. */
  private void startBalancer() throws Exception {
    if (nodes.size() != 3) {
      throw new IllegalArgumentException("docs/operations/haproxy.cfg balances three nodes");
    }
    balancerPort = Ports.free();
    haproxyLog = Files.createTempFile("horae-haproxy-", ".log");
    ProcessBuilder builder = new ProcessBuilder(haproxyBinary(), "-db", "-f", Path.of("docs/operations/haproxy.cfg").toAbsolutePath().toString())
        .redirectErrorStream(true).redirectOutput(haproxyLog.toFile());
    builder.environment().put("HORAE_LB_BIND", "127.0.0.1:" + balancerPort);
    builder.environment().put("HORAE_LB_ERRORS", Path.of("docs/operations").toAbsolutePath().toString());
    for (int i = 0; i < nodes.size(); i++) {
      builder.environment().put("HORAE_NODE" + (i + 1), "127.0.0.1:" + nodes.get(i).port);
    }
    haproxy = builder.start();
    Api client = new Api(balancerPort, null);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
      assertThat(haproxy.isAlive()).as("haproxy died:\n%s", Files.readString(haproxyLog)).isTrue();
      try {
        return client.get("/actuator/health/readiness").status() == 200;
      } catch (UncheckedIOException notYet) {
        return false;
      }
    });
  }

  private static String haproxyBinary() {
    for (String candidate : List.of("/usr/sbin/haproxy", "/usr/bin/haproxy")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException("haproxy is not installed: run scripts/ensure-haproxy.sh");
  }

  /** The balancer, with no key. */
  public Api balancer() {
    return new Api(balancerPort, null);
  }

  /** Node {@code i} (0-based) directly, with no key. */
  public Api node(int i) {
    return new Api(nodes.get(i).port, null);
  }

  /** The name node {@code i} holds leases under now (it changes when the node starts again). */
  public String id(int i) {
    return node(i).get("/actuator/health/liveness").header("X-Horae-Node");
  }

  /** The index of the node that holds leases as {@code id}, or -1. */
  public int indexOf(String id) {
    for (int i = 0; i < nodes.size(); i++) {
      if (alive(i) && id.equals(id(i))) {
        return i;
      }
    }
    return -1;
  }

  public int size() {
    return nodes.size();
  }

  public boolean alive(int i) {
    return nodes.get(i).process.isAlive();
  }

  /** SIGKILL: the node stops at once, releasing nothing. */
  public void kill(int i) throws InterruptedException {
    Process p = nodes.get(i).process;
    p.destroyForcibly();
    p.waitFor();
  }

  /** SIGTERM, then waits for the node to exit; answers its exit code. */
  public int terminate(int i) throws InterruptedException {
    Process p = nodes.get(i).process;
    p.destroy();
    return p.waitFor();
  }

  /** Starts a stopped node again on its port and waits until it is ready. */
  public void restart(int i) throws IOException {
    launch(i);
    awaitReady(i);
  }

  /** Everything node {@code i} printed (all its runs). */
  public String log(int i) {
    try {
      return Files.readString(nodes.get(i).log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (haproxy != null) {
      haproxy.destroy();
    }
    for (Node node : nodes) {
      if (node.process != null && node.process.isAlive()) {
        node.process.destroy();
      }
    }
    for (Node node : nodes) {
      try {
        if (node.process != null && !node.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          node.process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
