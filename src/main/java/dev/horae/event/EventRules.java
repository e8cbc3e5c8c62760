package dev.horae.event;

import dev.horae.shared.TextLimits;
import dev.horae.shared.Violations;

/** The invariants of an event's fields (Calendar V3 limits), checked after every change. */
final class EventRules {
  static final int MAX_RESOURCES = 100;

  private EventRules() {}

  static void check(EventDraft e, Violations v) {
    v.checkLength(e.title, 1, TextLimits.TITLE, "event.title");
    v.checkLength(e.notes, 1, TextLimits.NOTES, "event.notes");
    v.check(e.totalCapacity == null || e.totalCapacity >= 0, "event.totalCapacity", "must be 0 or more");
    v.check(e.permissions == null || e.permissions.size() <= 1, "event.permissions", "may hold at most 1 permission");
    if (e.location != null) {
      e.location.validate("event.location", v);
    }
    if (e.conferencingDetails != null) {
      e.conferencingDetails.validate("event.conferencingDetails", v);
    }
    v.check(e.resources.size() <= MAX_RESOURCES, "event.resources", "may hold at most " + MAX_RESOURCES + " resources");
    for (int i = 0; i < e.resources.size(); i++) {
      EventResource r = e.resources.get(i);
      v.check(r != null && r.id() != null && !r.id().isBlank(), "event.resources[" + i + "].id", "is required");
    }
  }
}
