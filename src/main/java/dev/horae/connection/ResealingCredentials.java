package dev.horae.connection;

import dev.horae.storage.SecretBox;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Key rotation: at start-up, connection credentials sealed with an older key are sealed again with the current one. */
@Component
class ResealingCredentials {
  private static final Logger log = LoggerFactory.getLogger(ResealingCredentials.class);
  private final JdbcClient jdbc;
  private final SecretBox box;

  ResealingCredentials(JdbcClient jdbc, SecretBox box) {
    this.jdbc = jdbc;
    this.box = box;
  }

  @EventListener(ApplicationReadyEvent.class)
  void reseal() {
    var rows = jdbc.sql("select tenant_id, id, credentials from connection where credentials is not null").query().listOfRows();
    int n = 0;
    for (var row : rows) {
      String stored = (String) row.get("credentials");
      if (box.stale(stored)) {
        String bound = "connection-credentials:" + row.get("tenant_id") + ":" + row.get("id");
        jdbc.sql("update connection set credentials = ? where tenant_id = ? and id = ? and credentials = ?")
            .params(box.reseal(stored, bound), (UUID) row.get("tenant_id"), (UUID) row.get("id"), stored).update();
        n++;
      }
    }
    if (n > 0) {
      log.info("Re-sealed {} connection credentials with the current key", n);
    }
  }
}
