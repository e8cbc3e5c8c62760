package dev.horae.api;

import dev.horae.shared.query.Page;

/** Calendar V3 {@code pagingMetadata}: {@code {count, cursors: {next}, hasNext}}. */
public record PagingMetadata(int count, Cursors cursors, boolean hasNext) {
  public record Cursors(String next) {}

  public static PagingMetadata of(Page<?> page) {
    return new PagingMetadata(page.items().size(), new Cursors(page.nextCursor()), page.hasNext());
  }
}
