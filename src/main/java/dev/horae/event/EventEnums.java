package dev.horae.event;

/** The enumerations of the Calendar V3 event, verbatim. */
public final class EventEnums {
  private EventEnums() {}

  public enum EventStatus {
    CONFIRMED,
    CANCELLED,
    PENDING_CONFIRMATION,
    UNKNOWN_STATUS
  }

  public enum Transparency {
    OPAQUE,
    TRANSPARENT,
    UNKNOWN_TRANSPARENCY
  }

  public enum RecurrenceType {
    NONE,
    MASTER,
    INSTANCE,
    EXCEPTION,
    UNKNOWN_RECURRENCE_TYPE
  }

  /** The event types Calendar V3 and Wix Bookings use. */
  public enum EventType {
    DEFAULT,
    WORKING_HOURS,
    APPOINTMENT,
    CLASS,
    COURSE
  }

  /** Fields an event can inherit (from its schedule for single events, from the MASTER later). */
  public enum InheritableField {
    TITLE,
    TIME_ZONE,
    LOCATION,
    CAPACITY,
    CONFERENCING_DETAILS,
    TIME,
    RESOURCES,
    PARTICIPANTS,
    UNKNOWN_FIELD
  }

  public enum PermissionRole {
    WRITER,
    COMMENTER,
    UNKNOWN_ROLE
  }
}
