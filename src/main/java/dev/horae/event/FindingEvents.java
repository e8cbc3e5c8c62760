package dev.horae.event;

import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Get Event and List Events (by ids, 1 to 100, in the order asked; unknown ids are left out). */
@Component
public class FindingEvents {
  static final int MAX_IDS = 100;

  private final EventRepository events;

  FindingEvents(EventRepository events) {
    this.events = events;
  }

  public EventEntry get(TenantId tenant, String id) {
    return events.find(tenant, id).orElseThrow(() -> Rejection.notFound("Event", id));
  }

  public List<EventEntry> list(TenantId tenant, List<String> ids) {
    if (ids == null || ids.isEmpty() || ids.size() > MAX_IDS) {
      throw Rejection.invalid("eventIds", "must hold 1 to " + MAX_IDS + " ids");
    }
    Map<String, EventEntry> found =
        events.findAll(tenant, ids).stream().collect(Collectors.toMap(r -> r.event().id(), Function.identity()));
    return ids.stream().distinct().map(found::get).filter(java.util.Objects::nonNull).toList();
  }
}
