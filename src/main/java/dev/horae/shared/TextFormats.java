package dev.horae.shared;

/**
 * The shapes of date and time texts in requests, as {@code @Pattern} regular expressions: Bean
 * Validation refuses a value of another shape with a 400 naming the field, and the OpenAPI
 * document publishes them as {@code pattern}. They accept what {@code java.time}'s ISO parsers
 * accept (seconds and fractions optional, signed years of up to nine digits), so that a year far
 * outside 1900–2200 is told that, not that its shape is wrong.
 */
public final class TextFormats {
  private static final String DATE = "[+-]?\\d{4,9}-\\d{2}-\\d{2}";
  private static final String TIME = "T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?";

  /** A local date-time without offset: {@code 2027-01-04T10:00:00}. */
  public static final String LOCAL_DATE_TIME = "^" + DATE + TIME + "$";
  public static final String LOCAL_DATE_TIME_SAYS = "must be a local date-time YYYY-MM-DDThh:mm:ss without offset or Z";

  /** A date-time with its offset or Z: {@code 2027-01-04T10:00:00+01:00}, {@code 2027-01-04T09:00:00Z}. */
  public static final String OFFSET_DATE_TIME = "^" + DATE + TIME + "(Z|[+-]\\d{2}:\\d{2}(:\\d{2})?)$";
  public static final String OFFSET_DATE_TIME_SAYS = "must be a date-time with offset, e.g. 2027-01-04T10:00:00+01:00 or 2027-01-04T09:00:00Z";

  /** A query bound: a local date-time, or an instant with its offset or Z (as Get Events View answers {@code endDate}). */
  public static final String LOCAL_OR_OFFSET_DATE_TIME = "^" + DATE + TIME + "(Z|[+-]\\d{2}:\\d{2}(:\\d{2})?)?$";
  public static final String LOCAL_OR_OFFSET_DATE_TIME_SAYS =
      "must be a local date-time YYYY-MM-DDThh:mm:ss, or an instant with an offset or Z (e.g. the events view's endDate)";

  private TextFormats() {}
}
