package dev.horae.tenant;

import dev.horae.shared.Instants;
import java.util.Map;

/** A tenant in the admin API's answers. */
record TenantView(String id, String name, String externalId, TenantStatus status, String revision, Tenant.Limits limits,
    String createdDate, String updatedDate, Map<String, Object> deletion) {

  static TenantView of(Tenant t) {
    return new TenantView(t.id().toString(), t.name(), t.externalId(), t.status(), Long.toString(t.revision()), t.limits(),
        Instants.format(t.createdDate()), Instants.format(t.updatedDate()), t.deletion());
  }
}
