package dev.horae.recurrence;

/** How a recurrence's start and its occurrences are written (RFC 5545 §3.3.4, §3.3.5). */
public enum ValueKind {
  /** A wall time with a time-zone reference: occurrences keep their wall time across DST. */
  ZONED,
  /** A wall time with no zone ("floating"): the same wall time wherever it is read. */
  FLOATING,
  /** A date with no time: all-day occurrences. */
  DATE
}
