package dev.horae.notification;

import dev.horae.api.Revisions;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.TextLimits;
import dev.horae.shared.Uuids;
import dev.horae.shared.query.Cursors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The notification log ({@code /v1/notifications}) and the tenant's sender ({@code /v1/notification-settings}). */
@RestController
class NotificationController {
  private final NotificationRepository repository;
  private final Invitations invitations;
  private final Cursors cursors;
  private final Clock clock;
  private final InboundReplies replies;
  private final dev.horae.shared.PublicUrlProperties publicUrl;

  NotificationController(NotificationRepository repository, Invitations invitations, Cursors cursors, Clock clock, InboundReplies replies,
      dev.horae.shared.PublicUrlProperties publicUrl) {
    this.replies = replies;
    this.publicUrl = publicUrl;
    this.repository = repository;
    this.invitations = invitations;
    this.cursors = cursors;
    this.clock = clock;
  }

  record Person(String name, String email) {}

  /** One message in the log; {@code bodyText}, {@code bodyHtml} and {@code ical} only when it is asked for by id. */
  record NotificationView(String id, String changeId, String eventId, String participationId, Person recipient, NotificationKind kind,
      String method, String icalUid, int icalSequence, String messageId, String subject, NotificationStatus status, String statusReason,
      int attempts, String nextAttemptDate, String lastError, String createdDate, String sentDate, String bodyText, String bodyHtml,
      String ical) {
    static NotificationView of(Notification n, boolean full) {
      return new NotificationView(n.id().toString(), n.changeId().toString(), n.eventId(),
          n.participationId() == null ? null : n.participationId().toString(), new Person(n.recipientName(), n.recipient()), n.kind(),
          n.kind().method(), n.icalUid(), n.icalSequence(), n.messageId(), n.subject(), n.status(), n.statusReason(), n.attempts(),
          format(n.nextAttemptAt()), n.lastError(), format(n.createdAt()), format(n.sentAt()), full ? n.bodyText() : null,
          full ? n.bodyHtml() : null, full ? n.ical() : null);
    }
  }

  record ListResponse(List<NotificationView> notifications, String nextCursor) {}

  record NotificationResponse(NotificationView notification) {}

  record LogPosition(String createdDate, String id) {}

  @GetMapping(path = "/v1/notifications", produces = "application/json")
  ListResponse list(TenantId tenant, @RequestParam(required = false) String eventId, @RequestParam(required = false) NotificationStatus status,
      @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
    int n = limit == null ? 50 : limit;
    if (n < 1 || n > 100) {
      throw Rejection.invalid("limit", "must be 1..100");
    }
    if (eventId != null && eventId.length() > TextLimits.ID) {
      throw Rejection.invalid("eventId", "must be at most " + TextLimits.ID + " characters");
    }
    Instant before = null;
    UUID beforeId = null;
    if (cursor != null) {
      LogPosition p = cursors.decode(cursor, LogPosition.class, "cursor");
      try {
        before = Instant.parse(p.createdDate());
        beforeId = UUID.fromString(p.id());
      } catch (RuntimeException e) {
        throw Rejection.invalid("cursor", "is not a cursor this API issued");
      }
    }
    List<Notification> page = repository.page(tenant, eventId, status, before, beforeId, n);
    String next = page.size() < n ? null
        : cursors.encode(new LogPosition(page.get(page.size() - 1).createdAt().toString(), page.get(page.size() - 1).id().toString()));
    return new ListResponse(page.stream().map(x -> NotificationView.of(x, false)).toList(), next);
  }

  @GetMapping(path = "/v1/notifications/{id}", produces = "application/json")
  NotificationResponse get(TenantId tenant, @PathVariable String id) {
    UUID uuid = Uuids.parse(id).orElseThrow(() -> Rejection.notFound("Notification", id));
    return new NotificationResponse(NotificationView.of(repository.find(tenant, uuid).orElseThrow(() -> Rejection.notFound("Notification", id)), true));
  }

  record SettingsView(String senderName, String fromAddress, String replyTo, String revision, String updatedDate) {}

  record SettingsResponse(SettingsView settings) {}

  record SettingsFields(
      @Size(min = 1, max = TextLimits.NAME) String senderName,
      @Email @Size(max = TextLimits.EMAIL) String fromAddress,
      @Email @Size(max = TextLimits.EMAIL) String replyTo,
      @Size(max = TextLimits.REVISION) String revision) {}

  record SettingsRequest(@NotNull @Valid SettingsFields settings) {}

  @GetMapping(path = "/v1/notification-settings", produces = "application/json")
  SettingsResponse settings(TenantId tenant) {
    return new SettingsResponse(view(tenant));
  }

  /** Sets all three members (a null one takes the service's default); {@code revision} is the one read ("0" before any was set). */
  @PatchMapping(path = "/v1/notification-settings", consumes = "application/json", produces = "application/json")
  SettingsResponse update(TenantId tenant, @Valid @RequestBody SettingsRequest body) {
    SettingsFields f = body.settings();
    Long revision = Revisions.parse(f.revision(), "settings.revision");
    long stored = repository.settings(tenant).map(SenderSettings::revision).orElse(0L);
    if (revision == null) {
      throw Rejection.invalid("settings.revision", "is required (\"" + stored + "\" now)");
    }
    boolean saved = revision == stored && repository.saveSettings(tenant,
        new SenderSettings(f.senderName(), f.fromAddress(), f.replyTo(), revision, Instants.truncate(clock.instant())), revision);
    if (!saved) {
      throw Rejection.conflict("REVISION_MISMATCH", "settings.revision " + revision + " is not the current one");
    }
    return new SettingsResponse(view(tenant));
  }

