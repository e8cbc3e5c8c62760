package dev.horae.connection;

/** A connection's status (External Calendars v2 {@code Status}). */
public enum ConnectionStatus {
  UNDEFINED,
  /** Connected to the schedule; no sync has run yet. */
  CONNECTED,
  /** The first sync is running. */
  SYNC_IN_PROGRESS,
  /** The last sync succeeded. */
  SYNCED,
  /** Disconnected: its credentials are gone and it never syncs again. */
  DISCONNECTED,
  /** A sync failed in a way that needs someone: see {@link ConnectionErrorReason}. */
  ERROR
}
