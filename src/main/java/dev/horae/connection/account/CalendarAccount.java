package dev.horae.connection.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one port to an external calendar account, whatever the provider: opened for a connection by
 * {@link CalendarAccounts}, the only place that tells providers apart. The sync engine sees nothing
 * else of a provider.
 */
public interface CalendarAccount {

  /** The account's calendars now; those that hold no events are listed too ({@link Calendar#events()}). */
  List<Calendar> calendars() throws ProviderRefusal;

  /**
   * The account owner's address, when the account tells it (an iCloud Apple ID, Google's primary
   * calendar id): recorded on the connection.
   */
  String owner(List<Calendar> calendars);

  /** The address whose declined invitations free the time in imported objects ({@link Change.Whole}); null when none. */
  String attendee();

  /**
   * What changed in {@code calendar} since {@code since}, within the window. A cursor the provider
   * no longer accepts starts over with a full listing (the account does this itself).
   */
  Changes changes(Calendar calendar, Changes.Since since, Window window) throws ProviderRefusal;

  /** How the account makes and finds Horae's dedicated calendar; empty when it takes no copies (an ICS feed). */
  Optional<DedicatedCalendar> dedicated();

  /** The calendar {@code calendarId} as a place for copies. */
  ExportCalendar exportTo(String calendarId);

  /** Push notifications of changes, when the provider offers them (Google watch channels, Graph subscriptions). */
  Optional<Push> push();

  /** Gives up Horae's access to the account where the provider allows it (disconnect); best effort. */
  default void revoke() {}

  /** A push channel: the provider's id for it, its resource id (Google), and when it ends. */
  record Channel(String id, String resourceId, Instant expires) {}

  /** Push channels on an account's calendars. */
  interface Push {
    /** Asks the provider to notify {@code address} of changes to the calendar, each notification carrying {@code token}. */
    Channel watch(String calendarId, String channelId, String address, String token, Instant expires) throws ProviderRefusal;

    /** Extends a channel (Graph: PATCH the subscription); null when the provider cannot, so a new one is made (Google). */
    Channel renew(Channel channel, Instant expires) throws ProviderRefusal;

    /** Stops a channel; gone already is fine. */
    void unwatch(Channel channel) throws ProviderRefusal;
  }
}
