package dev.horae.outbox;

import java.util.Map;
import java.util.Objects;

/**
 * One domain event, named as Wix names its webhooks: {@code entityFqdn} (e.g. {@code
 * wix.calendar.v3.event}) and {@code slug} ({@code created}, {@code updated}, {@code cancelled},
 * {@code projection_updated}, …). {@code body} is the event's JSON body, e.g. {@code
 * {"createdEvent": {"entity": {...}}}}.
 */
public record DomainEvent(String entityFqdn, String slug, String entityId, Long entityRevision, Map<String, Object> body) {
  public DomainEvent {
    Objects.requireNonNull(entityFqdn);
    Objects.requireNonNull(slug);
    Objects.requireNonNull(entityId);
    Objects.requireNonNull(body);
  }

  public static DomainEvent created(String fqdn, String id, long revision, Object entity) {
    return new DomainEvent(fqdn, "created", id, revision, Map.of("createdEvent", Map.of("entity", entity)));
  }

  public static DomainEvent updated(String fqdn, String id, long revision, Object entity) {
    return new DomainEvent(fqdn, "updated", id, revision, Map.of("updatedEvent", Map.of("currentEntity", entity)));
  }

  public static DomainEvent deleted(String fqdn, String id, long revision, Object entity) {
    return new DomainEvent(fqdn, "deleted", id, revision, Map.of("deletedEvent", Map.of("deletedEntity", entity)));
  }

  public static DomainEvent action(String fqdn, String slug, String id, Long revision, Map<String, Object> action) {
    return new DomainEvent(fqdn, slug, id, revision, Map.of("actionEvent", Map.of("body", action)));
  }
}
