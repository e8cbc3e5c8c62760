package dev.horae.resource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A booking of a service with a resource. Status as OnSched: IN (a hold, until {@code expiresAt}),
 * RS (reserved), BK (booked), CN (cancelled), RE (rescheduled: {@code rescheduledId} on the new one
 * points back). {@code place} is which of the service's capacity places it takes; {@code eventId}
 * the Calendar V3 event a booking puts in the resource's schedule (and so in its external calendar).
 */
record Appointment(UUID id, UUID resourceId, UUID serviceId, AppointmentStatus status, Instant start, Instant end, int place, Instant expiresAt,
    String timeZone, String name, String email, String phone, String notes, String customerMessage, String eventId, UUID rescheduledId,
    List<Map<String, Object>> audit, Instant created, Instant updated) {

  boolean live() {
    return status.live();
  }
}
