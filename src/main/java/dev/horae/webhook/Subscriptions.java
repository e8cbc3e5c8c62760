package dev.horae.webhook;

import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.OutboundPolicy;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Violations;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook subscriptions: create (with a first signing secret, shown once), change, delete, and
 * secret rotation without downtime: a new secret is added and the others stay valid for a grace
 * period (24 hours unless told otherwise), during which every delivery is signed with all of them.
 */
@Component
class Subscriptions {
  static final int MAX_EVENT_TYPES = 50;
  static final Duration MAX_GRACE = Duration.ofDays(7);
  private static final Pattern TYPE = Pattern.compile("\\*|[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?");

  private final WebhookRepository webhooks;
  private final OutboundPolicy outbound;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Subscriptions(WebhookRepository webhooks, OutboundPolicy outbound, Clock clock) {
    this.webhooks = webhooks;
    this.outbound = outbound;
    this.clock = clock;
  }

  record Created(Webhook webhook, WebhookRepository.Secret secret) {}

  @Transactional
  Created create(TenantId tenant, String url, List<String> eventTypes) {
    Violations v = new Violations();
    if (url == null) {
      v.add("webhook.url", "is required");
    }
    List<String> types = types(eventTypes, true, v);
    v.throwIfAny();
    outbound.check(url, "webhook.url");
    Instant now = Instants.truncate(clock.instant());
    Webhook w = new Webhook(Ids.newUuid(), url, types, true, null, webhooks.currentSequence(tenant), 1, now, now);
    webhooks.insert(tenant, w);
    WebhookRepository.Secret secret = new WebhookRepository.Secret(Ids.newUuid(), newSecret(), now, null);
    webhooks.addSecret(tenant, w.id(), secret);
    return new Created(w, secret);
  }

  @Transactional
  Webhook update(TenantId tenant, UUID id, String url, List<String> eventTypes, Boolean enabled) {
    Webhook w = webhooks.find(tenant, id, true).orElseThrow(() -> Rejection.notFound("Webhook", id));
    Violations v = new Violations();
    List<String> types = eventTypes == null ? w.eventTypes() : types(eventTypes, true, v);
    v.throwIfAny();
    if (url != null) {
      outbound.check(url, "webhook.url");
    }
    boolean on = enabled == null ? w.enabled() : enabled;
    Webhook next = new Webhook(w.id(), url == null ? w.url() : url, types, on, on ? null : (enabled != null ? "DISABLED_BY_USER" : w.disabledReason()),
        w.lastSequence(), w.revision() + 1, w.createdDate(), Instants.truncate(clock.instant()));
    webhooks.update(tenant, next);
    return next;
  }

  @Transactional
  void delete(TenantId tenant, UUID id) {
    if (!webhooks.delete(tenant, id)) {
      throw Rejection.notFound("Webhook", id);
    }
  }

  @Transactional
  WebhookRepository.Secret rotate(TenantId tenant, UUID id, Long graceSeconds) {
    webhooks.find(tenant, id, true).orElseThrow(() -> Rejection.notFound("Webhook", id));
    Duration grace = graceSeconds == null ? Duration.ofDays(1) : Duration.ofSeconds(graceSeconds);
    if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
      throw Rejection.invalid("previousSecretsExpireInSeconds", "must be 0.." + MAX_GRACE.toSeconds());
    }
    Instant now = Instants.truncate(clock.instant());
    WebhookRepository.Secret secret = new WebhookRepository.Secret(Ids.newUuid(), newSecret(), now, null);
    webhooks.addSecret(tenant, id, secret);
    webhooks.expireSecretsBefore(tenant, id, secret.id(), now.plus(grace));
    return secret;
  }

  @Transactional
  void deleteSecret(TenantId tenant, UUID id, UUID secretId) {
    webhooks.find(tenant, id, true).orElseThrow(() -> Rejection.notFound("Webhook", id));
    if (webhooks.activeSecrets(tenant, id, clock.instant()).stream().noneMatch(s -> !s.id().equals(secretId))) {
      throw Rejection.failedPrecondition("LAST_SECRET", "a webhook keeps at least one active secret; rotate first");
    }
    if (!webhooks.deleteSecret(tenant, id, secretId)) {
      throw Rejection.notFound("Secret", secretId);
    }
  }

  private static List<String> types(List<String> eventTypes, boolean required, Violations v) {
    List<String> out = new ArrayList<>();
    if (eventTypes == null || eventTypes.isEmpty()) {
      if (required) {
        v.add("webhook.eventTypes", "must list at least one change type (or \"*\")");
      }
      return out;
    }
    v.check(eventTypes.size() <= MAX_EVENT_TYPES, "webhook.eventTypes", "may list at most " + MAX_EVENT_TYPES + " types");
    for (int i = 0; i < eventTypes.size(); i++) {
      String type = eventTypes.get(i);
      if (type == null || type.length() > 200 || !TYPE.matcher(type).matches()) {
        v.add("webhook.eventTypes[" + i + "]", "must be a change type like wix.calendar.v3.event.created, a prefix like wix.calendar.v3.event.*, or *");
      } else if (!out.contains(type)) {
        out.add(type);
      }
    }
    return out;
  }

  private String newSecret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return "whsec_" + Base64.getEncoder().encodeToString(bytes);
  }
}
