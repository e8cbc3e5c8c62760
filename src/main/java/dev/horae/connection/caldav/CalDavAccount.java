package dev.horae.connection.caldav;

import dev.horae.connection.account.Calendar;
import dev.horae.connection.account.CalendarAccount;
import dev.horae.connection.account.Change;
import dev.horae.connection.account.Changes;
import dev.horae.connection.account.CredentialsConnector.Location;
import dev.horae.connection.account.DedicatedCalendar;
import dev.horae.connection.account.ExportCalendar;
import dev.horae.connection.account.Outgoing;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.connection.account.Window;
import dev.horae.connection.account.Written;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One CalDAV account (iCloud, Fastmail, Nextcloud, Radicale, any server) as a {@link
 * CalendarAccount}. Changes come from RFC 6578 sync-collection (an expired token starts over with a
 * full listing) or, where the server lacks it, from the CTag and then every object's ETag; changed
 * objects the listing did not carry are fetched with calendar-multiget. The dedicated calendar is
 * the collection {@code horae-<connection id>/} in the calendar home, so a retried MKCALENDAR finds
 * the first.
 */
final class CalDavAccount implements CalendarAccount {
  /** Without sync-collection the cursor is the calendar's CTag, marked so it is never sent as a sync token. */
  static final String CTAG = "ctag:";

  private final CalDavAccounts client;
  private final Location account;
  private final UUID connection;
  private final String username;
  private final String password;

  CalDavAccount(CalDavAccounts client, Location account, UUID connection, String username, String password) {
    this.client = client;
    this.account = account;
    this.connection = connection;
    this.username = username;
    this.password = password;
  }

  @Override
  public List<Calendar> calendars() throws ProviderRefusal {
    return client.calendars(account, username, password);
  }

  @Override
  public String owner(List<Calendar> calendars) {
    return username;
  }

  @Override
  public String attendee() {
    return username.contains("@") ? username : null;
  }

  @Override
  public Changes changes(Calendar calendar, Changes.Since since, Window window) throws ProviderRefusal {
    Map<String, String> known = since.known();
    String token = since.cursor();
    String syncToken = token != null && token.startsWith(CTAG) ? null : token;
    CalDavAccounts.Delta delta = client.changes(account, calendar.id(), syncToken, username, password);
    String ctag = delta == null ? client.ctag(account, calendar.id(), username, password) : null;
    Map<String, String> remote;
    Set<String> removed = new HashSet<>();
    if (delta != null && !delta.full()) {
      // RFC 6578: only what changed since the token
      remote = delta.changed();
      removed.addAll(delta.removed());
    } else if (delta == null && token != null && token.startsWith(CTAG) && token.equals(CTAG + ctag)) {
      return Changes.none(); // no sync-collection, and the CTag says nothing changed
    } else {
      // a first or restarted sync-collection lists everything; without sync-collection, compare every ETag
      remote = delta != null ? delta.changed() : client.etags(account, calendar.id(), username, password);
      for (String href : known.keySet()) {
        if (!remote.containsKey(href)) {
          removed.add(href);
        }
      }
    }
    // objects the listing brought along are not fetched again
    Map<String, String> fetched = new HashMap<>();
    List<String> missing = new ArrayList<>();
    remote.forEach((href, etag) -> {
      if (!etag.equals(known.get(href))) {
        String text = delta == null ? null : delta.data().get(href);
        if (text != null) {
          fetched.put(href, text);
        } else {
          missing.add(href);
        }
      }
    });
    if (!missing.isEmpty()) {
      fetched.putAll(client.fetch(account, calendar.id(), missing, username, password));
    }
    List<Change> changes = new ArrayList<>();
    fetched.forEach((href, text) -> changes.add(new Change.Whole(href, remote.get(href), text)));
    removed.forEach(href -> changes.add(new Change.Removed(href, null)));
    return new Changes(changes, delta != null ? delta.syncToken() : ctag == null ? null : CTAG + ctag, false);
  }

  @Override
  public Optional<DedicatedCalendar> dedicated() {
    return Optional.of(new DedicatedCalendar() {
      @Override
      public String identity(String name) {
        return account.calendarHome().resolve("horae-" + connection + "/").toString();
      }

      @Override
      public String find(String claim, List<Calendar> calendars) {
        String path = URI.create(claim).getPath();
        return calendars.stream().map(Calendar::id).filter(id -> URI.create(id).getPath().equals(path)).findFirst().orElse(null);
      }

      @Override
      public String create(String claim, String name) throws ProviderRefusal {
        return client.createCalendar(account, URI.create(claim), name, username, password) ? claim : null;
      }
    });
  }

  @Override
  public ExportCalendar exportTo(String calendarUrl) {
    return new ExportCalendar() {
      @Override
      public String ref(String eventId) {
        return calendarUrl + eventId + ".ics";
      }

      @Override
      public Map<String, String> etags() throws ProviderRefusal {
        Map<String, String> byRef = new HashMap<>();
        URI base = URI.create(calendarUrl);
        client.etags(account, calendarUrl, username, password).forEach((path, etag) -> byRef.put(base.resolve(path).toString(), etag));
        return byRef;
      }

      @Override
      public Written put(String ref, Outgoing event, String ifMatch) throws ProviderRefusal {
        return new Written(ref, client.put(account, ref, event, ifMatch, username, password));
      }

      @Override
      public String etag(String ref) throws ProviderRefusal {
        return client.etag(account, ref, username, password);
      }

      @Override
      public void delete(String ref) throws ProviderRefusal {
        client.delete(account, ref, null, username, password);
      }
    };
  }

  @Override
  public Optional<Push> push() {
    return Optional.empty();
  }
}
