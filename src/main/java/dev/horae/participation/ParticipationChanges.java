package dev.horae.participation;

import dev.horae.shared.Change;
import java.util.Map;

/** What a create or update of a participation sets; absent fields keep their value. */
record ParticipationChanges(
    Change<String> eventId,
    Change<String> scheduleId,
    Change<String> externalId,
    Change<Participation.Participant> participant,
    Change<Integer> partySize,
    Change<Participation.Status> status,
    Change<Map<String, Object>> extendedFields) {}
