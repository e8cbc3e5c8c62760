package dev.horae.support;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A fresh schema per test run on the server database, so earlier runs never interfere. */
@TestConfiguration(proxyBeanMethods = false)
class CleanDatabase {
  @Bean
  FlywayMigrationStrategy cleanThenMigrate() {
    return flyway -> {
      if (ApiTest.onServerPostgres()) {
        flyway.clean();
      }
      flyway.migrate();
    };
  }
}
