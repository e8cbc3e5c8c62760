package dev.horae.webhook;

import dev.horae.shared.TextFormats;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.NotNull;
import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import dev.horae.shared.query.Cursors;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/webhooks}: subscriptions, their secrets, the delivery log and replays. */
@RestController
@RequestMapping(path = "/v1/webhooks", produces = "application/json")
class WebhookController {
  private final Subscriptions subscriptions;
  private final WebhookRepository webhooks;
  private final DeliveryLog log;
  private final Cursors cursors;
  private final Clock clock;

  WebhookController(Subscriptions subscriptions, WebhookRepository webhooks, DeliveryLog log, Cursors cursors, Clock clock) {
    this.subscriptions = subscriptions;
    this.webhooks = webhooks;
    this.log = log;
    this.cursors = cursors;
    this.clock = clock;
  }

  record SecretView(String id, String secret, String createdDate, String expiresDate) {
    @Override
    public String toString() {
      return "SecretView[id=" + id + ", secret=***, expiresDate=" + expiresDate + "]";
    }
  }

  record View(
      String id, String url, List<String> eventTypes, boolean enabled, String disabledReason, String secret,
      List<SecretView> secrets, String revision, String createdDate, String updatedDate) {
    @Override
    public String toString() {
      return "WebhookView[id=" + id + ", url=" + url + ", enabled=" + enabled + ", secret=***, secrets=" + secrets + "]";
    }
  }

  record WebhookFields(
      @Size(max = TextLimits.URL) String url, List<@Size(max = TextLimits.TOKEN) String> eventTypes, Boolean enabled) {}

  record CreateRequest(
      @Size(max = TextLimits.URL) String url, List<@Size(max = TextLimits.TOKEN) String> eventTypes, @Valid WebhookFields webhook) {}

  record UpdateRequest(@NotNull @Valid WebhookFields webhook) {}

  record RotateRequest(Long previousSecretsExpireInSeconds) {}

  record ReplayRequest(
      @NotNull @Pattern(regexp = TextFormats.OFFSET_DATE_TIME, message = TextFormats.OFFSET_DATE_TIME_SAYS) @Size(max = TextLimits.DATE) String from,
      @NotNull @Pattern(regexp = TextFormats.OFFSET_DATE_TIME, message = TextFormats.OFFSET_DATE_TIME_SAYS) @Size(max = TextLimits.DATE) String to) {}

  record WebhookResponse(View webhook) {}

  record WebhooksResponse(List<View> webhooks) {}

  record SecretResponse(SecretView secret) {}

  record DeliveriesResponse(List<DeliveryLog.Delivery> deliveries, String nextCursor) {}

  record ReplayResponse(int replayed) {}

  record LogPosition(String createdDate, String id) {}

  @PostMapping(consumes = "application/json")
  WebhookResponse create(TenantId tenant, @Valid @RequestBody CreateRequest body) {
    WebhookFields fields = body.webhook() != null ? body.webhook() : new WebhookFields(body.url(), body.eventTypes(), null);
    Subscriptions.Created created = subscriptions.create(tenant, fields.url(), fields.eventTypes());
    return new WebhookResponse(view(tenant, created.webhook(), created.secret().value()));
  }

  @GetMapping
  WebhooksResponse list(TenantId tenant) {
    return new WebhooksResponse(webhooks.findAll(tenant).stream().map(w -> view(tenant, w, null)).toList());
  }

  @GetMapping("/{id}")
  WebhookResponse get(TenantId tenant, @PathVariable String id) {
    UUID webhookId = id(id);
    return new WebhookResponse(view(tenant, webhooks.find(tenant, webhookId, false).orElseThrow(() -> Rejection.notFound("Webhook", id)), null));
  }

  @PatchMapping(path = "/{id}", consumes = "application/json")
  WebhookResponse update(TenantId tenant, @PathVariable String id, @Valid @RequestBody UpdateRequest body) {
    WebhookFields f = body.webhook();
    return new WebhookResponse(view(tenant, subscriptions.update(tenant, id(id), f.url(), f.eventTypes(), f.enabled()), null));
  }

