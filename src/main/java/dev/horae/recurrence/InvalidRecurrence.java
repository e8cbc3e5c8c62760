package dev.horae.recurrence;

/** A recurrence that cannot be accepted; {@code part} names the offending rule part (e.g. {@code BYDAY}). */
public final class InvalidRecurrence extends RuntimeException {

  private final String part;

  public InvalidRecurrence(String part, String message) {
    super(message);
    this.part = part;
  }

  public String part() {
    return part;
  }
}
