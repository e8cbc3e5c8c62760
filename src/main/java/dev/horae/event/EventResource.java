package dev.horae.event;

import dev.horae.event.EventEnums.PermissionRole;
import dev.horae.event.EventEnums.Transparency;

/**
 * A resource (staff member, room) an event involves. {@code transparency} says whether the event
 * blocks the resource's own schedule. Until the resources feature exists, {@code name}, {@code type}
 * and {@code scheduleId} are kept as the client sent them.
 */
public record EventResource(
    String id, String name, String type, String scheduleId, Transparency transparency, PermissionRole permissionRole) {

  EventResource withDefaults() {
    return new EventResource(
        id, name, type, scheduleId, transparency == null ? Transparency.OPAQUE : transparency, permissionRole);
  }
}
