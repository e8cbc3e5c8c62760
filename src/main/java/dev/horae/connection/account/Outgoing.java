package dev.horae.connection.account;

import java.time.Instant;
import java.time.LocalDate;

/** An event as Horae writes it out to an export calendar: its UID is {@code <event id>} + {@link #EXPORT_UID_SUFFIX}. */
public record Outgoing(String eventId, String title, Instant start, Instant end, boolean allDay, LocalDate firstDay, LocalDate endDay,
    boolean transparent) {

  /** UIDs of the events Horae exports end with this, so they are never imported back as foreign busy time. */
  public static final String EXPORT_UID_SUFFIX = "@export.horae.dev";

  /** The UID Horae gives the copy of an event. */
  public String uid() {
    return eventId + EXPORT_UID_SUFFIX;
  }
}
