package dev.horae.connection.account;

import java.util.List;

/**
 * How an account makes Horae's dedicated export calendar and finds it again from its claim (the
 * identity recorded in the database before the calendar is made, so a retried creation finds the
 * first one): a CalDAV collection at a URL derived from the connection id, or an OAuth provider's
 * calendar by name.
 */
public interface DedicatedCalendar {
  /** What to claim for a new calendar named {@code name}. */
  String identity(String name);

  /** The id of the calendar the claim names among {@code calendars}; null when it is not there. */
  String find(String claim, List<Calendar> calendars);

  /** Makes the calendar the claim names; answers its id, or null when something is there already. */
  String create(String claim, String name) throws ProviderRefusal;
}
