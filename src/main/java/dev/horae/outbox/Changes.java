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

  /**
   * The tenant's highest sequence if every change this transaction can see is numbered (0 before its
   * first change); empty while a committed change still waits for its number. Read in one snapshot
   * (a repeatable-read transaction) with other data, it then names that data's state exactly: every
   * change visible there has a number at or below it, and every later change gets a higher one.
   */
  public java.util.OptionalLong settled(TenantId tenant) {
    return jdbc.sql("select (select coalesce(max(sequence), 0) from domain_event where tenant_id = ?) as latest,"
            + " exists (select 1 from domain_event where tenant_id = ? and sequence is null) as waiting")
        .params(tenant.value(), tenant.value())
        .query((rs, n) -> rs.getBoolean("waiting") ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(rs.getLong("latest")))
        .single();
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
