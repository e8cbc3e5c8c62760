package dev.horae.connection.account;

import java.util.List;
import java.util.Map;

/**
 * What changed in a calendar since a cursor. {@code full}: the listing is complete, so whatever was
 * imported before and is not in it is gone. {@code cursor}: what to ask from next time (a sync
 * token, a delta link, a CTag, a feed's validators). {@code name}: the calendar's name as the
 * answer gave it (an ICS feed's {@code X-WR-CALNAME}), null to keep the listed one.
 */
public record Changes(List<Change> changes, String cursor, boolean full, boolean unchanged, String name) {

  public Changes(List<Change> changes, String cursor, boolean full) {
    this(changes, cursor, full, false, null);
  }

  /** Nothing changed (a 304, an unchanged CTag): nothing to write, the cursor stays. */
  public static Changes none() {
    return new Changes(List.of(), null, false, true, null);
  }

  /**
   * Where a sync starts from: the stored cursor (null for a full listing) and what is imported
   * now, ref → ETag, read only when an account asks (an unchanged feed or CTag never does).
   */
  public record Since(String cursor, java.util.function.Supplier<Map<String, String>> imported) {
    public Map<String, String> known() {
      return imported.get();
    }
  }
}
