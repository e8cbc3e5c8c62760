package dev.horae.connection.sync;

import dev.horae.connection.Connection;
import dev.horae.connection.account.CalendarAccount;
import dev.horae.connection.account.Change;
import dev.horae.connection.account.Changes;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.connection.account.Window;
import dev.horae.shared.TenantId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one calendar of any account: asks the account what changed since the stored cursor and
 * writes it. Whole objects (a CalDAV resource, a feed's UID) are expanded on their own, before any
 * transaction; members of a series (Google, Graph events) are kept as VEVENTs, and every series
 * touched is re-expanded as a whole (master, exceptions, cancelled occurrences) by {@link IcsBusy},
 * so an exception changed alone still moves its occurrence out of the master's busy time. Writes go
 * in transactions of at most {@value #WRITE_CHUNK} objects, each checking that this node still holds
 * the sync lease; the cursor goes with the last, so a sync cut short is repeated from the old one.
 */
@Component
class Importing {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Importing.class);
  private static final int WRITE_CHUNK = 1000;
  private final ImportStore store;
  private final TransactionTemplate transactions;
  private final SyncLeases leases;

  Importing(ImportStore store, TransactionTemplate transactions, SyncLeases leases) {
    this.store = store;
    this.transactions = transactions;
    this.leases = leases;
  }

  /** {@code ours}: the refs of Horae's own copies in the account, which are never foreign busy time. */
  void calendar(TenantId tenant, Connection c, CalendarAccount account, dev.horae.connection.account.Calendar calendar, Window w, Set<String> ours)
      throws ProviderRefusal {
    String cursor = w.full() ? null : store.syncToken(tenant, c.id(), calendar.id());
    java.util.concurrent.atomic.AtomicReference<Map<String, String>> read = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.function.Supplier<Map<String, String>> imported = () -> read.updateAndGet(had -> had != null ? had : store.etags(tenant, c.id(), calendar.id()));
    Changes changes = account.changes(calendar, new Changes.Since(cursor, imported), w);
    if (changes.unchanged()) {
      return;
    }
    String name = changes.name() != null ? changes.name() : calendar.name();
    List<Change> all = new ArrayList<>(changes.changes().stream().filter(change -> !ours.contains(change.ref())).toList());
    if (changes.full()) { // whatever the complete listing left out is gone
      Set<String> listed = new HashSet<>();
      changes.changes().forEach(change -> listed.add(change.ref()));
      imported.get().keySet().stream().filter(ref -> !listed.contains(ref)).forEach(ref -> all.add(new Change.Removed(ref, null)));
    }
    // whole objects are expanded before any transaction
    List<ImportStore.ImportedObject> objects = new ArrayList<>();
    List<Change.Member> members = new ArrayList<>();
    List<Change.Removed> removed = new ArrayList<>();
    for (Change change : all) {
      if (change instanceof Change.Whole o) {
        objects.add(new ImportStore.ImportedObject(o.ref(), o.etag(), IcsBusy.of(o.ics(), w.from(), w.to(), account.attendee(), w.zone())));
      } else if (change instanceof Change.Member m) {
        members.add(m);
      } else if (change instanceof Change.Removed r) {
        removed.add(r);
      }
    }
    int chunks = Math.max(1, (objects.size() + WRITE_CHUNK - 1) / WRITE_CHUNK);
    for (int i = 0; i < chunks; i++) {
      List<ImportStore.ImportedObject> chunk = objects.subList(i * WRITE_CHUNK, Math.min(objects.size(), (i + 1) * WRITE_CHUNK));
      boolean last = i == chunks - 1;
      boolean held = Boolean.TRUE.equals(transactions.execute(status -> {
        if (!leases.held(tenant, c.id())) {
          return false;
        }
        store.replaceAll(tenant, c, calendar.id(), name, chunk);
        if (last) {
          series(tenant, c, calendar.id(), name, members, removed, w);
          store.syncToken(tenant, c.id(), calendar.id(), changes.cursor());
        }
        return true;
      }));
      if (!held) {
        log.warn("Sync of connection {} lost its lease while writing; the holder's sync stands", c.id());
        throw new ProviderRefusal(ProviderRefusal.Reason.INTERRUPTED, "the lease was lost");
      }
    }
  }

  /** Removals, and members of series: each series touched is expanded again from all it holds now. */
  private void series(TenantId tenant, Connection c, String calendarId, String name, List<Change.Member> members, List<Change.Removed> removed,
      Window w) {
    Set<String> touched = new HashSet<>();
    Map<String, String> seriesOf = store.seriesOf(tenant, c.id(), removed.stream().map(Change::ref).toList());
    for (Change.Removed r : removed) {
      String series = seriesOf.get(r.ref());
      if (r.ref().equals(series) || r.ref().equals(r.series())) {
        store.removeSeries(tenant, c.id(), r.ref()); // a master deleted: its exceptions go with it
        touched.add(r.ref());
      } else if (series != null) {
        touched.add(series);
      }
    }
    store.removeAll(tenant, c.id(), removed.stream().map(Change::ref).toList());
    for (Change.Member m : members) {
      store.putItem(tenant, c.id(), calendarId, m);
      touched.add(m.series());
    }
    for (String series : touched) {
      String vcalendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Horae//Import//EN\r\n" + String.join("", store.series(tenant, c.id(), series))
          + "END:VCALENDAR\r\n";
      store.replaceBusy(tenant, c, calendarId, name, series, IcsBusy.of(vcalendar, w.from(), w.to(), null, w.zone()));
    }
  }
}
