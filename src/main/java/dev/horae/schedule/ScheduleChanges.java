package dev.horae.schedule;

import dev.horae.shared.Change;
import java.util.List;
import java.util.Map;

/** The fields a create or update of a schedule sets; absent fields keep their value or default. */
public record ScheduleChanges(
    Change<String> externalId,
    Change<String> name,
    Change<String> timeZone,
    Change<Boolean> businessTimeZoneEnabled,
    Change<String> defaultTitle,
    Change<Location> defaultLocation,
    Change<Integer> defaultCapacity,
    Change<ConferencingDetails> defaultConferencingDetails,
    Change<String> appId,
    Change<List<Permission>> permissions,
    Change<Map<String, Object>> extendedFields) {}
