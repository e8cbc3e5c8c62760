package dev.horae.event;

import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import dev.horae.event.EventEnums.PermissionRole;
import dev.horae.event.EventEnums.Transparency;

/**
 * A resource (staff member, room) an event involves. {@code transparency} says whether the event
 * blocks the resource's own schedule. Until the resources feature exists, {@code name}, {@code type}
 * and {@code scheduleId} are kept as the client sent them.
 */
public record EventResource(
    @Size(max = TextLimits.ID) String id,
    @Size(max = TextLimits.NAME) String name,
    @Size(max = TextLimits.TOKEN) String type,
    @Size(max = TextLimits.ID) String scheduleId,
    Transparency transparency,
    PermissionRole permissionRole) {

  EventResource withDefaults() {
    return new EventResource(
        id, name, type, scheduleId, transparency == null ? Transparency.OPAQUE : transparency, permissionRole);
  }
}
