package dev.horae.tenant;

import dev.horae.shared.TenantId;
import java.time.Instant;
import java.util.Map;

/** One business using Horae, as the operator sees it. {@code deletion} is the erasure's progress while it is DELETING. */
record Tenant(TenantId id, String name, String externalId, TenantStatus status, long revision, Limits limits, Instant createdDate,
    Instant updatedDate, Map<String, Object> deletion) {

  /** Requests a minute per key and per tenant; null follows the configured default. */
  record Limits(Integer keyRequestsPerMinute, Integer tenantRequestsPerMinute) {
    static final Limits DEFAULT = new Limits(null, null);
  }
}
