package dev.horae.schedule;

import dev.horae.api.Revisions;
import dev.horae.shared.Instants;
import java.util.List;
import java.util.Map;

/** A schedule as the API shows it; {@code defaultConferencingDetails} is personal information. */
record ScheduleView(
    String id,
    String externalId,
    String name,
    ScheduleStatus status,
    String timeZone,
    boolean businessTimeZoneEnabled,
    String defaultTitle,
    Location defaultLocation,
    Integer defaultCapacity,
    ConferencingDetails defaultConferencingDetails,
    String appId,
    List<Permission> permissions,
    Map<String, Object> extendedFields,
    String revision,
    String createdDate,
    String updatedDate) {

  static final String FQDN = "wix.calendar.v3.schedule";

  static ScheduleView of(Schedule s, boolean withPi) {
    return new ScheduleView(
        s.id().toString(), s.externalId(), s.name(), s.status(), s.timeZone().getId(), s.businessTimeZoneEnabled(),
        s.defaultTitle(), s.defaultLocation(), s.defaultCapacity(), withPi ? s.defaultConferencingDetails() : null,
        s.appId(), s.permissions(), s.extendedFields(), Revisions.format(s.revision()),
        Instants.format(s.createdDate()), Instants.format(s.updatedDate()));
  }
}
