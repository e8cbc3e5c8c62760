package dev.horae.resource;

import dev.horae.shared.Violations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OnSched's offset paging ({@code offset} from 0, {@code limit} 1–100, default 20) and its list envelope. */
record Paging(int offset, int limit) {
  static Paging of(int offset, int limit) {
    Violations v = new Violations();
    v.check(offset >= 0, "offset", "must be 0 or more");
    v.check(limit >= 1 && limit <= 100, "limit", "must be 1 to 100");
    v.throwIfAny();
    return new Paging(offset, limit);
  }

  Map<String, Object> envelope(String url, List<?> data, int total) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", "list");
    out.put("url", url);
    out.put("hasMore", offset + data.size() < total);
    out.put("count", data.size());
    out.put("total", total);
    out.put("data", data);
    return out;
  }
}
