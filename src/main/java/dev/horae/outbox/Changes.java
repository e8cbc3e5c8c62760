package dev.horae.outbox;

import dev.horae.shared.TenantId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the outbox in sequence order. Only numbered changes are read, and a change is numbered after
 * its commit, above every number already readable ({@link Numbering}): reading "after the last
 * sequence seen" never skips one.
 */
@Component
public class Changes {
  private final JdbcClient jdbc;

  Changes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Change> after(TenantId tenant, long sequence, int limit) {
    return read(jdbc.sql(SELECT + " from domain_event where tenant_id = ? and sequence > ? order by sequence limit ?")
        .params(tenant.value(), sequence, limit));
  }

  /** The changes after {@code sequence} of the given entities only (e.g. {@code horae.v1.api_key}). */
  public List<Change> after(TenantId tenant, long sequence, List<String> entityFqdns, int limit) {
    return read(jdbc.sql(SELECT + " from domain_event where tenant_id = ? and sequence > ? and entity_fqdn = any (?)"
            + " order by sequence limit ?")
        .params(tenant.value(), sequence, entityFqdns.toArray(String[]::new), limit));
  }

  /** The highest sequence readable for the tenant now (0 before its first change). */
  public long latest(TenantId tenant) {
    return jdbc.sql("select coalesce(max(sequence), 0) from domain_event where tenant_id = ?").params(tenant.value()).query(Long.class).single();
  }

  private static final String SELECT =
      "select sequence, id, entity_fqdn, slug, entity_id, entity_revision, payload::text as payload, occurred_at";

  private static List<Change> read(JdbcClient.StatementSpec statement) {
    return statement.query((rs, n) -> new Change(rs.getLong("sequence"), rs.getObject("id", UUID.class), rs.getString("entity_fqdn"),
            rs.getString("slug"), rs.getString("entity_id"), (Long) rs.getObject("entity_revision"), rs.getString("payload"),
            rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
        .list();
  }
}
