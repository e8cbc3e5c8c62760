package dev.horae.outbox;

import java.time.Instant;
import java.util.UUID;

/** One recorded domain event as readers see it: its tenant sequence, id and body (JSON text). */
public record Change(
    long sequence, UUID id, String entityFqdn, String slug, String entityId, Long entityRevision, String body, Instant occurredAt) {

  /** The event type, e.g. {@code wix.calendar.v3.event.created}. */
  public String type() {
    return entityFqdn + "." + slug;
  }
}
