package dev.horae.resource;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.horae.shared.Violations;
import java.util.List;

/** OnSched's offset paging ({@code offset} from 0, {@code limit} 1–100, default 20) and its list envelope. */
record Paging(int offset, int limit) {
  static Paging of(int offset, int limit) {
    Violations v = new Violations();
    v.check(offset >= 0, "offset", "must be 0 or more");
    v.check(limit >= 1 && limit <= 100, "limit", "must be 1 to 100");
    v.throwIfAny();
    return new Paging(offset, limit);
  }

  /** OnSched's list envelope. */
  record Listed<T>(@Schema(allowableValues = "list") String object, String url, boolean hasMore, int count, int total, List<T> data) {}

  /** What OnSched answers to a delete. */
  record Deleted(String object, String id, boolean deleted) {}

  <T> Listed<T> envelope(String url, List<T> data, int total) {
    return new Listed<>("list", url, offset + data.size() < total, data.size(), total, data);
  }
}
