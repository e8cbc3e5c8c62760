package dev.horae.connection;

import java.util.Map;

/**
 * A connection as External Calendars v2 shows it, plus Horae's {@code serverUrl}, {@code
 * lastSyncDate} and {@code lastSuccessfulSyncDate} (how fresh its busy time is); never any credential.
 */
record ConnectionView(
    String id, String providerId, String calendarType, String scheduleId, String userId, String appId, String externalAccountEmail,
    String status, String errorReason, Map<String, Object> syncConfig, String serverUrl, String lastSyncDate, String lastSuccessfulSyncDate) {

  static ConnectionView of(Connection c) {
    return new ConnectionView(c.id().toString(), c.providerId(), c.calendarType(), c.scheduleId().toString(), c.userId(), c.appId(),
        c.externalAccountEmail(), c.status(), c.errorReason(), c.syncConfig(), c.serverUrl(),
        c.lastSyncDate() == null ? null : dev.horae.shared.Instants.format(c.lastSyncDate()),
        c.lastSuccessfulSyncDate() == null ? null : dev.horae.shared.Instants.format(c.lastSuccessfulSyncDate()));
  }
}
