package dev.horae.connection;

import java.util.Map;

/**
 * A connection as External Calendars v2 shows it, plus Horae's {@code serverUrl}, {@code
 * lastSyncDate}, {@code lastSuccessfulSyncDate} (how fresh its busy time is) and {@code syncState};
 * never any credential.
 */
public record ConnectionView(
    String id, String providerId, String calendarType, String scheduleId, String userId, String appId, String externalAccountEmail,
    ConnectionStatus status, ConnectionErrorReason errorReason, Map<String, Object> syncConfig, String serverUrl, String lastSyncDate, String lastSuccessfulSyncDate,
    SyncState syncState) {

  /** The domain events of connections are of this entity. */
  public static final String FQDN = "wix.bookings.calendar.v2.external_calendar";

  /** Horae's sync state: consecutive failures (the backoff), when the next sync is due, the last full reconciliation. */
  public record SyncState(int errorCount, String nextSyncDate, String lastFullSyncDate) {}

  public static ConnectionView of(Connection c) {
    return new ConnectionView(c.id().toString(), c.providerId(), c.calendarType(), c.scheduleId().toString(), c.userId(), c.appId(),
        c.externalAccountEmail(), c.status(), c.errorReason(), c.syncConfig(), c.serverUrl(),
        c.lastSyncDate() == null ? null : dev.horae.shared.Instants.format(c.lastSyncDate()),
        c.lastSuccessfulSyncDate() == null ? null : dev.horae.shared.Instants.format(c.lastSuccessfulSyncDate()),
        new SyncState(c.syncErrorCount(), c.nextSyncDate() == null ? null : dev.horae.shared.Instants.format(c.nextSyncDate()),
            c.lastFullSyncDate() == null ? null : dev.horae.shared.Instants.format(c.lastFullSyncDate())));
  }
}
