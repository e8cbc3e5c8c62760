package dev.horae.shared.query;

import dev.horae.shared.Rejection;

/** Checks a requested page size against an API's bounds and applies its default. */
public record PageLimit(int defaultLimit, int max) {
  public int resolve(Integer requested, String field) {
    if (requested == null) {
      return defaultLimit;
    }
    if (requested < 1 || requested > max) {
      throw Rejection.invalid(field, "must be between 1 and " + max);
    }
    return requested;
  }
}
