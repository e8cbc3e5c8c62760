package dev.horae.event;

import dev.horae.shared.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The people taking part in events, for the {@code participants.list} an event shows with PI
 * fields. A port: the participation feature owns participations and implements it.
 */
public interface ParticipantLists {
  record Participant(String name, String phone, String email, String contactId) {}

  /** Up to {@code maxPerEvent} participants of each event, oldest first. */
  Map<String, List<Participant>> forEvents(TenantId tenant, Collection<String> eventIds, int maxPerEvent);
}
