package dev.horae.connection;

import dev.horae.shared.TenantId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one calendar of a Google or Microsoft account: the changes since the stored sync token
 * or delta link (none, or one the provider refuses with 410: a full listing, after which whatever
 * it did not list is gone). Each event is kept as its VEVENT with its series; every series touched
 * is re-expanded as a whole (master, exceptions, cancelled occurrences) by {@link IcsBusy}, so an
 * exception changed alone still moves its occurrence out of the master's busy time.
 */
@Component
class OAuthImport {
  private final ImportStore store;
  private final ConnectionRepository connections;
  private final TransactionTemplate transactions;

  OAuthImport(ImportStore store, ConnectionRepository connections, TransactionTemplate transactions) {
    this.store = store;
    this.connections = connections;
    this.transactions = transactions;
  }

  /** {@code ours}: the ids of Horae's own copies in the account, which are never foreign busy time. */
  void calendar(TenantId tenant, Connection c, OAuthAccounts accounts, OAuthAccounts.Session session, CredentialsAccounts.Calendar calendar,
      Syncing.Window w, Set<String> ours) throws ProviderRefusal {
    UUID id = c.id();
    String cursor = w.full() ? null : store.syncToken(tenant, id, calendar.id());
    OAuthAccounts.Changes changes;
    try {
      changes = accounts.changes(session, calendar.id(), cursor, w.from(), w.to());
    } catch (ProviderRefusal refused) {
      if (refused.reason() != ProviderRefusal.Reason.SYNC_TOKEN_EXPIRED || cursor == null) {
        throw refused;
      }
      changes = accounts.changes(session, calendar.id(), null, w.from(), w.to());
    }
    OAuthAccounts.Changes got = changes;
    transactions.executeWithoutResult(status -> {
      connections.find(tenant, id, true); // one writer per connection at a time
      Map<String, String> known = store.etags(tenant, id, calendar.id());
      Set<String> touched = new HashSet<>();
      if (got.full()) {
        Set<String> listed = new HashSet<>();
        got.items().forEach(item -> listed.add(item.id()));
        for (String href : known.keySet()) {
          if (!listed.contains(href)) {
            touched.add(store.seriesOf(tenant, id, href));
            store.removeItem(tenant, id, href);
          }
        }
      }
      for (OAuthAccounts.Item item : got.items()) {
        if (ours.contains(item.id())) {
          continue;
        }
        if (item.removed()) {
          String series = store.seriesOf(tenant, id, item.id());
          if (item.id().equals(series) || item.id().equals(item.seriesId())) {
            store.removeSeries(tenant, id, item.id()); // a master deleted: its exceptions go with it
            touched.add(item.id());
          } else if (series != null) {
            store.removeItem(tenant, id, item.id());
            touched.add(series);
          }
        } else if (!item.etag().equals(known.get(item.id())) || got.full()) {
          store.putItem(tenant, id, calendar.id(), item);
          touched.add(item.seriesId());
        }
      }
      touched.remove(null);
      for (String series : touched) {
        String vcalendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Horae//Import//EN\r\n"
            + String.join("", store.series(tenant, id, series)) + "END:VCALENDAR\r\n";
        store.replaceBusy(tenant, c, calendar.id(), calendar.name(), series,
            IcsBusy.of(vcalendar, w.from(), w.to(), null, w.zone()));
      }
      store.syncToken(tenant, id, calendar.id(), got.cursor());
    });
  }
}
