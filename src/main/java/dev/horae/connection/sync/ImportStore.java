package dev.horae.connection.sync;

import dev.horae.connection.Connection;
import dev.horae.connection.ConnectionErrorReason;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The imported side of connections: objects seen (href, ETag) and the busy time they hold. */
@Repository
public class ImportStore {
  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  ImportStore(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  public Map<String, String> etags(TenantId tenant, UUID connection, String calendarId) {
    Map<String, String> out = new java.util.HashMap<>();
    jdbc.sql("select href, etag from external_resource where tenant_id = ? and connection_id = ? and calendar_id = ?")
        .params(tenant.value(), connection, calendarId).query((rs, n) -> out.put(rs.getString(1), rs.getString(2))).list();
    return out;
  }

  public String syncToken(TenantId tenant, UUID connection, String calendarId) {
    return jdbc.sql("select sync_token from connection_calendar_sync where tenant_id = ? and connection_id = ? and calendar_id = ?")
        .params(tenant.value(), connection, calendarId).query(String.class).optional().orElse(null);
  }

  public void syncToken(TenantId tenant, UUID connection, String calendarId, String token) {
    jdbc.sql("insert into connection_calendar_sync (tenant_id, connection_id, calendar_id, sync_token) values (?, ?, ?, ?)"
            + " on conflict (tenant_id, connection_id, calendar_id) do update set sync_token = excluded.sync_token")
        .params(tenant.value(), connection, calendarId, token).update();
  }

  /** The series the given events of an OAuth provider belong to, those known to be in one. */
  public Map<String, String> seriesOf(TenantId tenant, UUID connection, java.util.Collection<String> refs) {
    Map<String, String> out = new java.util.HashMap<>();
    if (refs.isEmpty()) {
      return out;
    }
    jdbc.sql("select href, series_id from external_resource where tenant_id = ? and connection_id = ? and href = any(?) and series_id is not null")
        .params(tenant.value(), connection, refs.toArray(String[]::new)).query((rs, n) -> out.put(rs.getString(1), rs.getString(2))).list();
    return out;
  }

  /** Keeps one event of an OAuth provider (its VEVENT) with its series; the series' busy time is rebuilt separately. */
  public void putItem(TenantId tenant, UUID connection, String calendarId, dev.horae.connection.account.Change.Member item) {
    jdbc.sql("insert into external_resource (tenant_id, connection_id, calendar_id, href, etag, series_id, payload) values (?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (tenant_id, connection_id, href) do update set calendar_id = excluded.calendar_id, etag = excluded.etag,"
            + " series_id = excluded.series_id, payload = excluded.payload")
        .params(tenant.value(), connection, calendarId, item.ref(), item.etag(), item.series(), item.vevent()).update();
  }

  public void removeItem(TenantId tenant, UUID connection, String itemId) {
    jdbc.sql("delete from external_resource where tenant_id = ? and connection_id = ? and href = ?").params(tenant.value(), connection, itemId).update();
  }

  /** Removes a whole series (its master was deleted). */
  public void removeSeries(TenantId tenant, UUID connection, String seriesId) {
    jdbc.sql("delete from external_resource where tenant_id = ? and connection_id = ? and series_id = ?").params(tenant.value(), connection, seriesId).update();
  }

  /** The VEVENTs of one series (master and exceptions). */
  public List<String> series(TenantId tenant, UUID connection, String seriesId) {
    return jdbc.sql("select payload from external_resource where tenant_id = ? and connection_id = ? and series_id = ? and payload is not null order by href")
        .params(tenant.value(), connection, seriesId).query(String.class).list();
  }

  /** One imported object: where, at which ETag, and its busy time (already expanded). */
  public record ImportedObject(String href, String etag, List<IcsBusy.Busy> busy) {}

  /** Replaces what many objects of one calendar hold, in a handful of statements whatever their number. */
  public void replaceAll(TenantId tenant, Connection c, String calendarId, String calendarName, List<ImportedObject> objects) {
    if (objects.isEmpty()) {
      return;
    }
    removeAll(tenant, c.id(), objects.stream().map(ImportedObject::href).toList());
    batch.batchUpdate("insert into external_resource (tenant_id, connection_id, calendar_id, href, etag) values (?, ?, ?, ?, ?)",
        objects.stream().map(o -> new Object[] {tenant.value(), c.id(), calendarId, o.href(), o.etag()}).toList());
    List<Object[]> rows = new java.util.ArrayList<>();
    for (ImportedObject o : objects) {
      for (IcsBusy.Busy b : o.busy()) {
        rows.add(new Object[] {tenant.value(), c.id(), c.scheduleId(), calendarId, calendarName, o.href(), b.title(), Instants.utc(b.start()),
            Instants.utc(b.end()), b.allDay()});
      }
    }
    batch.batchUpdate("insert into external_busy (tenant_id, connection_id, schedule_id, calendar_id, calendar_name, href, title, start_utc, end_utc, all_day)"
        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
  }

  /** Removes what these objects held. */
  public void removeAll(TenantId tenant, UUID connection, java.util.Collection<String> hrefs) {
    if (hrefs.isEmpty()) {
      return;
    }
    String[] keys = hrefs.toArray(String[]::new);
    jdbc.sql("delete from external_busy where tenant_id = ? and connection_id = ? and href = any(?)").params(tenant.value(), connection, keys).update();
    jdbc.sql("delete from external_resource where tenant_id = ? and connection_id = ? and href = any(?)").params(tenant.value(), connection, keys)
        .update();
  }

  /** Replaces the busy time kept under {@code key} (a CalDAV object's href, an OAuth series id). */
  public void replaceBusy(TenantId tenant, Connection c, String calendarId, String calendarName, String key, List<IcsBusy.Busy> busy) {
    jdbc.sql("delete from external_busy where tenant_id = ? and connection_id = ? and href = ?").params(tenant.value(), c.id(), key).update();
    batch.batchUpdate("insert into external_busy (tenant_id, connection_id, schedule_id, calendar_id, calendar_name, href, title, start_utc, end_utc, all_day)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        busy.stream().map(b -> new Object[] {tenant.value(), c.id(), c.scheduleId(), calendarId, calendarName, key, b.title(),
            Instants.utc(b.start()), Instants.utc(b.end()), b.allDay()}).toList());
  }

