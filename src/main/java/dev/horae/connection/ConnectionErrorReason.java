package dev.horae.connection;

/** Why a connection is in {@link ConnectionStatus#ERROR} (External Calendars v2 {@code ErrorReason}); {@code UNDEFINED} otherwise. */
public enum ConnectionErrorReason {
  UNDEFINED,
  /** The provider no longer accepts the password or grant (or an ICS feed's address). */
  TOKEN_REVOKED,
  /** The dedicated export calendar could not be made. */
  EXTERNAL_CALENDAR_CREATION_FAILED,
  /** A calendar in use (imported, or the export calendar) is gone. */
  EXTERNAL_CALENDAR_DELETED
}
