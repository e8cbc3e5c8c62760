package dev.horae.connection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The port for providers that connect by OAuth (Google Calendar API v3, Microsoft Graph). Events
 * come back normalised to iCalendar text, so one set of busy rules ({@link IcsBusy}) and one
 * recurrence engine serve every provider; the adapter maps the provider's own busy signals (Google's
 * transparency, self-declined, out-of-office; Graph's {@code showAs}) onto {@code TRANSP}.
 */
public interface OAuthAccounts {

  /** The provider id of {@link Provider} this adapter serves. */
  String providerId();

  /** Access to one account: a current access token, refreshed before it expires or when refused. */
  interface Session {
    /** A key naming the account (for per-mailbox limits); never a secret. */
    String key();

    String accessToken() throws ProviderRefusal;

    /** A new access token, after the provider refused the current one (401). */
    String refreshed() throws ProviderRefusal;
  }

  List<CredentialsAccounts.Calendar> calendars(Session session) throws ProviderRefusal;

  /**
   * One event as the provider has it now: its id, ETag, the series it belongs to (its own id when
   * it is not part of one), and its iCalendar form, one VEVENT component (an exception carries
   * RECURRENCE-ID and its master's UID; Horae's own copies a UID ending in {@link
   * CredentialsAccounts#EXPORT_UID_SUFFIX}); {@code vevent} null means it was deleted.
   */
  record Item(String id, String etag, String seriesId, String vevent) {
    public boolean removed() {
      return vevent == null;
    }
  }

  /**
   * What changed since {@code cursor} (a sync token or delta link); {@code full} when there was no
   * cursor, so {@code items} is everything and whatever is not in it is gone. A cursor the provider
   * no longer accepts is {@link ProviderRefusal.Reason#SYNC_TOKEN_EXPIRED}.
   */
  record Changes(List<Item> items, String cursor, boolean full) {}

  Changes changes(Session session, String calendarId, String cursor, Instant from, Instant to) throws ProviderRefusal;

  /** Creates a calendar named {@code name}; answers its id. */
  String createCalendar(Session session, String name) throws ProviderRefusal;

  /** A copy Horae wrote: where ({@code ref}, the provider's event id) and at which ETag. */
  record Written(String ref, String etag) {}

  /** Where the copy of {@code eventId} goes before it exists, when Horae chooses the id; null when the provider assigns it. */
  String ref(String eventId);

  /**
   * Creates ({@code ifMatch} null: only if absent, so a retry never duplicates) or replaces (only
   * while still at {@code ifMatch}); a failed precondition is {@link ProviderRefusal.Reason#PRECONDITION_FAILED}.
   */
  Written put(Session session, String calendarId, String ref, CredentialsAccounts.Outgoing event, String ifMatch) throws ProviderRefusal;

  /** The current ETag of a copy, null when it is gone. */
  String etag(Session session, String calendarId, String ref) throws ProviderRefusal;

  /** Deletes a copy; gone already is fine. */
  void delete(Session session, String calendarId, String ref) throws ProviderRefusal;

  /** Every copy Horae wrote to the calendar that is still there: ref → ETag. */
  Map<String, String> exported(Session session, String calendarId) throws ProviderRefusal;

  /** A push channel (Google watch channel, Graph subscription). */
  record Channel(String id, String resourceId, Instant expires) {}

  /** Asks the provider to notify {@code address} of changes to the calendar, each notification carrying {@code token}. */
  Channel watch(Session session, String calendarId, String channelId, String address, String token, Instant expires) throws ProviderRefusal;

  /** Extends a channel (Graph: PATCH the subscription); null when the provider cannot, so a new one is made (Google). */
  Channel renew(Session session, Channel channel, Instant expires) throws ProviderRefusal;

  /** Stops a channel; gone already is fine. */
  void unwatch(Session session, Channel channel) throws ProviderRefusal;
}
