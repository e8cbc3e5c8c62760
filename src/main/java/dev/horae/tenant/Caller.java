package dev.horae.tenant;

import dev.horae.shared.TenantId;
import java.util.Set;
import java.util.UUID;

/**
 * Who made a request: the tenant, the key (its id, never its secret), what the key may do and the
 * client address. Controllers take it as a parameter where an action is audited.
 */
public record Caller(TenantId tenant, UUID keyId, Set<Scope> scopes, String address) {
  public Caller {
    scopes = Set.copyOf(scopes);
  }

  /** The operator, acting through the admin API on some tenant. */
  static Caller operator(TenantId tenant, String address) {
    return new Caller(tenant, null, Scope.all(), address);
  }

  boolean isOperator() {
    return keyId == null;
  }
}
