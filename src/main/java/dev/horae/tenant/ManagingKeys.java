package dev.horae.tenant;

import dev.horae.shared.TextFormats;
import jakarta.validation.constraints.Pattern;
import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Violations;
import dev.horae.shared.Uuids;
import dev.horae.schedule.FindingSchedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, listing, revoking and rotating a tenant's API keys, for the operator and for the tenant
 * itself. A tenant's key can only grant scopes it holds, so a key-management key cannot mint a
 * stronger key than itself. A key may be limited to some of the tenant's schedules: an app password
 * for one calendar (see {@link Reach}).
 */
@Component
class ManagingKeys {
  static final int MAX_NAME = 100;
  /** Schedules one key may be limited to. */
  static final int MAX_SCHEDULES = 100;
  static final long MAX_OVERLAP_SECONDS = Duration.ofDays(30).toSeconds();
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  static final long DEFAULT_OVERLAP_SECONDS = Duration.ofHours(1).toSeconds();

  private final ApiKeyRepository keys;
  private final PresentedKeys presented;
  private final Audit audit;
  private final FindingSchedules schedules;
  private final Clock clock;

  ManagingKeys(ApiKeyRepository keys, PresentedKeys presented, Audit audit, FindingSchedules schedules, Clock clock) {
    this.keys = keys;
    this.schedules = schedules;
    this.presented = presented;
    this.audit = audit;
    this.clock = clock;
  }

  /** What a client asks for; every field as it came, checked here. */
  record Request(
      @Size(max = MAX_NAME) String name,
      List<@Size(max = TextLimits.TOKEN) String> scopes,
      @Pattern(regexp = TextFormats.OFFSET_DATE_TIME, message = TextFormats.OFFSET_DATE_TIME_SAYS) @Size(max = TextLimits.DATE) String expiresDate,
      @Size(max = MAX_SCHEDULES) List<@Size(max = TextLimits.TOKEN) String> scheduleIds) {}

  /** A key and its secret, which exists only in this value. */
  record Created(ApiKey key, String secret) {
    @Override
    public String toString() {
      return "Created[key=" + key + ", secret=***]";
    }
  }

  @Transactional
  Created create(Caller actor, TenantId tenant, Request request) {
    if (request == null) {
      throw Rejection.invalid("apiKey", "is required");
    }
    Violations violations = new Violations();
    String name = violations.text(request.name(), MAX_NAME, true, "apiKey.name");
    Set<Scope> scopes = scopes(request.scopes(), violations);
    Instant expires = expires(request.expiresDate(), violations);
    Reach reach = reach(tenant, request.scheduleIds(), violations);
    violations.throwIfAny();
    requireHeld(actor, scopes, reach);
    return insert(actor, tenant, name, scopes, expires, reach, Map.of());
  }

  /** The tenant's first key, made with its tenant (by the operator, or by the bootstrap). */
  Created first(Caller actor, TenantId tenant, String rawKey) {
    return insert(actor, tenant, "default", null, null, Reach.TENANT, Map.of(), rawKey);
  }

  ApiKey get(TenantId tenant, UUID id) {
    return keys.find(tenant, id).orElseThrow(() -> Rejection.notFound("ApiKey", id));
  }

  List<ApiKey> page(TenantId tenant, Instant createdAfter, UUID idAfter, int limit) {
    return keys.page(tenant, clock.instant(), createdAfter, idAfter, limit);
  }

  /** Revokes at once; revoking a key that no longer works changes nothing and answers it as it is. */
  @Transactional
  ApiKey revoke(Caller actor, TenantId tenant, UUID id) {
    ApiKey before = get(tenant, id);
    Instant now = Instants.truncate(clock.instant());
    if (!keys.revoke(tenant, id, now, now)) {
      return before;
    }
    presented.announceChange();
    ApiKey revoked = get(tenant, id);
    audit.apiKey(actor, "revoked", revoked, Map.of());
    return revoked;
  }

  /** A new key with the old one's name, scopes and expiry; the old one keeps working for {@code overlapSeconds}. */
  @Transactional
  Created rotate(Caller actor, TenantId tenant, UUID id, Long overlapSeconds) {
    long overlap = overlapSeconds == null ? DEFAULT_OVERLAP_SECONDS : overlapSeconds;
    if (overlap < 0 || overlap > MAX_OVERLAP_SECONDS) {
      throw Rejection.invalid("overlapSeconds", "must be 0.." + MAX_OVERLAP_SECONDS + " (30 days)");
    }
    ApiKey old = get(tenant, id);
    Instant now = Instants.truncate(clock.instant());
    if (old.revokesDate() != null) {
      throw Rejection.conflict("API_KEY_ALREADY_REVOKED", old.revokesDate().isAfter(now)
          ? "API key " + id + " was already rotated; rotate its successor" : "API key " + id + " is revoked");
    }
    requireHeld(actor, old.effectiveScopes(), old.reach());
    keys.revoke(tenant, id, now.plusSeconds(overlap), now);
    presented.announceChange();
    Created successor = insert(actor, tenant, old.name(), old.allScopes() ? null : old.scopes(), old.expiresDate(), old.reach(),
        Map.of("rotatedFrom", id.toString()));
    audit.apiKey(actor, "rotated", get(tenant, id), Map.of("successorId", successor.key().id().toString()));
    return successor;
  }

