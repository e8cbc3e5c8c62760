package dev.horae.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.horae.HoraeApplication;
import dev.horae.support.Api;
import dev.horae.support.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The run command's promise: with no datasource URL, data lives in HORAE_DATA_DIR and survives a restart. */
class EmbeddedRestartIT {

  private static ConfigurableApplicationContext start(Path dataDir) {
    return new SpringApplicationBuilder(HoraeApplication.class)
        .run("--horae.data-dir=" + dataDir, "--server.port=0", "--horae.access.bootstrap-api-key=hk_restart_test");
  }

  private static Api api(ConfigurableApplicationContext context) {
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    return new Api(port, "hk_restart_test");
  }

  @Test
  void data_written_before_a_restart_is_there_after_it() throws Exception {
    assumeFalse(ApiTest.onServerPostgres(), "this is about the embedded default database");
    Path dir = Files.createTempDirectory("horae-restart-");
    String id;
    try (ConfigurableApplicationContext first = start(dir)) {
      Api.Response created = api(first).post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Survivor")));
      assertThat(created.status()).as(created.toString()).isEqualTo(200);
      id = created.at("/schedule/id").stringValue();
    }
    assertThat(dir.resolve("postgres/PG_VERSION")).exists();
    try (ConfigurableApplicationContext second = start(dir)) {
      Api.Response r = api(second).get("/calendar/v3/schedules/" + id);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.at("/schedule/name").stringValue()).isEqualTo("Survivor");
    }
  }
}
