package dev.horae.event;

import dev.horae.event.EventEnums.EventType;
import dev.horae.event.EventEnums.Transparency;
import dev.horae.schedule.ConferencingDetails;
import dev.horae.schedule.Location;
import dev.horae.schedule.Permission;
import dev.horae.shared.Change;
import java.util.List;
import java.util.Map;

/**
 * What a create or update of an event sets. Absent fields keep their value, or on create inherit
 * the schedule's default; a present null empties the field and stops the inheritance.
 * {@code start}/{@code end} are local date-times as the client wrote them.
 */
public record EventChanges(
    Change<String> scheduleId,
    Change<EventType> type,
    Change<String> title,
    Change<String> timeZone,
    Change<String> start,
    Change<String> end,
    Change<Boolean> allDay,
    Change<Transparency> transparency,
    Change<Location> location,
    Change<List<EventResource>> resources,
    Change<Integer> totalCapacity,
    Change<ConferencingDetails> conferencingDetails,
    Change<String> notes,
    Change<List<Permission>> permissions,
    Change<Map<String, Object>> extendedFields,
    Change<Map<String, Object>> recurrenceRule) {}
