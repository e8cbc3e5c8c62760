package dev.horae.tenant;

import dev.horae.shared.TenantId;
import java.util.Set;
import java.util.UUID;

/**
 * Who made a request: the tenant, the key (its id, never its secret), what the key may do, which
 * schedules it reaches and the client address. Controllers take it as a parameter where an action is
 * audited.
 */
public record Caller(TenantId tenant, UUID keyId, Set<Scope> scopes, Reach reach, String address) {
  public Caller {
    scopes = Set.copyOf(scopes);
    java.util.Objects.requireNonNull(reach, "reach");
  }

  /** A caller whose key reaches every schedule of the tenant. */
  public Caller(TenantId tenant, UUID keyId, Set<Scope> scopes, String address) {
    this(tenant, keyId, scopes, Reach.TENANT, address);
  }

  /** The operator, acting through the admin API on some tenant. */
  static Caller operator(TenantId tenant, String address) {
    return new Caller(tenant, null, Scope.all(), address);
  }

  boolean isOperator() {
    return keyId == null;
  }
}
