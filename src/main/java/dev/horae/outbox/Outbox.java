package dev.horae.outbox;

import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.storage.JsonColumns;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records domain events in the caller's transaction. The sequence comes from a per-tenant counter
 * row that stays locked until the transaction ends, so two transactions of one tenant never
 * interleave their numbers: sequence order is commit order, which a change feed can follow without
 * skipping a late commit. The cost is that writers of one tenant queue on that row for the rest of
 * their transaction.
 */
@Component
public class Outbox {
  /** The PostgreSQL notification channel signalled by every transaction that records changes. */
  public static final String CHANNEL = "horae_outbox";

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final JsonColumns json;
  private final Clock clock;

  Outbox(JdbcClient jdbc, JdbcTemplate batch, JsonColumns json, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.json = json;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void record(TenantId tenant, DomainEvent event) {
    record(tenant, List.of(event));
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void record(TenantId tenant, List<DomainEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    long last =
        jdbc.sql(
                "insert into tenant_sequence (tenant_id, last_value) values (?, ?)"
                    + " on conflict (tenant_id) do update set last_value = tenant_sequence.last_value + excluded.last_value"
                    + " returning last_value")
            .params(tenant.value(), events.size())
            .query(Long.class)
            .single();
    long sequence = last - events.size();
    var now = Instants.utc(Instants.truncate(clock.instant()));
    List<Object[]> rows = new ArrayList<>(events.size());
    for (DomainEvent event : events) {
      sequence++;
      rows.add(new Object[] {tenant.value(), sequence, Ids.newUuid(), event.entityFqdn(), event.slug(), event.entityId(),
          event.entityRevision(), json.write(event.body()), now});
    }
    // Wakes the webhook workers at commit (LISTEN horae_outbox); without a listener it costs nothing.
    jdbc.sql("select pg_notify('" + CHANNEL + "', '')").query().singleRow();
    batch.batchUpdate(
        "insert into domain_event (tenant_id, sequence, id, entity_fqdn, slug, entity_id, entity_revision, payload, occurred_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)",
        rows);
  }
}
