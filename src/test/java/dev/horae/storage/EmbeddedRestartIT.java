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
    assertThat(Files.getPosixFilePermissions(dir.resolve("postgres-password")))
        .as("the password file is its owner's alone").containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    try (ConfigurableApplicationContext second = start(dir)) {
      Api.Response r = api(second).get("/calendar/v3/schedules/" + id);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.at("/schedule/name").stringValue()).isEqualTo("Survivor");

      // every connection needs the password, and the server listens on loopback only
      int port = second.getBean(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class).getPort();
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      for (String wrong : new String[] {"", "guess"}) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "postgres", wrong).close())
            .as("password '%s'", wrong).isInstanceOf(java.sql.SQLException.class);
      }
      String password = Files.readString(dir.resolve("postgres-password")).strip();
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "postgres", password);
          java.sql.ResultSet rs = c.createStatement().executeQuery("select current_setting('listen_addresses'),"
              + " (select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256')")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
        assertThat(rs.getLong(2)).as("pg_hba rules that ask for no password").isZero();
      }
    }
  }
}
