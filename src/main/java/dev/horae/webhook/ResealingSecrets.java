package dev.horae.webhook;

import dev.horae.storage.SecretBox;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Key rotation: at start-up, webhook secrets sealed with an older key are sealed again with the current one. */
@Component
class ResealingSecrets {
  private static final Logger log = LoggerFactory.getLogger(ResealingSecrets.class);
  private final JdbcClient jdbc;
  private final SecretBox box;

  ResealingSecrets(JdbcClient jdbc, SecretBox box) {
    this.jdbc = jdbc;
    this.box = box;
  }

  @EventListener(ApplicationReadyEvent.class)
  void reseal() {
    var rows = jdbc.sql("select id, tenant_id, webhook_id, secret from webhook_secret").query().listOfRows();
    int n = 0;
    for (var row : rows) {
      String stored = (String) row.get("secret");
      if (box.stale(stored)) {
        String bound = "webhook-secret:" + row.get("tenant_id") + ":" + row.get("webhook_id");
        jdbc.sql("update webhook_secret set secret = ? where tenant_id = ? and id = ? and secret = ?")
            .params(box.reseal(stored, bound), (UUID) row.get("tenant_id"), (UUID) row.get("id"), stored).update();
        n++;
      }
    }
    if (n > 0) {
      log.info("Re-sealed {} webhook secrets with the current key", n);
    }
  }
}
