package dev.horae.connection;

import java.net.URI;
import java.util.List;

/**
 * The port for providers that connect by credentials (CalDAV: iCloud, Fastmail, Nextcloud, any
 * server). The adapter finds the account from a server URL and checks the credentials on the way.
 */
public interface CredentialsAccounts {

  /** Where the account lives, as discovered. */
  record Account(URI server, URI principal, URI calendarHome) {}

  /** One calendar of the account: its id (the collection URL; for OAuth providers their calendar id), display name, and whether the provider calls it the primary one. */
  record Calendar(String id, String name, boolean events, boolean primary) {
    public Calendar(String id, String name, boolean events) {
      this(id, name, events, false);
    }
  }

  Account discover(URI server, String username, String password) throws ProviderRefusal;

  List<Calendar> calendars(Account account, String username, String password) throws ProviderRefusal;

  /**
   * What changed since {@code syncToken} (RFC 6578 sync-collection): {@code full} when there was no
   * token or the server no longer accepts it (then {@code changed} lists every object);
   * null when the server does not support sync-collection.
   */
  record Delta(String syncToken, boolean full, java.util.Map<String, String> changed, java.util.Set<String> removed,
      java.util.Map<String, String> data) {
    /**
     * {@code data}: the iCalendar text of changed objects the server sent with the listing (RFC 6578
     * lets sync-collection return {@code calendar-data}), by href; those missing are fetched with a multiget.
     */
    public Delta {
      data = data == null ? java.util.Map.of() : data;
    }
  }

  Delta changes(Account account, String calendarId, String syncToken, String username, String password) throws ProviderRefusal;

  /** The calendar's CTag (CalendarServer {@code getctag}), which changes whenever anything in it does; null if the server has none. */
  String ctag(Account account, String calendarId, String username, String password) throws ProviderRefusal;

  /** The calendar's objects and their ETags (href → ETag); a deleted calendar is a refusal. */
  java.util.Map<String, String> etags(Account account, String calendarId, String username, String password) throws ProviderRefusal;

  /** The iCalendar text of the given objects (href → text). */
  java.util.Map<String, String> fetch(Account account, String calendarId, java.util.Collection<String> hrefs, String username, String password)
      throws ProviderRefusal;

  /** UIDs of the events Horae exports end with this, so they are never imported back as foreign busy time. */
  String EXPORT_UID_SUFFIX = "@export.horae.dev";

  /** An event as Horae writes it out: its UID is {@code <event id>} + {@link #EXPORT_UID_SUFFIX}. */
  record Outgoing(String eventId, String title, java.time.Instant start, java.time.Instant end, boolean allDay,
      java.time.LocalDate firstDay, java.time.LocalDate endDay, boolean transparent) {}

  /**
   * Creates a calendar named {@code name} at {@code url} (MKCALENDAR): true when made, false when
   * something is there already (a retried creation: the caller looks whether it is the calendar).
   */
  boolean createCalendar(Account account, java.net.URI url, String name, String username, String password) throws ProviderRefusal;

  /**
   * Writes the event to {@code href}: created only if absent ({@code If-None-Match: *}) when
   * {@code ifMatch} is null, else replaced only if still at {@code ifMatch}; answers the new ETag
   * (null if the server sent none). A failed precondition is {@link ProviderRefusal.Reason#PRECONDITION_FAILED}.
   */
  String put(Account account, String href, Outgoing event, String ifMatch, String username, String password) throws ProviderRefusal;

  /** Deletes {@code href} if still at {@code ifMatch} (or at all when null); gone already is fine. */
  void delete(Account account, String href, String ifMatch, String username, String password) throws ProviderRefusal;

  /** The current ETag of {@code href}, or null when it does not exist. */
  String etag(Account account, String href, String username, String password) throws ProviderRefusal;

  /** One busy stretch of an imported object, already expanded: recurrence by Horae's engine, busy semantics applied ({@link IcsBusy}). */
  record Busy(String title, java.time.Instant start, java.time.Instant end, boolean allDay) {}
}
