package dev.horae.connection.account;

/**
 * One calendar of an external account: its id (a CalDAV collection URL, a Google or Graph calendar
 * id, {@code feed} for an ICS feed), display name, whether it holds events, and whether the provider
 * calls it the primary one.
 */
public record Calendar(String id, String name, boolean events, boolean primary) {
  public Calendar(String id, String name, boolean events) {
    this(id, name, events, false);
  }
}
