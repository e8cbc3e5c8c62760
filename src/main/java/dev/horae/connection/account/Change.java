package dev.horae.connection.account;

/**
 * One change of an imported calendar, whatever the provider: the one change type every account
 * answers with. {@code ref} names the object in the account (a CalDAV href, a provider's event id,
 * an ICS feed's UID).
 */
public sealed interface Change {
  String ref();

  /**
   * A whole calendar object, every occurrence and exception of one UID (a CalDAV resource, one UID
   * of an ICS feed), as iCalendar text: expanded on its own.
   */
  record Whole(String ref, String etag, String ics) implements Change {}

  /**
   * One event of a series that the provider lists event by event (Google, Graph): the master or one
   * exception, as one VEVENT (an exception carries RECURRENCE-ID and its master's UID). The series
   * is expanded from all its members, so an exception changed alone still moves its occurrence.
   * {@code series} is the master's ref, its own for a master or a single event.
   */
  record Member(String ref, String etag, String series, String vevent) implements Change {}

  /** Gone from the account; {@code series} is the series it belonged to when the provider says (null otherwise). */
  record Removed(String ref, String series) implements Change {}
}
