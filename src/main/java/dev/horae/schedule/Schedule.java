package dev.horae.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A container of events that supplies their defaults (Calendar V3 Schedule): time zone, title,
 * location, capacity and conferencing. A CANCELLED schedule takes no new events and no changes.
 */
public record Schedule(
    UUID id,
    String externalId,
    String name,
    ScheduleStatus status,
    ZoneId timeZone,
    boolean businessTimeZoneEnabled,
    String defaultTitle,
    Location defaultLocation,
    Integer defaultCapacity,
    ConferencingDetails defaultConferencingDetails,
    String appId,
    List<Permission> permissions,
    Map<String, Object> extendedFields,
    long revision,
    Instant createdDate,
    Instant updatedDate) {

  public boolean cancelled() {
    return status == ScheduleStatus.CANCELLED;
  }
}
