package dev.horae.tenant;

import dev.horae.api.PagingMetadata;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.query.Cursors;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Cursor paging in creation order, shared by the tenant and key lists: the cursor is the last row's (created, id). */
final class Paging {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 100;
  private static final Instant START = Instant.parse("1970-01-01T00:00:00Z");

  private Paging() {}

  record Position(String createdDate, String id) {}

  /** Where a page starts: after this (created, id). */
  record After(Instant created, UUID id, int limit) {}

  static After after(Cursors cursors, String cursor, Integer limit) {
    int n = limit == null ? DEFAULT_LIMIT : limit;
    if (n < 1 || n > MAX_LIMIT) {
      throw Rejection.invalid("limit", "must be 1.." + MAX_LIMIT);
    }
    if (cursor == null || cursor.isEmpty()) {
      return new After(START, new UUID(0, 0), n);
    }
    Position p = cursors.decode(cursor, Position.class, "cursor");
    try {
      return new After(Instant.parse(p.createdDate()), UUID.fromString(p.id()), n);
    } catch (RuntimeException e) {
      throw Rejection.invalid("cursor", "is not a cursor this API issued");
    }
  }

  /** The metadata of a page fetched with one row more than asked, so {@code hasNext} is known without a count. */
  static <T> PagingMetadata metadata(Cursors cursors, List<T> fetched, int limit, Function<T, Instant> created, Function<T, UUID> id) {
    if (fetched.size() <= limit) {
      return new PagingMetadata(fetched.size(), new PagingMetadata.Cursors(null), false);
    }
    T last = fetched.get(limit - 1);
    String next = cursors.encode(new Position(Instants.format(created.apply(last)), id.apply(last).toString()));
    return new PagingMetadata(limit, new PagingMetadata.Cursors(next), true);
  }
}
