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

  /** One calendar of the account: its id (the collection URL) and display name. */
  record Calendar(String id, String name, boolean events) {}

  Account discover(URI server, String username, String password) throws ProviderRefusal;

  List<Calendar> calendars(Account account, String username, String password) throws ProviderRefusal;
}
