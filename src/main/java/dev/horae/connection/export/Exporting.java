package dev.horae.connection.export;

import dev.horae.connection.Connection;
import dev.horae.connection.account.ExportCalendar;
import dev.horae.connection.account.Outgoing;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.connection.account.Written;
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
public class Exporting {
  private final ExportStore store;
  private final ScheduleEvents events;

  Exporting(ExportStore store, ScheduleEvents events) {
    this.store = store;
    this.events = events;
  }

  /** {@code exported}: the copies recorded ({@link ExportStore#all}), read by the caller under the sync lease. */
  public void export(TenantId tenant, Connection c, ExportCalendar target, Map<String, ExportStore.Exported> exported, Instant from, Instant to)
      throws ProviderRefusal {
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
        Written written = write(target, ref, outgoing(e), done == null ? null : remote.get(done.href()));
        store.save(tenant, c.id(), new ExportStore.Exported(e.id(), written.ref(), written.etag(), e.revision()));
      }
    }
    // exported events that no longer exist in Horae (an instance removed by a changed rule), or no longer block a resource's schedule
    List<String> stale = exported.keySet().stream().filter(id -> !wanted.containsKey(id)).toList();
    if (!stale.isEmpty()) {
      Set<String> alive = events.belonging(tenant, c.scheduleId(), stale);
      for (String id : stale) {
        if (!alive.contains(id)) {
          target.delete(exported.get(id).href());
          store.remove(tenant, c.id(), id);
        }
      }
    }
  }

  /** Write, and on a failed precondition (someone changed or created it meanwhile) read the ETag and write once more over it. */
  private static Written write(ExportCalendar target, String ref, Outgoing e, String knownEtag) throws ProviderRefusal {
    String etag = knownEtag;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        Written written = target.put(ref, e, etag);
        return written.etag() != null ? written : new Written(written.ref(), target.etag(written.ref()));
      } catch (ProviderRefusal refused) {
        if (refused.reason() != ProviderRefusal.Reason.PRECONDITION_FAILED || ref == null) {
          throw refused;
        }
        etag = target.etag(ref);
      }
    }
    throw new ProviderRefusal(ProviderRefusal.Reason.PRECONDITION_FAILED, "the copy of event " + e.eventId() + " keeps changing");
  }

  public static Outgoing outgoing(Event e) {
    return new Outgoing(e.id(), e.title(), e.start(), e.end(), e.allDay(),
        e.time().startLocal().toLocalDate(), e.time().endLocal().toLocalDate(), e.transparency().name().equals("TRANSPARENT"));
  }
}
