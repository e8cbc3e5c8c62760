package dev.horae.connection;

import dev.horae.connection.account.ProviderRefusal;
import dev.horae.connection.oauth.OAuthProviders;
import dev.horae.connection.oauth.OAuthTokens;
import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;
import dev.horae.schedule.FindingSchedules;
import dev.horae.schedule.Schedule;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import dev.horae.shared.Violations;
import dev.horae.storage.SecretBox;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connect By OAuth (authorization code with PKCE S256). Step 1 answers the provider's consent URL
 * with a {@code state} that is signed (HMAC), single-use and expires ({@code horae.oauth.state-ttl},
 * 10 minutes). Step 2, the callback, checks the state, exchanges the code at the provider's token
 * endpoint, stores the tokens sealed, creates the connection (CONNECTED) and sends the user to the
 * caller's {@code redirectUrl} with {@code connectionId}; on refusal, a bad, expired or replayed
 * state or a failed exchange it sends them there with {@code error=reject|internal|unsupported}
 * and creates nothing.
 */
@Component
class ConnectingByOAuth {
  private final OAuthProviders providers;
  private final FindingSchedules schedules;
  private final ConnectionRepository connections;
  private final SecretBox box;
  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration stateTtl;
  private final SecureRandom random = new SecureRandom();
  private final OAuthTokens tokens;
  private final dev.horae.storage.JsonColumns json;
  private static final tools.jackson.core.type.TypeReference<Map<String, Object>> PRESET = new tools.jackson.core.type.TypeReference<>() {};

  ConnectingByOAuth(OAuthProviders providers, FindingSchedules schedules, ConnectionRepository connections, SecretBox box, JdbcClient jdbc,
      Outbox outbox, TransactionTemplate transactions, OAuthTokens tokens, dev.horae.storage.JsonColumns json, Clock clock, dev.horae.connection.oauth.OAuthProperties settings) {
    this.providers = providers;
    this.schedules = schedules;
    this.connections = connections;
    this.box = box;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.transactions = transactions;
    this.tokens = tokens;
    this.json = json;
    this.clock = clock;
    this.stateTtl = settings.stateTtl();
  }

  String start(TenantId tenant, String scheduleId, String providerId, String redirectUrl) {
    return start(tenant, scheduleId, providerId, redirectUrl, null, null);
  }

  /** As Connect By OAuth, with the sync config the connection starts with and a login hint for the consent page (both optional). */
  String start(TenantId tenant, String scheduleId, String providerId, String redirectUrl, Map<String, Object> syncConfig, String loginHint) {
    Violations v = new Violations();
    UUID schedule = scheduleId == null ? null : Uuids.parse(scheduleId).orElse(null);
    v.check(schedule != null, "scheduleId", scheduleId == null ? "is required" : "must be a GUID");
    OAuthProviders.Client client = providerId == null ? null : providers.client(providerId);
    if (providerId == null) {
      v.add("providerId", "is required");
    } else if (client == null) {
      v.add("providerId", Provider.byId(providerId).isEmpty() ? "is not a provider of GET /providers"
          : Provider.byId(providerId).get().connectsBy(Provider.ConnectMethod.URL) ? "an ICS feed connects by its address: use connections:connectByUrl"
          : "connects by credentials: use connections:connectByCredentials");
    }
    URI redirect = redirectUrl == null ? null : parseWebUrl(redirectUrl);
    v.check(redirect != null, "redirectUrl", redirectUrl == null ? "is required" : "must be an absolute http or https URL");
    v.throwIfAny();
    if (!client.configured()) {
      throw Rejection.failedPrecondition("PROVIDER_NOT_CONFIGURED", "this Horae has no OAuth client for " + providerId + " (horae.oauth.*.client-id)");
    }
    String verifier = randomToken();
    UUID nonce = Ids.newUuid();
    transactions.executeWithoutResult(status -> {
      schedules.getActiveAndHold(tenant, schedule);
      jdbc.sql("insert into oauth_state (id, tenant_id, schedule_id, provider_id, redirect_url, code_verifier, expires_at, sync_config)"
              + " values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))")
          .params(nonce, tenant.value(), schedule, providerId, redirectUrl, box.seal(verifier, "oauth-state:" + nonce),
              Instants.utc(clock.instant().plus(stateTtl)), syncConfig == null ? null : json.write(syncConfig))
          .update();
    });
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", client.clientId());
    query.put("redirect_uri", providers.callbackUrl());
    query.put("scope", String.join(" ", client.scopes()));
    query.put("state", tenant.value() + "." + nonce + "." + box.sign("oauth-state:" + tenant.value() + "." + nonce));
    query.put("code_challenge", challenge(verifier));
    query.put("code_challenge_method", "S256");
    query.putAll(client.extraParameters());
    if (loginHint != null && !loginHint.isBlank()) {
      query.put("login_hint", loginHint);
    }
    return client.authorizeUrl() + (client.authorizeUrl().contains("?") ? "&" : "?") + OAuthTokens.form(query);
  }

