package dev.horae.webhook;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.horae.outbox.Change;
import dev.horae.shared.Instants;

/**
 * How a change travels, in the feed and (the same bytes) in a webhook body: Standard Webhooks'
 * {@code type}/{@code timestamp}/{@code data}, plus the outbox identity: {@code id} (also the
 * {@code webhook-id} header), the tenant {@code sequence}, the entity and its {@code revision}.
 * {@code data} is the Wix-shaped body, e.g. {@code {"createdEvent": {"entity": {...}}}}.
 */
public record Envelope(
    String id, String sequence, String type, String entityFqdn, String slug, String entityId, String revision,
    String timestamp,
    @io.swagger.v3.oas.annotations.media.Schema(implementation = java.util.Map.class, description = "The Wix-shaped body, e.g. {\"createdEvent\": {\"entity\": {...}}}")
    @JsonRawValue String data) {

  public static Envelope of(Change c) {
    return new Envelope(c.id().toString(), Long.toString(c.sequence()), c.type(), c.entityFqdn(), c.slug(), c.entityId(),
        c.entityRevision() == null ? null : Long.toString(c.entityRevision()), Instants.format(c.occurredAt()), c.body());
  }
}
