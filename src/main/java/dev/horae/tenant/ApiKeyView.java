package dev.horae.tenant;

import dev.horae.shared.Instants;
import java.util.List;
import java.util.UUID;

/**
 * An API key in answers: never its secret, except {@code secret} in the answer that created it (the
 * only time it is shown). {@code allScopes}: made without scopes, so it holds every scope.
 * {@code scheduleIds}: the only schedules it reaches (an app password for the CalDAV server), or
 * absent for every schedule of the tenant.
 */
record ApiKeyView(String id, String name, String prefix, List<String> scopes, boolean allScopes, List<String> scheduleIds,
    String createdDate, String lastUsedDate, String expiresDate, String revokesDate, String secret) {

  static ApiKeyView of(ApiKey k, String secret) {
    return new ApiKeyView(k.id().toString(), k.name(), k.prefix(), k.effectiveScopes().stream().sorted().map(Scope::value).toList(),
        k.allScopes(), k.reach() instanceof Reach.Schedules only ? only.ids().stream().map(UUID::toString).sorted().toList() : null,
        Instants.format(k.createdDate()), Instants.format(k.lastUsedDate()), Instants.format(k.expiresDate()),
        Instants.format(k.revokesDate()), secret);
  }

  @Override
  public String toString() {
    return "ApiKeyView[id=" + id + ", name=" + name + ", prefix=" + prefix + ", scopes=" + scopes + ", scheduleIds=" + scheduleIds + ", secret=" + (secret == null ? null : "***") + "]";
  }
}
