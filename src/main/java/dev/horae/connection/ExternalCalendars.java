package dev.horae.connection;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the rest of Horae may ask of external calendar connections: an OAuth authorization URL for
 * a schedule (OnSched's resource calendar auth), which connections a schedule has and how fresh
 * they are, and the busy time they imported.
 */
@Component
public class ExternalCalendars {
  /** A connection that starts from a resource's authorization imports busy time from, and writes bookings to, the primary calendar. */
  private static final Map<String, Object> RESOURCE_SYNC = Map.of(
      "listEventFromCalendars", Map.of("enabled", true, "primaryCalendar", Map.of(), "calendars", Map.of("calendars", List.of())),
      "syncToCalendar", Map.of("enabled", true, "primaryCalendar", Map.of()));

  private final ConnectingByOAuth oauth;
  private final Connecting connecting;
  private final JdbcClient jdbc;

  ExternalCalendars(ConnectingByOAuth oauth, Connecting connecting, JdbcClient jdbc) {
    this.oauth = oauth;
    this.connecting = connecting;
    this.jdbc = jdbc;
  }

  /**
   * Disconnects every connection of the tenant as Disconnect does (Horae's copies removed from the
   * external calendars, push channels stopped, OAuth grants revoked where the provider allows it),
   * before the tenant is erased; answers how many were disconnected. Repeating it is harmless.
   */
  public int disconnectAll(TenantId tenant) {
    List<UUID> ids = jdbc.sql("select id from connection where tenant_id = ? and status <> 'DISCONNECTED'")
        .param(tenant.value()).query(UUID.class).list();
    int done = 0;
    for (UUID id : ids) {
      try {
        connecting.disconnect(tenant, id);
        done++;
      } catch (dev.horae.shared.Rejection alreadyDisconnected) {
        // another run got there first
      }
    }
    return done;
  }

  /** The consent URL that connects the schedule's Google ({@link Provider#GOOGLE}) or Outlook calendar, returning the user to {@code returnUrl}. */
  public String authorizationUrl(TenantId tenant, UUID scheduleId, String providerId, String returnUrl, String accountEmail) {
    return oauth.start(tenant, scheduleId.toString(), providerId, returnUrl, RESOURCE_SYNC, accountEmail);
  }

  /** One connection of a schedule as availability reports it. */
  public record Source(UUID connectionId, UUID scheduleId, String providerId, String calendarType, ConnectionStatus status, ConnectionErrorReason errorReason,
      Instant lastSuccessfulSyncDate) {
    /** Connected and trusted: its busy time counts and it can take bookings. */
    public boolean authorized() {
      return status != ConnectionStatus.DISCONNECTED && !(status == ConnectionStatus.ERROR && errorReason == ConnectionErrorReason.TOKEN_REVOKED);
    }
  }

  /** The connections (not disconnected) of these schedules. */
  public List<Source> sources(TenantId tenant, List<UUID> scheduleIds) {
    return jdbc.sql("select id, schedule_id, provider_id, calendar_type, status, error_reason, last_success_at from connection"
            + " where tenant_id = ? and schedule_id = any(?) and status <> 'DISCONNECTED' order by created_at, id")
        .params(tenant.value(), scheduleIds.toArray(UUID[]::new))
        .query((rs, n) -> new Source(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), ConnectionStatus.valueOf(rs.getString(5)),
            ConnectionErrorReason.valueOf(rs.getString(6)), rs.getObject(7, OffsetDateTime.class) == null ? null : rs.getObject(7, OffsetDateTime.class).toInstant()))
        .list();
  }

  /** One imported busy block. */
  public record Busy(long id, UUID connectionId, UUID scheduleId, String calendarName, Instant start, Instant end) {}

  /** Busy time overlapping {@code [from, to)} imported by the given connections. */
  public List<Busy> busy(TenantId tenant, Set<UUID> connectionIds, Instant from, Instant to) {
    if (connectionIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select id, connection_id, schedule_id, calendar_name, start_utc, end_utc from external_busy"
            + " where tenant_id = ? and connection_id = any(?) and start_utc < ? and end_utc > ?")
        .params(tenant.value(), connectionIds.toArray(UUID[]::new), Instants.utc(to), Instants.utc(from))
        .query((rs, n) -> new Busy(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant()))
        .list();
  }
}
