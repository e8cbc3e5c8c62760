package dev.horae.event;

import dev.horae.shared.Rejection;

/** The preconditions of every change to an event: not cancelled, and the revision the caller read. */
final class EventGuards {
  private EventGuards() {}

  static void mayChange(Event current, Long revision) {
    if (current.cancelled()) {
      throw Rejection.failedPrecondition("EVENT_CANCELLED", "Event " + current.id() + " is cancelled");
    }
    Rejection.requireRevision("Event", current.id(), revision, current.revision());
  }
}
