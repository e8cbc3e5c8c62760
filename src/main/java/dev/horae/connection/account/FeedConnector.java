package dev.horae.connection.account;

import java.net.URI;

/** How a provider that connects by an address (an ICS feed) checks it before anything is stored. */
public interface FeedConnector {
  /** The feed's address from what the user gave ({@code webcal://} read as https), through the outbound guard; a 400 naming {@code field} otherwise. */
  URI address(String url, String field);

  /** Fetches the feed once to see that it is one. */
  void check(URI feed) throws ProviderRefusal;

  /** The address as shown on the connection: scheme, host and file name only (feed addresses carry their secret). */
  String shown(URI feed);
}
