package dev.horae.webhook;

import dev.horae.outbox.Outbox;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the outbox's notification channel with one dedicated connection and calls {@code
 * wake} when a transaction that recorded changes commits, so a delivery starts within milliseconds
 * instead of at the next poll. The poll stays as the safety net (a lost connection, another node's
 * missed notification); on any failure the listener reconnects after a pause.
 */
final class OutboxListener implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(OutboxListener.class);

  private final DataSource dataSource;
  private final Runnable wake;
  private volatile boolean running = true;

  OutboxListener(DataSource dataSource, Runnable wake) {
    this.dataSource = dataSource;
    this.wake = wake;
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("listen " + Outbox.CHANNEL);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(1_000);
          if (notifications != null && notifications.length > 0) {
            wake.run();
          }
        }
      } catch (Exception e) {
        if (running) {
          log.warn("Outbox listener lost its connection; polling covers the gap, reconnecting in 5 s ({})", e.toString());
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }
}