  @DeleteMapping("/{id}")
  void delete(TenantId tenant, @PathVariable String id) {
    subscriptions.delete(tenant, id(id));
  }

  @PostMapping(path = "/{id}/secrets")
  SecretResponse rotate(TenantId tenant, @PathVariable String id, @RequestBody(required = false) RotateRequest body) {
    WebhookRepository.Secret s = subscriptions.rotate(tenant, id(id), body == null ? null : body.previousSecretsExpireInSeconds());
    return new SecretResponse(new SecretView(s.id().toString(), s.value(), Instants.format(s.createdDate()), null));
  }

  @DeleteMapping("/{id}/secrets/{secretId}")
  void deleteSecret(TenantId tenant, @PathVariable String id, @PathVariable String secretId) {
    subscriptions.deleteSecret(tenant, id(id), Uuids.parse(secretId).orElseThrow(() -> Rejection.notFound("Secret", secretId)));
  }

  @GetMapping("/{id}/deliveries")
  DeliveriesResponse deliveries(TenantId tenant, @PathVariable String id, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    int n = limit == null ? 50 : limit;
    if (n < 1 || n > 100) {
      throw Rejection.invalid("limit", "must be 1..100");
    }
    Instant before = Instant.parse("9999-01-01T00:00:00Z");
    UUID beforeId = new UUID(-1L, -1L);
    if (cursor != null) {
      LogPosition p = cursors.decode(cursor, LogPosition.class, "cursor");
      try {
        before = Instant.parse(p.createdDate());
        beforeId = UUID.fromString(p.id());
      } catch (RuntimeException e) {
        throw Rejection.invalid("cursor", "is not a cursor this API issued");
      }
    }
    List<DeliveryLog.Delivery> page = log.list(tenant, id(id), before, beforeId, n);
    String next = page.size() < n ? null
        : cursors.encode(new LogPosition(page.get(page.size() - 1).createdDate(), page.get(page.size() - 1).id()));
    return new DeliveriesResponse(page, next);
  }

  @PostMapping("/{id}/deliveries/{deliveryId}/replay")
  ReplayResponse replayOne(TenantId tenant, @PathVariable String id, @PathVariable String deliveryId) {
    return new ReplayResponse(log.replay(tenant, id(id), Uuids.parse(deliveryId).orElseThrow(() -> Rejection.notFound("Delivery", deliveryId))));
  }

  @PostMapping(path = "/{id}/replay", consumes = "application/json")
  ReplayResponse replayRange(TenantId tenant, @PathVariable String id, @Valid @RequestBody ReplayRequest body) {
    return new ReplayResponse(log.replay(tenant, id(id), instant(body.from(), "from"), instant(body.to(), "to")));
  }

  private View view(TenantId tenant, Webhook w, String newSecret) {
    List<SecretView> secrets = webhooks.activeSecrets(tenant, w.id(), clock.instant()).stream()
        .map(s -> new SecretView(s.id().toString(), null, Instants.format(s.createdDate()), s.expiresDate() == null ? null : Instants.format(s.expiresDate())))
        .toList();
    return new View(w.id().toString(), w.url(), w.eventTypes(), w.enabled(), w.disabledReason(), newSecret, secrets,
        Long.toString(w.revision()), Instants.format(w.createdDate()), Instants.format(w.updatedDate()));
  }

  private static UUID id(String id) {
    return Uuids.parse(id).orElseThrow(() -> Rejection.notFound("Webhook", id));
  }

  private static Instant instant(String value, String field) {
    if (value == null) {
      throw Rejection.invalid(field, "is required");
    }
    try {
      Instant parsed = Instant.parse(value);
      if (!Instants.inRange(parsed)) {
        throw Rejection.invalid(field, Instants.outOfRange());
      }
      return parsed;
    } catch (DateTimeParseException e) {
      throw Rejection.invalid(field, "must be a UTC date-time like 2026-01-01T00:00:00.000Z");
    }
  }
}
