package dev.horae.support;

import dev.horae.tenant.Tenants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole service on a random port, over real HTTP, on the
 * embedded PostgreSQL by default, or on a PostgreSQL server when the build passes {@code
 * horae.it.datasource.url} (the {@code server-postgres} profile). Each test class gets a tenant of
 * its own, so classes never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(CleanDatabase.class)
public abstract class ApiTest {
  private static final String SERVER_URL = System.getProperty("horae.it.datasource.url");
  static final String SCHEMA = "horae_it";
  /** The operator's key in the tests ({@code HORAE_ADMIN_API_KEY}). */
  public static final String ADMIN_KEY = "hka_integration-tests-operator-key";

  @LocalServerPort protected int port;
  @Autowired protected Tenants tenants;

  protected Api api;
  protected Tenants.NewTenant tenant;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    registry.add("horae.outbound.allow-private", () -> "true");
    registry.add("horae.access.admin-api-key", () -> ADMIN_KEY);
    // the suite makes far more calls a minute than a client should; limits are tested with per-tenant limits and their own addresses
    registry.add("horae.access.rate-limit.key-per-minute", () -> "1000000");
    registry.add("horae.access.rate-limit.tenant-per-minute", () -> "1000000");
    registry.add("horae.access.rate-limit.anonymous-per-minute", () -> "1000000");
    registry.add("horae.secrets.keys", () -> "it:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    registry.add("horae.webhooks.poll-interval", () -> "PT0.1S");
    registry.add("horae.webhooks.retry-base", () -> "PT0.2S");
    registry.add("horae.webhooks.timeout", () -> "PT1S");
    registry.add("horae.caldav.icloud-url", ApiTest::caldavUrl);
    // participant notifications go to the suite's GreenMail (plain SMTP on loopback)
    registry.add("horae.mail.host", () -> "127.0.0.1");
    registry.add("horae.mail.port", Smtp::port);
    registry.add("horae.mail.security", () -> "NONE");
    registry.add("horae.mail.poll-interval", () -> "PT0.1S");
    registry.add("horae.mail.retry-base", () -> "PT0.2S"); // "iCloud" is the local Radicale in tests
    if (SERVER_URL != null && !SERVER_URL.isBlank()) {
      registry.add("spring.datasource.url", () -> SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
      registry.add("spring.datasource.username", () -> System.getProperty("horae.it.datasource.username", "postgres"));
      registry.add("spring.flyway.schemas", () -> SCHEMA);
      registry.add("spring.flyway.clean-disabled", () -> "false");
    } else {
      Path dir = Files.createTempDirectory("horae-it-");
      registry.add("horae.data-dir", dir::toString);
    }
  }

  /** The Radicale CalDAV server the tests use (scripts/ensure-radicale.sh starts it). */
  public static String caldavUrl() {
    return System.getProperty("horae.it.caldav.url", "http://127.0.0.1:5232");
  }

  public static boolean onServerPostgres() {
    return SERVER_URL != null && !SERVER_URL.isBlank();
  }

  @BeforeAll
  void newTenant() {
    tenant = tenants.create(getClass().getSimpleName(), Optional.empty());
    api = new Api(port, tenant.apiKey());
  }
}
