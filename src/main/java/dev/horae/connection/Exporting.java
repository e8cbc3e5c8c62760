package dev.horae.connection;

import dev.horae.event.Event;
import dev.horae.event.ScheduleEvents;
import dev.horae.shared.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Writes a connection's schedule to its export calendar (the primary one, or a dedicated one Horae
 * creates once): every single event, instance and exception in the sync window, one calendar
 * object each, at {@code <calendar>/<event id>.ics} with UID {@code <event id>@export.horae.dev}.
 * Created with {@code If-None-Match: *}, replaced with {@code If-Match}, cancelled or vanished
 * events deleted. A failed precondition re-reads the ETag and writes again: Horae is the source of
 * truth for what it exports, so changes made to these copies in the external calendar are
 * overwritten at the next sync (and never imported as busy time). Nothing is ever written twice.
 */
@Component
class Exporting {
  private final CredentialsAccounts accounts;
  private final ExportStore store;
  private final ScheduleEvents events;

  Exporting(CredentialsAccounts accounts, ExportStore store, ScheduleEvents events) {
    this.accounts = accounts;
    this.store = store;
    this.events = events;
  }

  void export(TenantId tenant, Connection c, CredentialsAccounts.Account account, String calendarUrl, String password, Instant from, Instant to)
      throws ProviderRefusal {
    Map<String, ExportStore.Exported> exported = store.all(tenant, c.id());
    Map<String, String> remote = accounts.etags(account, calendarUrl, c.username(), password);
    Map<String, Event> wanted = new HashMap<>();
    for (Event e : events.occurrences(tenant, c.scheduleId(), from, to)) {
      wanted.put(e.id(), e);
    }
    for (Event e : wanted.values()) {
      ExportStore.Exported done = exported.get(e.id());
      String href = calendarUrl + e.id() + ".ics";
      String path = java.net.URI.create(href).getPath();
      if (e.cancelled()) {
        if (done != null) {
          delete(account, c, password, done);
          store.remove(tenant, c.id(), e.id());
        }
        continue;
      }
      boolean upToDate = done != null && done.revision() == e.revision() && done.etag() != null && done.etag().equals(remote.get(path));
      if (!upToDate) {
        String etag = write(account, c, password, href, outgoing(e), done == null ? null : remote.get(path));
        store.save(tenant, c.id(), new ExportStore.Exported(e.id(), href, etag, e.revision()));
      }
    }
    // exported events that no longer exist in Horae (an instance removed by a changed rule)
    List<String> stale = exported.keySet().stream().filter(id -> !wanted.containsKey(id)).toList();
    if (!stale.isEmpty()) {
      Set<String> alive = events.existing(tenant, stale);
      for (String id : stale) {
        if (!alive.contains(id)) {
          delete(account, c, password, exported.get(id));
          store.remove(tenant, c.id(), id);
        }
      }
    }
  }

  /** PUT, and on a failed precondition (someone changed or created it meanwhile) read the ETag and PUT once more over it. */
  private String write(CredentialsAccounts.Account account, Connection c, String password, String href, CredentialsAccounts.Outgoing e, String knownEtag)
      throws ProviderRefusal {
    String etag = knownEtag;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        String written = accounts.put(account, href, e, etag, c.username(), password);
        return written != null ? written : accounts.etag(account, href, c.username(), password);
      } catch (ProviderRefusal refused) {
        if (refused.reason() != ProviderRefusal.Reason.PRECONDITION_FAILED) {
          throw refused;
        }
        etag = accounts.etag(account, href, c.username(), password);
      }
    }
    throw new ProviderRefusal(ProviderRefusal.Reason.PRECONDITION_FAILED, "the object at " + java.net.URI.create(href).getPath() + " keeps changing");
  }

  private void delete(CredentialsAccounts.Account account, Connection c, String password, ExportStore.Exported done) throws ProviderRefusal {
    try {
      accounts.delete(account, done.href(), done.etag(), c.username(), password);
    } catch (ProviderRefusal refused) {
      if (refused.reason() != ProviderRefusal.Reason.PRECONDITION_FAILED) {
        throw refused;
      }
      accounts.delete(account, done.href(), null, c.username(), password); // changed out there: still ours to remove
    }
  }

  static CredentialsAccounts.Outgoing outgoing(Event e) {
    return new CredentialsAccounts.Outgoing(e.id(), e.title(), e.start(), e.end(), e.allDay(),
        e.time().startLocal().toLocalDate(), e.time().endLocal().toLocalDate(), e.transparency().name().equals("TRANSPARENT"));
  }
}
