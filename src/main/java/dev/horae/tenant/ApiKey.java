package dev.horae.tenant;

import dev.horae.shared.TenantId;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's API key as it may be shown: never its secret, only the prefix. {@code allScopes} keys
 * (made without scopes) hold every scope, including ones added in later versions. {@code revokesDate}
 * is when it stops working: the past for a revoked key, the end of the overlap for a rotated one.
 * {@code reach}: every schedule of the tenant, or only some (an app password for calendar apps).
 */
record ApiKey(UUID id, TenantId tenant, String name, String prefix, boolean allScopes, Set<Scope> scopes, Instant createdDate,
    Instant lastUsedDate, Instant expiresDate, Instant revokesDate, UUID createdBy, Reach reach) {

  Set<Scope> effectiveScopes() {
    return allScopes ? Scope.all() : scopes;
  }
}
