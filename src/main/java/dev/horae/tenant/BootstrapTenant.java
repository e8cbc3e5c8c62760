package dev.horae.tenant;

import java.io.PrintStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On a first start with no tenant, creates one and prints its API key once (to standard output,
 * never to the log). {@code HORAE_BOOTSTRAP_API_KEY} chooses that key instead; when it is set and not
 * yet known, a tenant is created for it even if others exist, so scripts can always rely on it.
 */
@Component
class BootstrapTenant implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(BootstrapTenant.class);

  private final Tenants tenants;
  private final String configuredKey;
  private final PrintStream out = System.out;

  BootstrapTenant(Tenants tenants, @Value("${horae.bootstrap-api-key:}") String configuredKey) {
    this.tenants = tenants;
    this.configuredKey = configuredKey == null ? "" : configuredKey.trim();
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!configuredKey.isEmpty()) {
      if (tenants.findByApiKey(configuredKey).isEmpty()) {
        var created = tenants.create("bootstrap", Optional.of(configuredKey));
        log.info("Created tenant {} for the configured HORAE_BOOTSTRAP_API_KEY", created.id());
      }
      return;
    }
    if (!tenants.any()) {
      var created = tenants.create("default", Optional.empty());
      out.println();
      out.println("Horae created tenant " + created.id() + ". Its API key, shown only this once:");
      out.println("  " + created.apiKey());
      out.println("Send it as: Authorization: Bearer <key>");
      out.println();
    }
  }
}
