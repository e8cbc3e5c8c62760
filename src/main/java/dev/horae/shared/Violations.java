package dev.horae.shared;

import java.util.ArrayList;
import java.util.List;

/** Collects every field violation of one request so the caller learns all of them at once. */
public final class Violations {
  private final List<FieldViolation> found = new ArrayList<>();

  public Violations add(String field, String description) {
    found.add(new FieldViolation(field, description));
    return this;
  }

  public void check(boolean ok, String field, String description) {
    if (!ok) {
      add(field, description);
    }
  }

  public void checkLength(String value, int min, int max, String field) {
    if (value != null && (value.length() < min || value.length() > max)) {
      add(field, "must be " + min + " to " + max + " characters long");
    }
  }

  /**
   * A text field as the caller sent it, stripped: required or not, at most {@code max} characters,
   * no control characters (PostgreSQL refuses U+0000 in text). Answers the stripped value, or null
   * when it was absent or blank.
   */
  public String text(String value, int max, boolean required, String field) {
    if (value == null || value.isBlank()) {
      check(!required, field, "is required");
      return null;
    }
    String v = value.strip();
    if (v.length() > max) {
      add(field, "must be at most " + max + " characters");
    } else if (v.chars().anyMatch(Character::isISOControl)) {
      add(field, "must not contain control characters");
    }
    return v;
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws an INVALID rejection naming every collected field, if there is any. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw Rejection.invalid(found);
    }
  }
}
