package dev.horae.resource;

/** An appointment's status, as OnSched spells it. */
enum AppointmentStatus {
  /** A hold, until its {@code expiresAt}. */
  IN,
  /** Reserved: the place is taken, the details may come later. */
  RS,
  /** Booked. */
  BK,
  /** Cancelled. */
  CN,
  /** Rescheduled: the new appointment's {@code rescheduledId} points back to it. */
  RE;

  /** Whether it takes its place (a hold only until it expires). */
  boolean live() {
    return this == IN || this == RS || this == BK;
  }
}
