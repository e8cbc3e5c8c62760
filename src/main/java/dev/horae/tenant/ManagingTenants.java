package dev.horae.tenant;

import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Violations;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The operator's side of tenants: create (with a first key), update name and limits, suspend, resume. */
@Component
class ManagingTenants {
  static final int MAX_NAME = 200;
  static final int MAX_EXTERNAL_ID = 200;
  static final int MAX_PER_MINUTE = 1_000_000;

  private final TenantRepository tenants;
  private final ManagingKeys keys;
  private final PresentedKeys presented;
  private final Audit audit;
  private final Clock clock;

  ManagingTenants(TenantRepository tenants, ManagingKeys keys, PresentedKeys presented, Audit audit, Clock clock) {
    this.tenants = tenants;
    this.keys = keys;
    this.presented = presented;
    this.audit = audit;
    this.clock = clock;
  }

  record Created(Tenant tenant, ManagingKeys.Created firstKey) {}

  /** A new tenant and its first key, {@code rawKey} or a generated one. */
  @Transactional
  Created create(Caller operator, String name, String externalId, Tenant.Limits limits, String rawKey) {
    Violations violations = new Violations();
    String checkedName = violations.text(name, MAX_NAME, true, "tenant.name");
    String checkedExternalId = violations.text(externalId, MAX_EXTERNAL_ID, false, "tenant.externalId");
    Tenant.Limits checkedLimits = limits(limits, violations);
    violations.throwIfAny();
    if (checkedExternalId != null && tenants.externalIdTaken(checkedExternalId)) {
      throw Rejection.conflict("TENANT_EXTERNAL_ID_TAKEN", "Another tenant has the externalId " + checkedExternalId);
    }
    TenantId id = new TenantId(Ids.newUuid());
    tenants.insert(id, checkedName, checkedExternalId, checkedLimits, Instants.truncate(clock.instant()));
    Tenant tenant = find(id);
    Caller actor = new Caller(id, operator.keyId(), operator.scopes(), operator.address());
    audit.tenant(actor, "created", tenant);
    return new Created(tenant, keys.first(actor, id, rawKey == null ? ApiKeys.generate(ApiKeys.TENANT_PREFIX) : rawKey));
  }

  Tenant find(TenantId id) {
    return tenants.find(id, false).orElseThrow(() -> Rejection.notFound("Tenant", id));
  }

  /** Name and limits; a field left out stays as it is, a limit set to null follows the default again ({@code clearLimits}). */
  @Transactional
  Tenant update(Caller operator, TenantId id, Long revision, String name, Tenant.Limits limits) {
    Tenant current = tenants.find(id, true).orElseThrow(() -> Rejection.notFound("Tenant", id));
    Rejection.requireRevision("Tenant", id, revision, current.revision());
    requireNotDeleting(current);
    Violations violations = new Violations();
    String checkedName = name == null ? current.name() : violations.text(name, MAX_NAME, true, "tenant.name");
    Tenant.Limits checkedLimits = limits == null ? current.limits() : limits(limits, violations);
    violations.throwIfAny();
    tenants.update(id, checkedName, checkedLimits, Instants.truncate(clock.instant()));
    presented.announceChange(); // new limits: every node reads the tenant again
    Tenant updated = find(id);
    audit.tenant(operator, "updated", updated);
    return updated;
  }

  /** Suspending a suspended tenant (or resuming an active one) changes nothing and answers it as it is. */
  @Transactional
  Tenant status(Caller operator, TenantId id, TenantStatus wanted) {
    Tenant current = tenants.find(id, true).orElseThrow(() -> Rejection.notFound("Tenant", id));
    requireNotDeleting(current);
    if (current.status() == wanted) {
      return current;
    }
    tenants.status(id, wanted, Instants.truncate(clock.instant()));
    presented.announceChange();
    Tenant changed = find(id);
    audit.tenant(operator, wanted == TenantStatus.SUSPENDED ? "suspended" : "resumed", changed);
    return changed;
  }

  private static void requireNotDeleting(Tenant t) {
    if (t.status() == TenantStatus.DELETING) {
      throw Rejection.failedPrecondition("TENANT_DELETING", "Tenant " + t.id() + " is being deleted");
    }
  }

  private static Tenant.Limits limits(Tenant.Limits limits, Violations violations) {
    if (limits == null) {
      return Tenant.Limits.DEFAULT;
    }
    perMinute("tenant.limits.keyRequestsPerMinute", limits.keyRequestsPerMinute(), violations);
    perMinute("tenant.limits.tenantRequestsPerMinute", limits.tenantRequestsPerMinute(), violations);
    return limits;
  }

  private static void perMinute(String field, Integer value, Violations violations) {
    violations.check(value == null || (value >= 1 && value <= MAX_PER_MINUTE), field,
        "must be 1.." + MAX_PER_MINUTE + ", or null for the configured default");
  }
}
