package dev.horae.tenant;

import jakarta.validation.Valid;
import dev.horae.api.PagingMetadata;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import dev.horae.shared.query.Cursors;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's own keys, with a key holding {@code keys:read} / {@code keys:write}; any key may describe itself. */
@RestController
@RequestMapping(path = "/v1/api-keys", produces = "application/json")
class ApiKeyController {
  private final ManagingKeys keys;
  private final Cursors cursors;

  ApiKeyController(ManagingKeys keys, Cursors cursors) {
    this.keys = keys;
    this.cursors = cursors;
  }

  record KeyRequest(@Valid ManagingKeys.Request apiKey) {}

  record RotateRequest(Long overlapSeconds) {}

  record KeyResponse(ApiKeyView apiKey) {}

  record KeysResponse(List<ApiKeyView> apiKeys, PagingMetadata pagingMetadata) {}

  @PostMapping(consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  KeyResponse create(Caller caller, @Valid @RequestBody KeyRequest body) {
    ManagingKeys.Created created = keys.create(caller, caller.tenant(), body == null ? null : body.apiKey());
    return new KeyResponse(ApiKeyView.of(created.key(), created.secret()));
  }

  @GetMapping
  KeysResponse list(TenantId tenant, @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
    return page(keys, cursors, tenant, cursor, limit);
  }

  /** The key that makes this call: its id, name, scopes and expiry (no scope needed). */
  @GetMapping("/current")
  KeyResponse current(Caller caller) {
    return new KeyResponse(ApiKeyView.of(keys.get(caller.tenant(), caller.keyId()), null));
  }

  @GetMapping("/{id}")
  KeyResponse get(TenantId tenant, @PathVariable String id) {
    return new KeyResponse(ApiKeyView.of(keys.get(tenant, Uuids.existing(id, "ApiKey")), null));
  }

  @DeleteMapping("/{id}")
  KeyResponse revoke(Caller caller, @PathVariable String id) {
    return new KeyResponse(ApiKeyView.of(keys.revoke(caller, caller.tenant(), Uuids.existing(id, "ApiKey")), null));
  }

  /** A successor with the same name, scopes and expiry; this key keeps working for {@code overlapSeconds} (default 3600). */
  @PostMapping("/{id}/rotate")
  KeyResponse rotate(Caller caller, @PathVariable String id, @RequestBody(required = false) RotateRequest body) {
    ManagingKeys.Created created = keys.rotate(caller, caller.tenant(), Uuids.existing(id, "ApiKey"),
        body == null ? null : body.overlapSeconds());
    return new KeyResponse(ApiKeyView.of(created.key(), created.secret()));
  }

  static KeysResponse page(ManagingKeys keys, Cursors cursors, TenantId tenant, String cursor, Integer limit) {
    Paging.After after = Paging.after(cursors, cursor, limit);
    List<ApiKey> fetched = keys.page(tenant, after.created(), after.id(), after.limit() + 1);
    return new KeysResponse(fetched.stream().limit(after.limit()).map(k -> ApiKeyView.of(k, null)).toList(),
        Paging.metadata(cursors, fetched, after.limit(), ApiKey::createdDate, ApiKey::id));
  }
}
