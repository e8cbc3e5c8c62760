package dev.horae.schedule;

import dev.horae.shared.TextLimits;
import dev.horae.shared.Violations;

/** The invariants of a schedule's fields, checked on create and on every update. */
final class ScheduleRules {
  private ScheduleRules() {}

  static void check(Schedule s, Violations v) {
    v.checkLength(s.name(), 1, TextLimits.NAME, "schedule.name");
    v.checkLength(s.defaultTitle(), 1, TextLimits.TITLE, "schedule.defaultTitle");
    v.check(s.defaultCapacity() == null || s.defaultCapacity() >= 0, "schedule.defaultCapacity", "must be 0 or more");
    v.check(s.permissions() == null || s.permissions().size() <= 1, "schedule.permissions", "may hold at most 1 permission");
    if (s.defaultLocation() != null) {
      s.defaultLocation().validate("schedule.defaultLocation", v);
    }
    if (s.defaultConferencingDetails() != null) {
      s.defaultConferencingDetails().validate("schedule.defaultConferencingDetails", v);
    }
  }
}
