package dev.horae.tenant;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.horae.connection.ExternalCalendars;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deleting a tenant. The request marks it DELETING in one transaction, so every key of it is refused
 * from the next request on and its background work stops. A cluster-wide job (db-scheduler, one node
 * at a time, resumed by another node if that one dies) then cleans its external side as Disconnect
 * does, and erases every row it owns, table by table in foreign-key order (the tables are read from
 * the catalogue, so a table added later is erased too), writing its progress on the tenant's row,
 * which goes last.
 */
@Component
class ErasingTenants {
  private static final Logger log = LoggerFactory.getLogger(ErasingTenants.class);
  private static final int BATCH = 5_000;

  private final TenantRepository tenants;
  private final TenantTables tables;
  private final ExternalCalendars calendars;
  private final RateLimits limits;
  private final PresentedKeys presented;
  private final Audit audit;
  private final Clock clock;

  ErasingTenants(TenantRepository tenants, TenantTables tables, ExternalCalendars calendars, RateLimits limits, PresentedKeys presented,
      Audit audit, Clock clock) {
    this.tenants = tenants;
    this.tables = tables;
    this.calendars = calendars;
    this.limits = limits;
    this.presented = presented;
    this.audit = audit;
    this.clock = clock;
  }

  /** Marks the tenant DELETING (again answers it as it is); the job does the rest. */
  @Transactional
  Tenant request(Caller operator, TenantId id) {
    Tenant current = tenants.find(id, true).orElseThrow(() -> Rejection.notFound("Tenant", id));
    if (current.status() == TenantStatus.DELETING) {
      return current;
    }
    tenants.status(id, TenantStatus.DELETING, Instants.truncate(clock.instant()));
    presented.announceChange();
    tenants.deletion(id, progress("REQUESTED", 0, 0, 0));
    Tenant marked = tenants.find(id, false).orElseThrow();
    audit.tenant(operator, "deletion_requested", marked);
    return marked;
  }

  /** Erases every tenant marked DELETING; answers how many are gone. */
  int eraseAll() {
    int erased = 0;
    for (TenantId id : tenants.deleting()) {
      try {
        erase(id);
        erased++;
      } catch (RuntimeException e) {
        log.warn("Erasing tenant {} failed; the next run goes on from where it stands", id, e);
      }
    }
    return erased;
  }

  void erase(TenantId id) {
    tenants.deletion(id, progress("EXTERNAL", 0, 0, 0));
    int disconnected = calendars.disconnectAll(id);
    List<UUID> keyIds = tables.keyIds(id);
    TenantTables.Owned owned = tables.owned();
    long rows = 0;
    for (int i = 0; i < owned.inDeletionOrder().size(); i++) {
      String table = owned.inDeletionOrder().get(i);
      boolean batched = !owned.selfReferencing().contains(table); // a batch could take a parent and leave its child
      int deleted;
      do {
        deleted = tables.delete(table, id, batched ? BATCH : 0);
        rows += deleted;
        tenants.deletion(id, progress("ROWS", owned.inDeletionOrder().size(), i, rows));
      } while (batched && deleted == BATCH);
    }
    limits.forget(id.value(), keyIds);
    tables.deleteTenant(id);
    log.info("Erased tenant {}: {} connections disconnected, {} rows in {} tables", id, disconnected, rows,
        owned.inDeletionOrder().size());
  }

  private Map<String, Object> progress(String phase, int tableCount, int tablesDone, long rows) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("phase", phase);
    p.put("tables", tableCount);
    p.put("tablesDone", tablesDone);
    p.put("rowsDeleted", rows);
    p.put("updatedDate", Instants.format(clock.instant()));
    return p;
  }

  @Configuration(proxyBeanMethods = false)
  static class Job {
    @Bean
    RecurringTask<Void> tenantErasure(ErasingTenants erasing) {
      return Tasks.recurring("tenant-erasure", FixedDelay.ofSeconds(2)).execute((instance, context) -> erasing.eraseAll());
    }
  }

  /** The catalogue's view of what a tenant owns: every table of the schema with a {@code tenant_id} column. */
  @Component
  static class TenantTables {
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private final PresentedKeys presented;

    TenantTables(org.springframework.jdbc.core.simple.JdbcClient jdbc, PresentedKeys presented) {
      this.jdbc = jdbc;
      this.presented = presented;
    }

    List<UUID> keyIds(TenantId tenant) {
      return jdbc.sql("select id from api_key where tenant_id = ?").param(tenant.value()).query(UUID.class).list();
    }

    /** The tables with a tenant_id column, each after every table whose rows reference it, and those that reference themselves. */
    record Owned(List<String> inDeletionOrder, Set<String> selfReferencing) {}

    /** One read of the catalogue: the owned tables and their foreign keys. */
    Owned owned() {
      List<String> owned = jdbc.sql("select c.relname from pg_class c join pg_attribute a on a.attrelid = c.oid"
              + " where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and a.attname = 'tenant_id'"
              + " and not a.attisdropped and not c.relispartition order by c.relname")
          .query(String.class).list();
      Map<String, Set<String>> referencedBy = new LinkedHashMap<>();
      owned.forEach(t -> referencedBy.put(t, new LinkedHashSet<>()));
      Set<String> selfReferencing = new LinkedHashSet<>();
      jdbc.sql("select child.relname, parent.relname from pg_constraint k join pg_class child on child.oid = k.conrelid"
              + " join pg_class parent on parent.oid = k.confrelid where k.contype = 'f' and k.connamespace = current_schema()::regnamespace")
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
          .forEach(fk -> {
            if (fk.getKey().equals(fk.getValue())) {
              selfReferencing.add(fk.getKey());
            } else if (referencedBy.containsKey(fk.getValue()) && referencedBy.containsKey(fk.getKey())) {
              referencedBy.get(fk.getValue()).add(fk.getKey());
            }
          });
      List<String> order = new ArrayList<>();
      Set<String> placed = new LinkedHashSet<>();
      for (String t : owned) {
        place(t, referencedBy, placed, order, new LinkedHashSet<>());
      }
      return new Owned(List.copyOf(order), Set.copyOf(selfReferencing));
    }

    private static void place(String table, Map<String, Set<String>> referencedBy, Set<String> placed, List<String> order,
        Set<String> visiting) {
      if (placed.contains(table) || !visiting.add(table)) {
        return;
      }
      for (String child : referencedBy.get(table)) {
        place(child, referencedBy, placed, order, visiting);
      }
      placed.add(table);
      order.add(table);
    }

    /** Deletes the tenant's rows of {@code table}, at most {@code batch} of them (0: all); the name comes from the catalogue. */
    int delete(String table, TenantId tenant, int batch) {
      String quoted = "\"" + table.replace("\"", "\"\"") + "\"";
      String sql = batch == 0 ? "delete from " + quoted + " where tenant_id = ?"
          : "delete from " + quoted + " where ctid = any (array(select ctid from " + quoted + " where tenant_id = ? limit " + batch + "))";
      return jdbc.sql(sql).param(tenant.value()).update();
    }

    /**
     * Removes the tenant row and tells every node to forget the keys it holds: one still held as its DELETING tenant's
     * (a 403) is unknown (a 401) from this commit on, not only when the node's copy ends.
     */
    @Transactional
    void deleteTenant(TenantId tenant) {
      jdbc.sql("delete from tenant where id = ?").param(tenant.value()).update();
      presented.announceChange();
    }
  }
}
