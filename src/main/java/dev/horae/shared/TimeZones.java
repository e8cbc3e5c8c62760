package dev.horae.shared;

import java.time.ZoneId;
import java.util.Set;

/** The time zones the API accepts: IANA region ids and UTC, as Calendar V3 allows. */
public final class TimeZones {
  private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();

  private TimeZones() {}

  public static boolean isSupported(String id) {
    return id != null && KNOWN.contains(id);
  }

  /** The zone named by a request parameter, null when absent; a 400 naming {@code field} when unknown. */
  public static ZoneId parseOptional(String id, String field) {
    if (id == null) {
      return null;
    }
    Violations v = new Violations();
    ZoneId zone = parse(id, field, v);
    v.throwIfAny();
    return zone;
  }

  /** Checks {@code id} and records a violation at {@code field} when it is not a supported zone. */
  public static ZoneId parse(String id, String field, Violations v) {
    if (!isSupported(id)) {
      v.add(field, "must be an IANA time zone such as Europe/Berlin, or UTC");
      return null;
    }
    return ZoneId.of(id);
  }
}
