package dev.horae.outbox;

import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.storage.JsonColumns;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records domain events in the caller's transaction, with no sequence yet. After the transaction
 * commits, {@link Numbering} gives the tenant's committed changes the next numbers in a short
 * transaction of its own (and every node's sweep numbers any a dying writer left, within a second).
 * Only numbered changes are read, so sequence order is the order changes became readable: a change
 * feed that reads "after the last sequence seen" never skips one that commits late, and every reader
 * sees the same order. Writers of one tenant hold the tenant's counter row only while numbering,
 * not for the rest of their transactions.
 */
@Component
public class Outbox {
  /** The PostgreSQL notification channel signalled when changes of a tenant with enabled webhooks become readable. */
  public static final String CHANNEL = "horae_outbox";

  private final JdbcTemplate batch;
  private final JsonColumns json;
  private final Clock clock;
  private final Numbering numbering;

  Outbox(JdbcTemplate batch, JsonColumns json, Clock clock, Numbering numbering) {
    this.batch = batch;
    this.json = json;
    this.clock = clock;
    this.numbering = numbering;
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
    var now = Instants.utc(Instants.truncate(clock.instant()));
    List<Object[]> rows = new ArrayList<>(events.size());
    for (DomainEvent event : events) {
      rows.add(new Object[] {tenant.value(), Ids.newUuid(), event.entityFqdn(), event.slug(), event.entityId(),
          event.entityRevision(), json.write(event.body()), now});
    }
    batch.batchUpdate(
        "insert into domain_event (tenant_id, id, entity_fqdn, slug, entity_id, entity_revision, payload, occurred_at)"
            + " values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)",
        rows);
    numbering.afterCommit(tenant);
  }
}