  record InboundToken(String inboundToken, String inboundUrl) {}

  record InboundTokenResponse(InboundToken inbound) {}

  /**
   * Makes the tenant's inbound token anew (the old one stops working) and answers it, once, with the
   * URL an MTA pipe or a mail-to-webhook service posts replies to.
   */
  @PostMapping(path = "/v1/notification-settings/inbound-token", produces = "application/json")
  InboundTokenResponse rotateInboundToken(TenantId tenant) {
    String token = "hin_" + dev.horae.shared.Ids.newHex32();
    repository.saveInboundTokenHash(tenant, dev.horae.shared.Digests.sha256Hex(token), Instants.truncate(clock.instant()));
    return new InboundTokenResponse(new InboundToken(token, inboundUrl(tenant)));
  }

  record ReplyResponse(InboundReplies.Outcome outcome, String reason, String participationId, dev.horae.participation.Participation.ReplyStatus status) {}

  /**
   * One inbound message, raw MIME (RFC 5322) as the MTA received it. A METHOD:REPLY for an entry
   * Horae sent to that attendee updates the participation; anything else is IGNORED with its reason
   * and changes nothing. The token goes in {@code X-Horae-Inbound-Token} or {@code ?token=}.
   */
  @PostMapping(path = "/inbound/v1/replies/{tenantId}", consumes = "*/*", produces = "application/json")
  ReplyResponse reply(@PathVariable String tenantId, @RequestHeader(name = "X-Horae-Inbound-Token", required = false) String header,
      @RequestParam(name = "token", required = false) String query,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The message as received (RFC 5322), at most HORAE_MAX_BODY_BYTES",
          content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "message/rfc822",
              schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", maxLength = 1048576)))
      @RequestBody(required = false) byte[] body) {
    String token = header != null ? header : query;
    UUID id = Uuids.parse(tenantId).orElse(null);
    String stored = id == null ? null : repository.inboundTokenHash(new TenantId(id)).orElse(null);
    if (token == null || stored == null || !dev.horae.shared.Digests.same(stored, dev.horae.shared.Digests.sha256Hex(token))) {
      throw Rejection.unauthenticated("X-Horae-Inbound-Token", "is not this tenant's inbound token");
    }
    if (body == null || body.length == 0) {
      throw Rejection.invalid("body", "must be a MIME message");
    }
    InboundReplies.Result r = replies.apply(new TenantId(id), body);
    return new ReplyResponse(r.outcome(), r.reason(), r.participationId(), r.status());
  }

  record TemplateFields(
      @NotNull @Size(min = 1, max = 1000) String subject,
      @NotNull @Size(min = 1, max = Templates.MAX) String text,
      @NotNull @Size(min = 1, max = Templates.MAX) String html) {}

  record TemplateRequest(@NotNull @Valid TemplateFields template) {}

  record TemplateView(NotificationKind kind, boolean custom, String subject, String text, String html) {}

  record TemplateResponse(TemplateView template) {}

  /** The wording of one kind of message: the tenant's own, or the default ({@code custom: false}). */
  @GetMapping(path = "/v1/notification-templates/{kind}", produces = "application/json")
  TemplateResponse template(TenantId tenant, @PathVariable NotificationKind kind) {
    Templates.Template own = repository.templates(tenant).get(kind);
    Templates.Template t = own != null ? own : Templates.DEFAULTS.get(kind);
    return new TemplateResponse(new TemplateView(kind, own != null, t.subject(), t.text(), t.html()));
  }

  /** Sets the tenant's wording of one kind of message: Mustache templates, checked before they are kept. */
  @PutMapping(path = "/v1/notification-templates/{kind}", consumes = "application/json", produces = "application/json")
  TemplateResponse setTemplate(TenantId tenant, @PathVariable NotificationKind kind, @Valid @RequestBody TemplateRequest body) {
    TemplateFields f = body.template();
    java.util.List<dev.horae.shared.FieldViolation> bad = new java.util.ArrayList<>();
    Map<String, String> parts = new java.util.LinkedHashMap<>();
    parts.put("subject", f.subject());
    parts.put("text", f.text());
    parts.put("html", f.html());
    parts.forEach((field, text) -> Templates.problem(text)
        .ifPresent(p -> bad.add(new dev.horae.shared.FieldViolation("template." + field, p))));
    if (!bad.isEmpty()) {
      throw Rejection.invalid(bad);
    }
    repository.saveTemplate(tenant, kind, new Templates.Template(f.subject(), f.text(), f.html()), Instants.truncate(clock.instant()));
    return template(tenant, kind);
  }

  /** Back to the default wording. */
  @DeleteMapping(path = "/v1/notification-templates/{kind}", produces = "application/json")
  TemplateResponse resetTemplate(TenantId tenant, @PathVariable NotificationKind kind) {
    repository.deleteTemplate(tenant, kind);
    return template(tenant, kind);
  }

  private String inboundUrl(TenantId tenant) {
    String base = publicUrl.publicUrl().toString().replaceAll("/+$", "");
    return base + "/inbound/v1/replies/" + tenant.value();
  }


  private SettingsView view(TenantId tenant) {
    SenderSettings s = repository.settings(tenant).orElse(null);
    Invitations.Sender effective = invitations.sender(tenant);
    return new SettingsView(effective.name(), effective.from(), effective.replyTo(), Long.toString(s == null ? 0 : s.revision()),
        s == null ? null : format(s.updatedDate()));
  }

  private static String format(Instant i) {
    return i == null ? null : Instants.format(i);
  }
}
