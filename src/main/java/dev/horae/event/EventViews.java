package dev.horae.event;

import dev.horae.shared.TenantId;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Renders events for the API, loading participant lists in one query when PI is asked for. */
@Component
class EventViews {
  private final ParticipantLists participants;

  EventViews(ParticipantLists participants) {
    this.participants = participants;
  }

  List<EventView> of(TenantId tenant, List<EventEntry> entries, ZoneId zone, boolean pi) {
    if (!pi) {
      return entries.stream().map(e -> EventView.of(e, zone, null)).toList();
    }
    Map<String, List<ParticipantLists.Participant>> lists =
        participants.forEvents(tenant, entries.stream().map(e -> e.event().id()).toList(), EventView.MAX_LISTED_PARTICIPANTS);
    return entries.stream().map(e -> EventView.of(e, zone, lists.getOrDefault(e.event().id(), List.of()))).toList();
  }

  EventView of(TenantId tenant, EventEntry entry, ZoneId zone, boolean pi) {
    return of(tenant, List.of(entry), zone, pi).get(0);
  }
}
