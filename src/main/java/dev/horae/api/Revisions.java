package dev.horae.api;

import dev.horae.shared.Rejection;

/** Revisions travel as strings (int64 in JSON, as Calendar V3 sends them). */
public final class Revisions {
  private Revisions() {}

  /** The revision the client sent, or null when it sent none (a 409 later, not a 400). */
  public static Long parse(String revision, String field) {
    if (revision == null || revision.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(revision.trim());
    } catch (NumberFormatException e) {
      throw Rejection.invalid(field, "must be an integer revision such as \"3\"");
    }
  }

  public static String format(long revision) {
    return Long.toString(revision);
  }
}
