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
