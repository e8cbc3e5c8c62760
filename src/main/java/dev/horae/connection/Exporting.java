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
 * creates once): every single event, instance and exception in the sync window, one copy each.
 * CalDAV: at {@code <calendar>/<event id>.ics} with UID {@code <event id>@export.horae.dev}; Google:
 * with an event id Horae chooses. Created only if absent, replaced with {@code If-Match}, cancelled
 * or vanished events deleted. A failed precondition re-reads the ETag and writes again: Horae is
 * the source of truth for what it exports, so changes made to these copies in the external calendar
 * are overwritten at the next sync (and never imported as busy time). Nothing is ever written twice.
 */
@Component
class Exporting {
  private final ExportStore store;
  private final ScheduleEvents events;

  Exporting(ExportStore store, ScheduleEvents events) {
    this.store = store;
    this.events = events;
  }

  /** One export calendar, whatever the provider. */
  interface Target {
    /** Where a new copy of the event goes, or null when the provider assigns it. */
    String ref(String eventId);

    /** The ETag of every copy out there, by ref. */
    Map<String, String> etags() throws ProviderRefusal;

    /** Creates ({@code ifMatch} null, only if absent) or replaces (only at {@code ifMatch}); answers where and at which ETag. */
    OAuthAccounts.Written put(String ref, CredentialsAccounts.Outgoing event, String ifMatch) throws ProviderRefusal;

    /** The current ETag, null when gone. */
    String etag(String ref) throws ProviderRefusal;

    /** Deletes the copy (whatever its ETag); gone already is fine. */
    void delete(String ref) throws ProviderRefusal;
  }

  void export(TenantId tenant, Connection c, Target target, Instant from, Instant to) throws ProviderRefusal {
    Map<String, ExportStore.Exported> exported = store.all(tenant, c.id());
    Map<String, String> remote = target.etags();
    Map<String, Event> wanted = new HashMap<>();
    for (Event e : events.occurrences(tenant, c.scheduleId(), from, to)) {
      wanted.put(e.id(), e);
    }
    for (Event e : wanted.values()) {
      ExportStore.Exported done = exported.get(e.id());
      if (e.cancelled()) {
        if (done != null) {
          target.delete(done.href());
          store.remove(tenant, c.id(), e.id());
        }
        continue;
      }
      boolean upToDate = done != null && done.revision() == e.revision() && done.etag() != null && done.etag().equals(remote.get(done.href()));
      if (!upToDate) {
        String ref = done != null ? done.href() : target.ref(e.id());
        OAuthAccounts.Written written = write(target, ref, outgoing(e), done == null ? null : remote.get(done.href()));
        store.save(tenant, c.id(), new ExportStore.Exported(e.id(), written.ref(), written.etag(), e.revision()));
      }
    }
    // exported events that no longer exist in Horae (an instance removed by a changed rule)
    List<String> stale = exported.keySet().stream().filter(id -> !wanted.containsKey(id)).toList();
    if (!stale.isEmpty()) {
      Set<String> alive = events.existing(tenant, stale);
      for (String id : stale) {
        if (!alive.contains(id)) {
          target.delete(exported.get(id).href());
          store.remove(tenant, c.id(), id);
        }
      }
    }
  }

  /** Write, and on a failed precondition (someone changed or created it meanwhile) read the ETag and write once more over it. */
  private static OAuthAccounts.Written write(Target target, String ref, CredentialsAccounts.Outgoing e, String knownEtag) throws ProviderRefusal {
    String etag = knownEtag;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        OAuthAccounts.Written written = target.put(ref, e, etag);
        return written.etag() != null ? written : new OAuthAccounts.Written(written.ref(), target.etag(written.ref()));
      } catch (ProviderRefusal refused) {
        if (refused.reason() != ProviderRefusal.Reason.PRECONDITION_FAILED || ref == null) {
          throw refused;
        }
        etag = target.etag(ref);
      }
    }
    throw new ProviderRefusal(ProviderRefusal.Reason.PRECONDITION_FAILED, "the copy of event " + e.eventId() + " keeps changing");
  }

  static CredentialsAccounts.Outgoing outgoing(Event e) {
    return new CredentialsAccounts.Outgoing(e.id(), e.title(), e.start(), e.end(), e.allDay(),
        e.time().startLocal().toLocalDate(), e.time().endLocal().toLocalDate(), e.transparency().name().equals("TRANSPARENT"));
  }

  /** A CalDAV calendar collection as an export target. */
  static Target calDav(CredentialsAccounts accounts, CredentialsAccounts.Account account, String calendarUrl, String username, String password) {
    return new Target() {
      @Override
      public String ref(String eventId) {
        return calendarUrl + eventId + ".ics";
      }

      @Override
      public Map<String, String> etags() throws ProviderRefusal {
        Map<String, String> byRef = new HashMap<>();
        java.net.URI base = java.net.URI.create(calendarUrl);
        accounts.etags(account, calendarUrl, username, password).forEach((path, etag) -> byRef.put(base.resolve(path).toString(), etag));
        return byRef;
      }

      @Override
      public OAuthAccounts.Written put(String ref, CredentialsAccounts.Outgoing event, String ifMatch) throws ProviderRefusal {
        return new OAuthAccounts.Written(ref, accounts.put(account, ref, event, ifMatch, username, password));
      }

      @Override
      public String etag(String ref) throws ProviderRefusal {
        return accounts.etag(account, ref, username, password);
      }

      @Override
      public void delete(String ref) throws ProviderRefusal {
        accounts.delete(account, ref, null, username, password);
      }
    };
  }

  /** A calendar of an OAuth provider as an export target. */
  static Target oauth(OAuthAccounts accounts, OAuthAccounts.Session session, String calendarId) {
    return new Target() {
      @Override
      public String ref(String eventId) {
        return accounts.ref(eventId);
      }

      @Override
      public Map<String, String> etags() throws ProviderRefusal {
        return accounts.exported(session, calendarId);
      }

      @Override
      public OAuthAccounts.Written put(String ref, CredentialsAccounts.Outgoing event, String ifMatch) throws ProviderRefusal {
        return accounts.put(session, calendarId, ref, event, ifMatch);
      }

      @Override
      public String etag(String ref) throws ProviderRefusal {
        return accounts.etag(session, calendarId, ref);
      }

      @Override
      public void delete(String ref) throws ProviderRefusal {
        accounts.delete(session, calendarId, ref);
      }
    };
  }
}
