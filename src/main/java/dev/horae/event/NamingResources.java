package dev.horae.event;

import dev.horae.event.EventEnums.Transparency;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import dev.horae.shared.Violations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Checks the resources a written event names and fills in what Horae owns: each {@code id} must be a
 * live resource (of {@code GET /bookings/v2/resources} or {@code /setup/v1/resources}), named once;
 * {@code name}, {@code type} and {@code scheduleId} are the resource's whatever the client sent;
 * {@code transparency} defaults to OPAQUE, which blocks the resource (see the V19 migration).
 */
@Component
class NamingResources {
  private final ResourceDirectory directory;

  NamingResources(ResourceDirectory directory) {
    this.directory = directory;
  }

  void resolve(TenantId tenant, EventDraft d, Violations v) {
    if (d.resources.isEmpty() || d.resources.size() > EventRules.MAX_RESOURCES) {
      return; // none, or too many: EventRules says so
    }
    List<UUID> ids = new ArrayList<>();
    for (EventResource r : d.resources) {
      if (r != null && r.id() != null) {
        Uuids.parse(r.id()).ifPresent(ids::add);
      }
    }
    Map<UUID, ResourceDirectory.Named> known = ids.isEmpty() ? Map.of() : directory.find(tenant, ids);
    Map<UUID, Integer> seen = new HashMap<>();
    List<EventResource> resolved = new ArrayList<>();
    for (int i = 0; i < d.resources.size(); i++) {
      EventResource r = d.resources.get(i);
      if (r == null || r.id() == null || r.id().isBlank()) {
        continue; // EventRules reports it
      }
      String field = "event.resources[" + i + "].id";
      ResourceDirectory.Named n = Uuids.parse(r.id()).map(known::get).orElse(null);
      if (n == null) {
        v.add(field, "is not a resource of GET /bookings/v2/resources");
        continue;
      }
      Integer earlier = seen.putIfAbsent(n.id(), i);
      if (earlier != null) {
        v.add(field, "names the same resource as event.resources[" + earlier + "]");
        continue;
      }
      resolved.add(new EventResource(n.id().toString(), n.name(), n.typeId(), n.scheduleId().toString(),
          r.transparency() == null || r.transparency() == Transparency.UNKNOWN_TRANSPARENCY ? Transparency.OPAQUE : r.transparency(), r.permissionRole()));
    }
    if (resolved.size() == d.resources.size()) {
      d.resources = List.copyOf(resolved);
    }
  }
}
