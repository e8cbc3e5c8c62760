package dev.horae.recurrence;

import java.util.List;

/**
 * The occurrences found in a window, in start order, without duplicates. {@code capped} says the
 * cap stopped the expansion: more occurrences exist in the window after the last one returned.
 */
public record Expansion(List<Occurrence> occurrences, boolean capped) {
  public Expansion {
    occurrences = List.copyOf(occurrences);
  }
}
