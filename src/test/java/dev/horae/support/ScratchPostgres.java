package dev.horae.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL of a test's own (zonky's binaries, a data directory and a free port of its own), so a
 * test may stop and restart it under the nodes it serves without touching the suite's database.
 */
public final class ScratchPostgres implements AutoCloseable {
  private final Path dir;
  private final int port;
  private EmbeddedPostgres postgres;

  public ScratchPostgres() throws IOException {
    dir = Files.createTempDirectory("horae-scratch-pg-");
    port = Ports.free();
    start();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public String user() {
    return "postgres";
  }

  /** Stops the server (fast shutdown: open connections are cut), keeping its data. */
  public void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  /** Starts it again on the same port and data. */
  public void start() throws IOException {
    postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dir).setCleanDataDirectory(false)
        .setServerConfig("max_connections", "200").start();
  }

  @Override
  public void close() throws IOException {
    stop();
  }
}
