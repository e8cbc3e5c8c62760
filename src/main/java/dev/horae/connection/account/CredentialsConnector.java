package dev.horae.connection.account;

import java.net.URI;

/**
 * How a provider that connects by username and password (CalDAV: iCloud and any server) checks them
 * before anything is stored: it finds the account, which proves the password.
 */
public interface CredentialsConnector {
  /** Where a CalDAV account lives, as discovered: the server, the user's principal and calendar home. */
  record Location(URI server, URI principal, URI calendarHome) {}

  Location discover(URI server, String username, String password) throws ProviderRefusal;
}
