package dev.horae.shared;

/**
 * The longest text each kind of request field may hold, in characters (UTF-16 code units, as JSON
 * counts them). Request members carry them as {@code @Size(max = …)}: Bean Validation refuses a
 * longer value with a 400 naming the field, and the OpenAPI document publishes them as
 * {@code maxLength}. The Wix limits are used where Wix states one (titles, notes, names, location,
 * conferencing); the others are chosen to hold every real value with room to spare (see
 * {@code docs/input.md}).
 */
public final class TextLimits {
  /** An entity id or a reference to one: GUIDs, instance ids ({@code <guid>-<yyyyMMddTHHmmss>}), provider ids. */
  public static final int ID = 100;
  /** A revision: a decimal {@code long}. */
  public static final int REVISION = 20;
  public static final int IDEMPOTENCY_KEY = 200;
  public static final int NAME = 200;
  public static final int TITLE = 200;
  public static final int NOTES = 5000;
  public static final int DESCRIPTION = 5000;
  public static final int EXTERNAL_ID = 200;
  public static final int APP_ID = 100;
  /** An IANA time-zone name (the longest is 32). */
  public static final int TIME_ZONE = 100;
  /** An ISO-8601 date, local date-time or instant. */
  public static final int DATE = 50;
  /** RFC 5321's limits on a path (local part 64, domain 255) with room. */
  public static final int EMAIL = 320;
  public static final int PHONE = 50;
  public static final int URL = 2000;
  public static final int PASSWORD = 1000;
  /** A paging cursor this service issued. */
  public static final int CURSOR = 2000;
  /** An enumerated name sent as text (a sort field, an event type, a scope). */
  public static final int TOKEN = 100;
  public static final int LOCATION_NAME = 150;
  public static final int ADDRESS = 500;
  public static final int CONFERENCING_PASSWORD = 100;
  public static final int CONFERENCING_DESCRIPTION = 200;
  public static final int CONFERENCING_EXTERNAL_ID = 150;
  /**
   * Any query or path parameter without a tighter limit of its own: room for a comma-separated list
   * of 100 GUIDs ({@code eventIds=…}, 3,699 characters).
   */
  public static final int PARAMETER = 4096;

  private TextLimits() {}
}
