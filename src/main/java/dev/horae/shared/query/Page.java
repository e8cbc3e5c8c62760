package dev.horae.shared.query;

import java.util.List;

/** One page of a cursor query: the items and the cursor of the next page, if there is one. */
public record Page<T>(List<T> items, String nextCursor) {
  public boolean hasNext() {
    return nextCursor != null;
  }
}