  /** The callback; answers where to send the user's browser. A null answer means the state itself is unusable (400). */
  Optional<URI> complete(String state, String code, String error) {
    Optional<Map<String, Object>> pending = claim(state);
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> s = pending.get();
    String redirectUrl = (String) s.get("redirect_url");
    if (s.get("expired") == Boolean.TRUE || s.get("replayed") == Boolean.TRUE) {
      return Optional.of(withQuery(redirectUrl, "error", "internal"));
    }
    if (error != null) {
      return Optional.of(withQuery(redirectUrl, "error", "access_denied".equals(error) ? "reject" : "unsupported"));
    }
    if (code == null || code.isBlank()) {
      return Optional.of(withQuery(redirectUrl, "error", "internal"));
    }
    UUID nonce = (UUID) s.get("id");
    TenantId tenant = new TenantId((UUID) s.get("tenant_id"));
    UUID schedule = (UUID) s.get("schedule_id");
    OAuthProviders.Client client = providers.client((String) s.get("provider_id"));
    String verifier = box.open((String) s.get("code_verifier"), "oauth-state:" + nonce);
    String sealedJson;
    try {
      sealedJson = tokens.write(tokens.exchange(client, code, verifier));
    } catch (ProviderRefusal refused) {
      return Optional.of(withQuery(redirectUrl, "error", "internal"));
    }
    Instant now = Instants.truncate(clock.instant());
    Map<String, Object> preset = s.get("sync_config") == null ? null : json.read(s.get("sync_config").toString(), PRESET);
    Optional<Connection> created = transactions.execute(status -> {
      Schedule owner;
      try {
        owner = schedules.getActiveAndHold(tenant, schedule);
      } catch (Rejection gone) {
        return Optional.<Connection>empty();
      }
      Connection c = new Connection(Ids.newUuid(), client.providerId(), client.calendarType(), schedule, null, owner.appId(), null, "oauth",
          ConnectionStatus.CONNECTED, ConnectionErrorReason.UNDEFINED, preset == null ? Connection.defaultSyncConfig() : preset, null, null, null, null, null, 0, null, null, now, now);
      connections.insert(tenant, c, sealedJson);
      outbox.record(tenant, DomainEvent.action(ConnectionView.FQDN, "connected", c.id().toString(), null, Map.of("connection", ConnectionView.of(c))));
      return Optional.of(c);
    });
    return Optional.of(created.map(c -> withQuery(redirectUrl, "connectionId", c.id().toString()))
        .orElseGet(() -> withQuery(redirectUrl, "error", "internal")));
  }

  /**
   * Marks the state used (once); empty when the state is not one we signed or not known. The state
   * is {@code tenant.nonce.signature}: it names the tenant, so the row is found by its key.
   */
  private Optional<Map<String, Object>> claim(String state) {
    String[] parts = state == null ? new String[0] : state.split("\\.", -1);
    if (parts.length != 3 || !box.verify("oauth-state:" + parts[0] + "." + parts[1], parts[2])) {
      return Optional.empty();
    }
    UUID tenant = Uuids.parse(parts[0]).orElse(null);
    UUID id = Uuids.parse(parts[1]).orElse(null);
    if (tenant == null || id == null) {
      return Optional.empty();
    }
    return transactions.execute(status -> {
      Optional<Map<String, Object>> row = jdbc.sql("select * from oauth_state where tenant_id = ? and id = ? for update").params(tenant, id)
          .query().listOfRows().stream().findFirst();
      if (row.isEmpty()) {
        return Optional.<Map<String, Object>>empty();
      }
      Map<String, Object> s = new LinkedHashMap<>(row.get());
      Instant expires = toInstant(s.get("expires_at"));
      s.put("expired", clock.instant().isAfter(expires));
      s.put("replayed", s.get("used_at") != null);
      if (s.get("used_at") == null) {
        jdbc.sql("update oauth_state set used_at = ? where tenant_id = ? and id = ?").params(Instants.utc(clock.instant()), tenant, id).update();
      }
      return Optional.of(s);
    });
  }

  private static Instant toInstant(Object value) {
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    return ((java.sql.Timestamp) value).toInstant();
  }

  private static URI parseWebUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? uri : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static URI withQuery(String url, String name, String value) {
    return URI.create(url + (url.contains("?") ? "&" : "?") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String challenge(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
