package dev.horae.connection;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A connection of a schedule to an external calendar account. {@code syncConfig} is kept in the
 * External Calendars v2 shape; {@code username} is the account name used to sign in (for iCloud
 * the Apple ID email); the password lives sealed in storage, never here.
 */
public record Connection(
    UUID id, String providerId, String calendarType, UUID scheduleId, String userId, String appId, String externalAccountEmail,
    String username, ConnectionStatus status, ConnectionErrorReason errorReason, Map<String, Object> syncConfig, String serverUrl, String principalUrl,
    String calendarHomeUrl, Instant lastSyncDate, Instant lastSuccessfulSyncDate, int syncErrorCount, Instant nextSyncDate,
    Instant lastFullSyncDate, Instant createdDate, Instant updatedDate) {

  /** The sync config, typed. */
  public SyncConfig sync() {
    return SyncConfig.of(syncConfig);
  }

  static Map<String, Object> defaultSyncConfig() {
    return Map.of(
        "listEventFromCalendars", Map.of("enabled", false, "calendars", Map.of("calendars", java.util.List.of())),
        "syncToCalendar", Map.of("enabled", false));
  }
}
