package dev.horae.outbox;

import dev.horae.shared.TenantId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives committed outbox changes their per-tenant sequence numbers. One statement takes the
 * tenant's committed, unnumbered changes ({@code FOR UPDATE SKIP LOCKED}), moves the tenant's counter
 * row on by their count and numbers them in position order. Two numberings of one tenant serialise on
 * the counter row, so the later one's numbers are higher and become readable after the earlier ones:
 * no reader can see a number before a lower one exists.
 */
@Component
class Numbering {
  private static final Logger log = LoggerFactory.getLogger(Numbering.class);

  private final JdbcClient jdbc;
  private final javax.sql.DataSource dataSource;
  private final TransactionTemplate separate;

  Numbering(JdbcClient jdbc, javax.sql.DataSource dataSource, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.separate = new TransactionTemplate(transactions.getTransactionManager());
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Numbers the tenant's changes once the current transaction has committed (once per tenant and transaction). */
  void afterCommit(TenantId tenant) {
    // the current transaction's own synchronizations (a REQUIRES_NEW transaction inside has its own list)
    Pending pending = TransactionSynchronizationManager.getSynchronizations().stream()
        .filter(Pending.class::isInstance).map(Pending.class::cast).findFirst().orElse(null);
    if (pending == null) {
      pending = new Pending();
      TransactionSynchronizationManager.registerSynchronization(pending);
    }
    pending.tenants.add(tenant.value());
  }

  private final class Pending implements TransactionSynchronization {
    final Set<UUID> tenants = new java.util.LinkedHashSet<>();

    @Override
    public void afterCommit() {
      for (UUID t : tenants) {
        numberQuietly(new TenantId(t));
      }
    }
  }

  /**
   * Runs right after the writer's commit, on the writer's own connection (still bound to this
   * thread; taking a second one from the pool for every write would starve it), as a transaction of
   * its own that this method commits. The write has committed whatever happens here: a failure
   * leaves the changes to the sweep, never to the caller.
   */
  private void numberQuietly(TenantId tenant) {
    java.sql.Connection connection = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
    try {
      numberStatements(tenant);
      connection.commit();
    } catch (RuntimeException | java.sql.SQLException e) {
      try {
        connection.rollback();
      } catch (java.sql.SQLException ignored) {
        // the connection is broken; the pool drops it
      }
      log.warn("Numbering the changes of tenant {} failed; the sweep numbers them within a second ({})", tenant.value(), e.toString());
    } finally {
      org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  /** Numbers the tenant's committed, unnumbered changes in a transaction of its own; answers how many. */
  int number(TenantId tenant) {
    Integer numbered = separate.execute(status -> numberStatements(tenant));
    return numbered == null ? 0 : numbered;
  }

  private int numberStatements(TenantId tenant) {
    int n = jdbc.sql("with todo as (select position from domain_event where tenant_id = ? and sequence is null"
            + "   order by position for update skip locked),"
            + " n as (select count(*) as n from todo),"
            + " bumped as (insert into tenant_sequence (tenant_id, last_value) select ?, n from n where n > 0"
            + "   on conflict (tenant_id) do update set last_value = tenant_sequence.last_value + excluded.last_value returning last_value),"
            + " numbered as (select t.position, b.last_value - n.n + row_number() over (order by t.position) as seq from todo t, n, bumped b)"
            + " update domain_event e set sequence = numbered.seq from numbered where e.tenant_id = ? and e.position = numbered.position")
        .params(tenant.value(), tenant.value(), tenant.value()).update();
    if (n > 0) {
      // wakes the webhook workers at commit (LISTEN horae_outbox), only for a tenant that has somewhere to send them
      jdbc.sql("select pg_notify('" + Outbox.CHANNEL + "', '') where exists (select 1 from webhook where tenant_id = ? and enabled)")
          .params(tenant.value()).query().listOfRows();
    }
    return n;
  }

  /** The tenants with committed changes still unnumbered (a writer died between its commit and its numbering). */
  List<TenantId> unnumbered() {
    return jdbc.sql("select distinct tenant_id from domain_event where sequence is null").query(UUID.class).list().stream()
        .map(TenantId::new).toList();
  }
}