  /** Drops everything of calendars no longer imported (or of the whole connection when {@code keep} is empty). */
  public void keepOnly(TenantId tenant, UUID connection, List<String> keep) {
    String[] ids = keep.toArray(String[]::new);
    jdbc.sql("delete from connection_calendar_sync where tenant_id = ? and connection_id = ? and not (calendar_id = any(?))").params(tenant.value(), connection, ids).update();
    jdbc.sql("delete from external_busy where tenant_id = ? and connection_id = ? and not (calendar_id = any(?))").params(tenant.value(), connection, ids).update();
    jdbc.sql("delete from external_resource where tenant_id = ? and connection_id = ? and not (calendar_id = any(?))").params(tenant.value(), connection, ids).update();
  }

  /** Providers of the tenant's importing connections (of these schedules) that are in ERROR: their busy time may be stale. */
  /** An importing connection in error, whose busy time may be stale. */
  public record Failing(UUID connectionId, String providerId, UUID scheduleId, ConnectionErrorReason errorReason) {}

  public List<Failing> failing(TenantId tenant, List<UUID> scheduleIds) {
    return jdbc.sql("select id, provider_id, schedule_id, error_reason from connection where tenant_id = ? and status = 'ERROR'"
            + " and coalesce((sync_config -> 'listEventFromCalendars' ->> 'enabled')::boolean, false)"
            + (scheduleIds.isEmpty() ? "" : " and schedule_id = any(?)") + " order by provider_id, created_at, id")
        .params(scheduleIds.isEmpty() ? List.of(tenant.value()) : List.of(tenant.value(), scheduleIds.toArray(UUID[]::new)))
        .query((rs, n) -> new Failing(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
            ConnectionErrorReason.valueOf(rs.getString(4)))).list();
  }

  public record Row(long id, UUID connectionId, UUID scheduleId, String calendarType, String calendarName, String title, Instant start, Instant end,
      boolean allDay, String userId) {}

  /** Busy time overlapping {@code [from, to)} of importing connections, in start order, after a keyset position. */
  public List<Row> busy(TenantId tenant, List<UUID> scheduleIds, List<String> userIds, Instant from, Instant to, Boolean allDay,
      Instant afterStart, long afterId, int limit) {
    StringBuilder sql = new StringBuilder("select b.id, b.schedule_id, c.calendar_type, b.calendar_name, b.title, b.start_utc, b.end_utc,"
        + " b.all_day, c.user_id, c.id from external_busy b join connection c on c.tenant_id = b.tenant_id and c.id = b.connection_id"
        + " where b.tenant_id = ? and c.status <> 'DISCONNECTED' and b.end_utc > ? and b.start_utc < ?"
        + " and coalesce((c.sync_config -> 'listEventFromCalendars' ->> 'enabled')::boolean, false)");
    List<Object> params = new java.util.ArrayList<>(List.of(tenant.value(), Instants.utc(from), Instants.utc(to)));
    if (!scheduleIds.isEmpty()) {
      sql.append(" and b.schedule_id = any(?)");
      params.add(scheduleIds.toArray(UUID[]::new));
    }
    if (!userIds.isEmpty()) {
      sql.append(" and c.user_id = any(?)");
      params.add(userIds.toArray(String[]::new));
    }
    if (allDay != null) {
      sql.append(" and b.all_day = ?");
      params.add(allDay);
    }
    if (afterStart != null) {
      sql.append(" and (b.start_utc, b.id) > (?, ?)");
      params.add(Instants.utc(afterStart));
      params.add(afterId);
    }
    sql.append(" order by b.start_utc, b.id limit ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params)
        .query((rs, n) -> new Row(rs.getLong(1), rs.getObject(10, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getObject(7, OffsetDateTime.class).toInstant(),
            rs.getBoolean(8), rs.getString(9)))
        .list();
  }
}
