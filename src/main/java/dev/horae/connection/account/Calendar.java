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

  /** The account's primary calendar: the one the provider marks primary, else (CalDAV has none) the first by id. */
  public static java.util.Optional<Calendar> primary(java.util.List<Calendar> calendars) {
    return calendars.stream().filter(Calendar::primary).findFirst().or(() -> calendars.stream().min(java.util.Comparator.comparing(Calendar::id)));
  }
}
