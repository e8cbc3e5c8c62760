package dev.horae.tenant;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Decides what a presented API key is worth: from the database, or from what this node read of it
 * in the last half second unless a change to keys or tenants was announced since ({@link PresentedKeys}).
 */
@Component
class Authenticating {
  private final ApiKeyRepository keys;
  private final PresentedKeys presentedKeys;
  private final Clock clock;
  private final java.util.Map<java.util.UUID, Instant> lastUseWritten = new java.util.concurrent.ConcurrentHashMap<>();

  Authenticating(ApiKeyRepository keys, PresentedKeys presentedKeys, Clock clock) {
    this.keys = keys;
    this.presentedKeys = presentedKeys;
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
    var presented = presentedKeys.find(ApiKeys.hash(raw), keys::presented).orElse(null);
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
      recordUse(key, now);
    }
    return new Accepted(key, presented.limits(), presented.tenantRevision());
  }

  /** Writes "last used" at most once a minute per key from this node, even while a cached read still shows the old value. */
  private void recordUse(ApiKey key, Instant now) {
    Instant written = lastUseWritten.get(key.id());
    if (written != null && written.isAfter(now.minusSeconds(60))) {
      return;
    }
    if (lastUseWritten.size() >= 10_000) {
      lastUseWritten.clear();
    }
    lastUseWritten.put(key.id(), now);
    keys.used(key.id(), now);
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
