package dev.horae.connection.export;

import dev.horae.shared.TenantId;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What Horae has written to a connection's calendar: per event, where, at which ETag and revision. */
@Repository
public class ExportStore {
  private final JdbcClient jdbc;

  ExportStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Exported(String eventId, String href, String etag, long revision) {}

  public Map<String, Exported> all(TenantId tenant, UUID connection) {
    Map<String, Exported> out = new java.util.HashMap<>();
    jdbc.sql("select event_id, href, etag, revision from exported_event where tenant_id = ? and connection_id = ?")
        .params(tenant.value(), connection)
        .query((rs, n) -> out.put(rs.getString(1), new Exported(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))).list();
    return out;
  }

  public void save(TenantId tenant, UUID connection, Exported e) {
    jdbc.sql("insert into exported_event (tenant_id, connection_id, event_id, href, etag, revision) values (?, ?, ?, ?, ?, ?)"
            + " on conflict (tenant_id, connection_id, event_id) do update set href = excluded.href, etag = excluded.etag, revision = excluded.revision")
        .params(tenant.value(), connection, e.eventId(), e.href(), e.etag(), e.revision()).update();
  }

  public void remove(TenantId tenant, UUID connection, String eventId) {
    jdbc.sql("delete from exported_event where tenant_id = ? and connection_id = ? and event_id = ?").params(tenant.value(), connection, eventId).update();
  }

  public void removeAll(TenantId tenant, UUID connection) {
    jdbc.sql("delete from exported_event where tenant_id = ? and connection_id = ?").params(tenant.value(), connection).update();
  }

  public String calendar(TenantId tenant, UUID connection) {
    return jdbc.sql("select export_calendar_url from connection where tenant_id = ? and id = ?").params(tenant.value(), connection)
        .query(String.class).optional().orElse(null);
  }

  /**
   * Claims the dedicated export calendar before it is created: the first claim stands, and every
   * later one (a retry after a crash, another node) answers it, so all of them look for the same calendar.
   */
  public String claimCalendar(TenantId tenant, UUID connection, String identity) {
    return jdbc.sql("update connection set export_calendar_claim = coalesce(export_calendar_claim, ?) where tenant_id = ? and id = ?"
            + " returning export_calendar_claim")
        .params(identity, tenant.value(), connection).query(String.class).single();
  }

  /** Records the export calendar once made or found; answers the one recorded (an earlier record stands). */
  public String calendar(TenantId tenant, UUID connection, String url) {
    jdbc.sql("update connection set export_calendar_url = ? where tenant_id = ? and id = ? and export_calendar_url is null")
        .params(url, tenant.value(), connection).update();
    return calendar(tenant, connection);
  }
}
