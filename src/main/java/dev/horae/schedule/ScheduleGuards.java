package dev.horae.schedule;

import dev.horae.shared.Rejection;

/** The preconditions of every change to a schedule: not cancelled, and the revision the caller read. */
final class ScheduleGuards {
  private ScheduleGuards() {}

  static void mayChange(Schedule current, Long revision) {
    if (current.cancelled()) {
      throw Rejection.failedPrecondition("SCHEDULE_CANCELLED", "Schedule " + current.id() + " is cancelled");
    }
    Rejection.requireRevision("Schedule", current.id(), revision, current.revision());
  }
}
