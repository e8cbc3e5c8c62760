package dev.horae.tenant;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start: the operator's credential, then the first tenant.
 *
 * <p>{@code HORAE_ADMIN_API_KEY} sets the operator's key (replacing an earlier one); unset, the first
 * start generates one and prints it once to standard output (never to the log), keeping only its
 * hash. On an empty database a first tenant is made, with {@code HORAE_BOOTSTRAP_API_KEY} as its key
 * or a printed random one; once any tenant exists, nothing is made again, whatever the key is. Both
 * steps hold a transaction-scoped advisory lock, so nodes starting together make one of each.
 */
@Component
@Order(0)
class BootstrapTenant implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(BootstrapTenant.class);
  private static final long LOCK = 0x686f726165L; // "horae"

  private final Tenants tenants;
  private final ApiKeyRepository keys;
  private final AccessProperties access;
  private final TransactionTemplate tx;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final PrintStream out = System.out;

  BootstrapTenant(Tenants tenants, ApiKeyRepository keys, AccessProperties access, TransactionTemplate tx, JdbcClient jdbc, Clock clock) {
    this.tenants = tenants;
    this.keys = keys;
    this.access = access;
    this.tx = tx;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    tx.executeWithoutResult(status -> {
      jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
      operatorKey();
      firstTenant();
    });
  }

  private void operatorKey() {
    if (access.adminApiKey() != null) {
      keys.adminKey(ApiKeys.hash(access.adminApiKey()), "CONFIGURED", clock.instant());
      return;
    }
    String generated = ApiKeys.generate(ApiKeys.ADMIN_PREFIX);
    if (keys.adminKeyIfAbsent(ApiKeys.hash(generated), "GENERATED", clock.instant())) {
      out.println();
      out.println("Horae generated the operator key for /admin/v1, shown only this once (set HORAE_ADMIN_API_KEY to choose it):");
      out.println("  " + generated);
      out.println();
    }
  }

  private void firstTenant() {
    if (tenants.any()) {
      if (access.bootstrapApiKey() != null) {
        log.info("HORAE_BOOTSTRAP_API_KEY is set but tenants exist: it makes only the first tenant of an empty database");
      }
      return;
    }
    if (access.bootstrapApiKey() != null) {
      var created = tenants.create("bootstrap", Optional.of(access.bootstrapApiKey()));
      log.info("Created tenant {} for the configured HORAE_BOOTSTRAP_API_KEY", created.id());
      return;
    }
    var created = tenants.create("default", Optional.empty());
    out.println();
    out.println("Horae created tenant " + created.id() + ". Its API key, shown only this once:");
    out.println("  " + created.apiKey());
    out.println("Send it as: Authorization: Bearer <key>");
    out.println();
  }
}