  private Created insert(Caller actor, TenantId tenant, String name, Set<Scope> scopes, Instant expires, Reach reach,
      Map<String, Object> extra) {
    return insert(actor, tenant, name, scopes, expires, reach, extra, ApiKeys.generate(ApiKeys.TENANT_PREFIX));
  }

  private Created insert(Caller actor, TenantId tenant, String name, Set<Scope> scopes, Instant expires, Reach reach,
      Map<String, Object> extra, String secret) {
    ApiKey key = new ApiKey(Ids.newUuid(), tenant, name, ApiKeys.visiblePrefix(secret), scopes == null,
        scopes == null ? Set.of() : scopes, Instants.truncate(clock.instant()), null, expires, null, actor.keyId(), reach);
    keys.insert(key, ApiKeys.hash(secret));
    audit.apiKey(actor, "created", key, extra);
    return new Created(key, secret);
  }

  private static void requireHeld(Caller actor, Set<Scope> wanted, Reach reach) {
    Set<Scope> asked = wanted == null ? Scope.all() : wanted;
    List<String> missing = asked.stream().filter(s -> !s.grantedBy(actor.scopes())).map(Scope::value).sorted().toList();
    if (!missing.isEmpty()) {
      throw Rejection.forbidden("SCOPE_NOT_HELD", "A key can only grant scopes it holds itself; this one lacks " + String.join(", ", missing));
    }
    boolean within = reach instanceof Reach.Schedules only ? only.ids().stream().allMatch(actor.reach()::reaches) : actor.reach() instanceof Reach.Tenant;
    if (!within) {
      throw Rejection.forbidden("SCHEDULES_NOT_HELD", "A key can only reach schedules it reaches itself");
    }
  }

  /** Null (left out): every schedule of the tenant. Each named one must be a schedule of the tenant that is not cancelled. */
  private Reach reach(TenantId tenant, List<String> given, Violations violations) {
    if (given == null) {
      return Reach.TENANT;
    }
    if (given.isEmpty()) {
      violations.add("apiKey.scheduleIds", "must name at least one schedule, or be left out for every schedule");
      return Reach.TENANT;
    }
    Set<UUID> ids = new java.util.LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      String field = "apiKey.scheduleIds[" + i + "]";
      UUID id = Uuids.parse(given.get(i)).orElse(null);
      if (id == null) {
        violations.add(field, "must be a schedule id (a UUID)");
      } else if (schedules.find(tenant, id).filter(s -> !s.cancelled()).isEmpty()) {
        violations.add(field, "is not a schedule of this tenant (or it is cancelled)");
      } else if (!ids.add(id)) {
        violations.add(field, "names a schedule already named");
      }
    }
    return ids.isEmpty() ? Reach.TENANT : new Reach.Schedules(ids);
  }

  /** Null (left out): every scope. */
  private static Set<Scope> scopes(List<String> given, Violations violations) {
    if (given == null) {
      return null;
    }
    if (given.isEmpty()) {
      violations.add("apiKey.scopes", "must name at least one scope, or be left out for all of them");
      return null;
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (int i = 0; i < given.size(); i++) {
      String s = given.get(i);
      var scope = s == null ? java.util.Optional.<Scope>empty() : Scope.parse(s);
      if (scope.isEmpty()) {
        violations.add("apiKey.scopes[" + i + "]", "is not a scope; allowed: "
            + String.join(", ", java.util.Arrays.stream(Scope.values()).map(Scope::value).toList()));
      } else {
        scopes.add(scope.get());
      }
    }
    return scopes;
  }

  private Instant expires(String given, Violations violations) {
    if (given == null) {
      return null;
    }
    try {
      Instant expires = Instants.truncate(Instant.parse(given));
      if (!expires.isAfter(clock.instant())) {
        violations.add("apiKey.expiresDate", "must be in the future");
      } else if (expires.isAfter(LATEST)) {
        violations.add("apiKey.expiresDate", "must be before the year 10000");
      }
      return expires;
    } catch (DateTimeParseException e) {
      violations.add("apiKey.expiresDate", "must be an instant such as 2027-01-31T00:00:00Z");
      return null;
    }
  }
}
