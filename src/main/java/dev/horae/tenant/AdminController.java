package dev.horae.tenant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import dev.horae.api.PagingMetadata;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import dev.horae.shared.query.Cursors;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The operator's API: tenants, their keys and their audit trail, with the operator key only. */
@RestController
@RequestMapping(path = "/admin/v1/tenants", produces = "application/json")
class AdminController {
  private final ManagingTenants tenants;
  private final TenantRepository repository;
  private final ManagingKeys keys;
  private final ErasingTenants erasing;
  private final AuditTrail trail;
  private final Cursors cursors;

  AdminController(ManagingTenants tenants, TenantRepository repository, ManagingKeys keys, ErasingTenants erasing, AuditTrail trail,
      Cursors cursors) {
    this.tenants = tenants;
    this.repository = repository;
    this.keys = keys;
    this.erasing = erasing;
    this.trail = trail;
    this.cursors = cursors;
  }

  record TenantFields(
      @Size(max = ManagingTenants.MAX_NAME) String name,
      @Size(max = ManagingTenants.MAX_EXTERNAL_ID) String externalId,
      Tenant.Limits limits,
      Long revision) {}

  record TenantRequest(@NotNull @Valid TenantFields tenant) {}

  record TenantResponse(TenantView tenant) {}

  record CreatedTenantResponse(TenantView tenant, ApiKeyView apiKey) {}

  record TenantsResponse(List<TenantView> tenants, PagingMetadata pagingMetadata) {}

  @PostMapping(consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  CreatedTenantResponse create(HttpServletRequest request, @Valid @RequestBody TenantRequest body) {
    TenantFields f = fields(body);
    ManagingTenants.Created created = tenants.create(operator(request, null), f.name(), f.externalId(), f.limits(), null);
    return new CreatedTenantResponse(TenantView.of(created.tenant()),
        ApiKeyView.of(created.firstKey().key(), created.firstKey().secret()));
  }

  @GetMapping
  TenantsResponse list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
    Paging.After after = Paging.after(cursors, cursor, limit);
    List<Tenant> fetched = repository.page(after.created(), after.id(), after.limit() + 1);
    return new TenantsResponse(fetched.stream().limit(after.limit()).map(TenantView::of).toList(),
        Paging.metadata(cursors, fetched, after.limit(), Tenant::createdDate, t -> t.id().value()));
  }

  @GetMapping("/{id}")
  TenantResponse get(@PathVariable String id) {
    return new TenantResponse(TenantView.of(tenants.find(tenant(id))));
  }

  @PatchMapping(path = "/{id}", consumes = "application/json")
  TenantResponse update(HttpServletRequest request, @PathVariable String id, @Valid @RequestBody TenantRequest body) {
    TenantFields f = fields(body);
    if (f.externalId() != null) {
      throw Rejection.invalid("tenant.externalId", "cannot be changed");
    }
    TenantId t = tenant(id);
    return new TenantResponse(TenantView.of(tenants.update(operator(request, t), t, f.revision(), f.name(), f.limits())));
  }

  @PostMapping("/{id}/suspend")
  TenantResponse suspend(HttpServletRequest request, @PathVariable String id) {
    TenantId t = tenant(id);
    return new TenantResponse(TenantView.of(tenants.status(operator(request, t), t, TenantStatus.SUSPENDED)));
  }

  @PostMapping("/{id}/resume")
  TenantResponse resume(HttpServletRequest request, @PathVariable String id) {
    TenantId t = tenant(id);
    return new TenantResponse(TenantView.of(tenants.status(operator(request, t), t, TenantStatus.ACTIVE)));
  }

  /** Refuses the tenant at once and erases it in the background; {@code GET} shows the progress until it is gone (then 404). */
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  TenantResponse delete(HttpServletRequest request, @PathVariable String id) {
    TenantId t = tenant(id);
    return new TenantResponse(TenantView.of(erasing.request(operator(request, t), t)));
  }

  @PostMapping(path = "/{id}/api-keys", consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  ApiKeyController.KeyResponse createKey(HttpServletRequest request, @PathVariable String id,
      @Valid @RequestBody ApiKeyController.KeyRequest body) {
    TenantId t = existing(id);
    ManagingKeys.Created created = keys.create(operator(request, t), t, body == null ? null : body.apiKey());
    return new ApiKeyController.KeyResponse(ApiKeyView.of(created.key(), created.secret()));
  }

  @GetMapping("/{id}/api-keys")
  ApiKeyController.KeysResponse keys(@PathVariable String id, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return ApiKeyController.page(keys, cursors, existing(id), cursor, limit);
  }

  @DeleteMapping("/{id}/api-keys/{keyId}")
  ApiKeyController.KeyResponse revokeKey(HttpServletRequest request, @PathVariable String id, @PathVariable String keyId) {
    TenantId t = existing(id);
    return new ApiKeyController.KeyResponse(ApiKeyView.of(keys.revoke(operator(request, t), t, Uuids.existing(keyId, "ApiKey")), null));
  }

  @PostMapping("/{id}/api-keys/{keyId}/rotate")
  ApiKeyController.KeyResponse rotateKey(HttpServletRequest request, @PathVariable String id, @PathVariable String keyId,
      @RequestBody(required = false) ApiKeyController.RotateRequest body) {
    TenantId t = existing(id);
    ManagingKeys.Created created = keys.rotate(operator(request, t), t, Uuids.existing(keyId, "ApiKey"),
        body == null ? null : body.overlapSeconds());
    return new ApiKeyController.KeyResponse(ApiKeyView.of(created.key(), created.secret()));
  }

  /** The tenant's {@code horae.v1.tenant.*} and {@code horae.v1.api_key.*} changes, oldest first. */
  @GetMapping("/{id}/audit")
  AuditTrail.Page audit(@PathVariable String id, @RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit) {
    return trail.page(existing(id), after, limit);
  }

  private static TenantFields fields(TenantRequest body) {
    if (body == null || body.tenant() == null) {
      throw Rejection.invalid("tenant", "is required");
    }
    return body.tenant();
  }

  private static TenantId tenant(String id) {
    return new TenantId(Uuids.existing(id, "Tenant"));
  }

  /** A tenant that exists (404 otherwise), for the calls on its keys and trail. */
  private TenantId existing(String id) {
    return tenants.find(tenant(id)).id();
  }

  private static Caller operator(HttpServletRequest request, TenantId tenant) {
    return Caller.operator(tenant, request.getRemoteAddr());
  }
}
