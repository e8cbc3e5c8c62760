package dev.horae.connection.oauth;

import dev.horae.connection.account.Calendar;
import dev.horae.connection.account.CalendarAccount.Channel;
import dev.horae.connection.account.Change;
import dev.horae.connection.account.Changes;
import dev.horae.connection.account.Outgoing;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.connection.account.Written;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an OAuth provider (Google Calendar API v3, Microsoft Graph) implements; {@link OAuthOpener}
 * opens it as a {@link dev.horae.connection.account.CalendarAccount} over a connection's tokens. Events
 * come back normalised to iCalendar text, so one set of busy rules and one
 * recurrence engine serve every provider; the adapter maps the provider's own busy signals (Google's
 * transparency, self-declined, out-of-office; Graph's {@code showAs}) onto {@code TRANSP}.
 */
public interface OAuthAccounts {

  /** The provider id of {@link dev.horae.connection.Provider} this adapter serves. */
  String providerId();

  /** Access to one account: a current access token, refreshed before it expires or when refused. */
  interface Session {
    /** A key naming the account (for per-mailbox limits); never a secret. */
    String key();

    String accessToken() throws ProviderRefusal;

    /** A new access token, after the provider refused the current one (401). */
    String refreshed() throws ProviderRefusal;
  }

  List<Calendar> calendars(Session session) throws ProviderRefusal;

  /**
   * What changed since {@code cursor} (a sync token or delta link): each event as a {@link
   * Change.Member} (its series: its master's id, its own when it is not part of one; as one VEVENT,
   * Horae's own copies with a UID ending in {@link Outgoing#EXPORT_UID_SUFFIX}) or a {@link
   * Change.Removed}. With no cursor the listing is {@code full}. A cursor the provider no longer
   * accepts is {@link ProviderRefusal.Reason#SYNC_TOKEN_EXPIRED}.
   */
  Changes changes(Session session, String calendarId, String cursor, Instant from, Instant to) throws ProviderRefusal;

  /** Creates a calendar named {@code name}; answers its id. */
  String createCalendar(Session session, String name) throws ProviderRefusal;

  /** Where the copy of {@code eventId} goes before it exists, when Horae chooses the id; null when the provider assigns it. */
  String ref(String eventId);

  /**
   * Creates ({@code ifMatch} null: only if absent, so a retry never duplicates) or replaces (only
   * while still at {@code ifMatch}); a failed precondition is {@link ProviderRefusal.Reason#PRECONDITION_FAILED}.
   */
  Written put(Session session, String calendarId, String ref, Outgoing event, String ifMatch) throws ProviderRefusal;

  /** The current ETag of a copy, null when it is gone. */
  String etag(Session session, String calendarId, String ref) throws ProviderRefusal;

  /** Deletes a copy; gone already is fine. */
  void delete(Session session, String calendarId, String ref) throws ProviderRefusal;

  /** Every copy Horae wrote to the calendar that is still there: ref → ETag. */
  Map<String, String> exported(Session session, String calendarId) throws ProviderRefusal;

  /** Asks the provider to notify {@code address} of changes to the calendar, each notification carrying {@code token}. */
  Channel watch(Session session, String calendarId, String channelId, String address, String token, Instant expires) throws ProviderRefusal;

  /** Extends a channel (Graph: PATCH the subscription); null when the provider cannot, so a new one is made (Google). */
  Channel renew(Session session, Channel channel, Instant expires) throws ProviderRefusal;

  /** Stops a channel; gone already is fine. */
  void unwatch(Session session, Channel channel) throws ProviderRefusal;
}
