package dev.horae.tenant;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Decides what a presented API key is worth, from the database on every request: no node keeps a
 * copy, so a revocation, an expiry or a suspension made through any node holds on the next request.
 */
@Component
class Authenticating {
  private final ApiKeyRepository keys;
  private final Clock clock;

  Authenticating(ApiKeyRepository keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** The answer to one presented key. */
  sealed interface Outcome {}

  /** A working key of an active tenant. */
  record Accepted(ApiKey key, Tenant.Limits limits, long tenantRevision) implements Outcome {}

  /** Refused: {@code forbidden} refusals (a suspended tenant) are 403, the rest 401. */
  record Refused(String code, String detail, boolean forbidden) implements Outcome {}

  Outcome tenantKey(String raw) {
    if (ApiKeys.mistyped(raw, ApiKeys.TENANT_PREFIX)) {
      return new Refused("API_KEY_MALFORMED", "The API key is not a Horae key: its checksum does not match (a typo or a truncated copy?)",
          false);
    }
    var presented = keys.presented(ApiKeys.hash(raw)).orElse(null);
    if (presented == null) {
      return new Refused("UNAUTHENTICATED", "The API key is not valid", false);
    }
    ApiKey key = presented.key();
    Instant now = clock.instant();
    if (key.revokesDate() != null && !key.revokesDate().isAfter(now)) {
      return new Refused("API_KEY_REVOKED", "The API key " + key.id() + " was revoked", false);
    }
    if (key.expiresDate() != null && !key.expiresDate().isAfter(now)) {
      return new Refused("API_KEY_EXPIRED", "The API key " + key.id() + " expired at " + dev.horae.shared.Instants.format(key.expiresDate()),
          false);
    }
    switch (presented.tenantStatus()) {
      case ACTIVE -> { }
      case SUSPENDED -> {
        return new Refused("TENANT_SUSPENDED", "Tenant " + key.tenant() + " is suspended", true);
      }
      case DELETING -> {
        return new Refused("TENANT_DELETED", "Tenant " + key.tenant() + " is being deleted", true);
      }
    }
    if (key.lastUsedDate() == null || key.lastUsedDate().isBefore(now.minusSeconds(60))) {
      keys.used(key.id(), now);
    }
    return new Accepted(key, presented.limits(), presented.tenantRevision());
  }

  /** Whether {@code raw} is the operator's key. */
  boolean operatorKey(String raw) {
    if (ApiKeys.mistyped(raw, ApiKeys.ADMIN_PREFIX)) {
      return false;
    }
    String hash = ApiKeys.hash(raw);
    return keys.adminKeyHash().map(stored -> java.security.MessageDigest.isEqual(stored.getBytes(), hash.getBytes())).orElse(false);
  }
}
