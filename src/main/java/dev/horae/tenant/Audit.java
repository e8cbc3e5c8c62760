package dev.horae.tenant;

import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;
import dev.horae.shared.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every admin and key action becomes a domain event of the tenant it concerns ({@code horae.v1.tenant.*},
 * {@code horae.v1.api_key.*}), in the action's transaction: it reaches the change feed and webhooks
 * like any change, and the operator lists it per tenant. Each names who acted (the key's id, or the
 * operator) and from which client address; never a secret.
 */
@Component
class Audit {
  static final String TENANT = "horae.v1.tenant";
  static final String API_KEY = "horae.v1.api_key";

  private final Outbox outbox;

  Audit(Outbox outbox) {
    this.outbox = outbox;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  void tenant(Caller actor, String slug, Tenant tenant) {
    outbox.record(tenant.id(), DomainEvent.action(TENANT, slug, tenant.id().toString(), tenant.revision(),
        body(actor, "tenant", TenantView.of(tenant))));
  }

  @Transactional(propagation = Propagation.MANDATORY)
  void apiKey(Caller actor, String slug, ApiKey key, Map<String, Object> extra) {
    Map<String, Object> body = body(actor, "apiKey", ApiKeyView.of(key, null));
    body.putAll(extra);
    outbox.record(key.tenant(), DomainEvent.action(API_KEY, slug, key.id().toString(), null, body));
  }

  private static Map<String, Object> body(Caller actor, String name, Object entity) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(name, entity);
    Map<String, Object> who = new LinkedHashMap<>();
    who.put("operator", actor.isOperator());
    if (actor.keyId() != null) {
      who.put("apiKeyId", actor.keyId().toString());
    }
    if (actor.address() != null) {
      who.put("clientAddress", actor.address());
    }
    body.put("actor", who);
    return body;
  }
}
