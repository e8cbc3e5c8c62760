package dev.horae.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import dev.horae.support.Receiver;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code kill -9} during delivery: the service runs as a separate process (the built jar) on the
 * test's database, is killed while delivering, and restarted. Every change arrives; a change that
 * arrives twice carries the same {@code webhook-id}. The test's own context does not deliver.
 */
@TestPropertySource(properties = "horae.webhooks.enabled=false")
class DeliveryCrashIT extends ApiTest {
  @Autowired DataSource dataSource;

  private Process start(Path log) throws Exception {
    HikariDataSource hikari = (HikariDataSource) dataSource;
    Path jar;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("horae-.*\\.jar")).findFirst().orElseThrow();
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
        "--spring.datasource.url=" + hikari.getJdbcUrl(), "--spring.datasource.username=" + hikari.getUsername(),
        "--server.port=0", "--horae.outbound.allow-private=true",
        "--horae.secrets.keys=it:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "--horae.webhooks.poll-interval=PT0.1S", "--horae.webhooks.lease=PT3S", "--horae.webhooks.retry-base=PT0.2S",
        "--horae.webhooks.timeout=PT2S", "--horae.data-dir=" + Files.createTempDirectory("horae-crash-")));
    if (ApiTest.onServerPostgres()) {
      command.add("--spring.flyway.schemas=horae_it");
    }
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  @Test
  void killed_while_delivering_then_restarted_every_change_arrives_and_duplicates_share_their_id() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.answer("/crash", n -> {
        try {
          Thread.sleep(150); // slow enough that the kill lands mid-delivery
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return 200;
      });
      Response webhook = api.post("/v1/webhooks", Map.of("url", receiver.url("/crash"), "eventTypes", List.of("wix.calendar.v3.schedule.created")));
      assertThat(webhook.status()).isEqualTo(200);
      Fixtures fixtures = new Fixtures(api);
      Set<String> expected = new HashSet<>();
      for (int i = 0; i < 60; i++) {
        fixtures.schedule(Map.of("name", "Crash " + i));
      }
      api.get("/v1/changes?limit=1000").json().get("changes").forEach(c -> {
        if (c.get("type").stringValue().equals("wix.calendar.v3.schedule.created")) {
          expected.add(c.get("id").stringValue());
        }
      });
      assertThat(expected).hasSize(60);

      Path log = Files.createTempFile("horae-crash-", ".log");
      Process first = start(log);
      try {
        await().atMost(Duration.ofSeconds(90)).until(() -> receiver.calls("/crash").size() >= 10 || !first.isAlive());
        assertThat(first.isAlive()).as(Files.readString(log)).isTrue();
      } finally {
        first.destroyForcibly(); // SIGKILL: no shutdown hooks, leases left behind
        first.waitFor();
      }
      int beforeRestart = receiver.calls("/crash").size();
      assertThat(beforeRestart).isLessThan(60);

      Process second = start(log);
      try {
        await().atMost(Duration.ofSeconds(120)).until(() ->
            receiver.calls("/crash").stream().map(c -> c.header("webhook-id")).distinct().count() == 60 || !second.isAlive());
        assertThat(second.isAlive()).as(Files.readString(log)).isTrue();
      } finally {
        second.destroy();
        second.waitFor();
      }
      List<String> ids = receiver.calls("/crash").stream().map(c -> c.header("webhook-id")).toList();
      assertThat(new HashSet<>(ids)).isEqualTo(expected);
      System.out.printf("crash test: %d deliveries before the kill, %d calls in all for %d changes%n", beforeRestart, ids.size(), expected.size());
    }
  }
}
