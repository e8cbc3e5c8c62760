package dev.horae.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A connection's sync config, read from its External Calendars v2 shape: whether it imports, from
 * which calendars (none listed: the primary one), whether it exports, and whether to its primary
 * calendar (else to a dedicated one Horae creates).
 */
public record SyncConfig(boolean importing, List<String> calendars, boolean exporting, boolean primaryCalendar) {

  public static SyncConfig of(Map<String, Object> config) {
    boolean importing = false;
    List<String> ids = new ArrayList<>();
    if (config.get("listEventFromCalendars") instanceof Map<?, ?> listing) {
      importing = Boolean.TRUE.equals(listing.get("enabled"));
      if (listing.get("calendars") instanceof Map<?, ?> listed && listed.get("calendars") instanceof List<?> items) {
        for (Object item : items) {
          if (item instanceof Map<?, ?> m && m.get("id") != null) {
            ids.add(String.valueOf(m.get("id")));
          }
        }
      }
    }
    boolean exporting = false;
    boolean primary = false;
    if (config.get("syncToCalendar") instanceof Map<?, ?> export) {
      exporting = Boolean.TRUE.equals(export.get("enabled"));
      primary = export.get("primaryCalendar") != null;
    }
    return new SyncConfig(importing, List.copyOf(ids), exporting, primary);
  }
}
