package dev.horae.storage;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL notification channels ({@code LISTEN}) with one dedicated connection and
 * calls {@code onNotification} with the channel of every notification, which PostgreSQL delivers
 * when the transaction that sent it commits. Notifications can be missed while the connection is
 * down, so every user keeps a safety net of its own (a poll, a short lifetime); on any failure the
 * listener calls {@code onReconnect}, waits and listens again.
 */
public final class ChannelListener implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ChannelListener.class);
  private static final Pattern CHANNEL = Pattern.compile("[a-z_]+");

  private final DataSource dataSource;
  private final List<String> channels;
  private final Consumer<String> onNotification;
  private final Runnable onReconnect;
  private volatile boolean running = true;

  public ChannelListener(DataSource dataSource, List<String> channels, Consumer<String> onNotification, Runnable onReconnect) {
    channels.forEach(c -> {
      if (!CHANNEL.matcher(c).matches()) {
        throw new IllegalArgumentException("Not a channel name: " + c);
      }
    });
    this.dataSource = dataSource;
    this.channels = List.copyOf(channels);
    this.onNotification = onNotification;
    this.onReconnect = onReconnect;
  }

  /** Starts listening on a daemon thread of that name. */
  public ChannelListener start(String threadName) {
    Thread listening = new Thread(this, threadName);
    listening.setDaemon(true);
    listening.start();
    return this;
  }

  public void stop() {
    running = false;
  }

  @Override
  public void run() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          for (String channel : channels) {
            statement.execute("listen " + channel);
          }
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(1_000);
          if (notifications != null) {
            for (PGNotification n : notifications) {
              onNotification.accept(n.getName());
            }
          }
        }
      } catch (Exception e) {
        if (running) {
          log.warn("Listener on {} lost its connection; reconnecting in 5 s ({})", channels, e.toString());
          onReconnect.run();
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
