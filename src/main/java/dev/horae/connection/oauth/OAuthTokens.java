package dev.horae.connection.oauth;

import dev.horae.connection.Connection;
import dev.horae.connection.ConnectionRepository;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.shared.TenantId;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth tokens of connections: the code exchange, refresh before expiry ({@code
 * horae.oauth.refresh-before}, 5 minutes) or when the provider refuses the access token, and
 * revocation. The tokens are kept sealed in the connection's credentials as JSON {@code
 * {accessToken, refreshToken, expiresAt}}; a refresh token the provider no longer honours
 * ({@code invalid_grant}) is {@link ProviderRefusal.Reason#BAD_CREDENTIALS}, which the sync turns
 * into ERROR / TOKEN_REVOKED. Tokens never reach a log.
 */
@Component
public class OAuthTokens {
  private final OAuthProviders providers;
  private final ConnectionRepository connections;
  private final JsonMapper json;
  private final Clock clock;
  private final Duration refreshBefore;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

  OAuthTokens(OAuthProviders providers, ConnectionRepository connections, JsonMapper json, Clock clock,
      OAuthProperties settings) {
    this.providers = providers;
    this.connections = connections;
    this.json = json;
    this.clock = clock;
    this.refreshBefore = settings.refreshBefore();
  }

  public record Tokens(String accessToken, String refreshToken, Instant expiresAt) {
    @Override
    public String toString() {
      return "Tokens[accessToken=***, refreshToken=***, expiresAt=" + expiresAt + "]";
    }
  }

  /** Exchanges an authorization code; a refusal of any kind is {@link ProviderRefusal.Reason#BAD_CREDENTIALS}. */
  public Tokens exchange(OAuthProviders.Client client, String code, String verifier) throws ProviderRefusal {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", providers.callbackUrl());
    body.put("client_id", client.clientId());
    body.put("client_secret", client.clientSecret());
    body.put("code_verifier", verifier);
    return tokens(client, body, null);
  }

  public String write(Tokens t) {
    return json.writeValueAsString(Map.of("accessToken", t.accessToken(), "refreshToken", t.refreshToken(), "expiresAt", t.expiresAt().toString()));
  }

  public Tokens read(String stored) {
    JsonNode n = json.readTree(stored);
    return new Tokens(n.get("accessToken").asString(), n.get("refreshToken").asString(), Instant.parse(n.get("expiresAt").asString()));
  }

  /** A session over the connection's stored tokens. */
  public OAuthAccounts.Session session(TenantId tenant, Connection c) throws ProviderRefusal {
    OAuthProviders.Client client = providers.client(c.providerId());
    String stored = connections.password(tenant, c.id())
        .orElseThrow(() -> new ProviderRefusal(ProviderRefusal.Reason.BAD_CREDENTIALS, "the connection holds no tokens"));
    return new Stored(tenant, c.id(), client, read(stored));
  }

  /** Revokes the refresh token where the provider offers it (Google); best effort. */
  public void revoke(TenantId tenant, Connection c) {
    OAuthProviders.Client client = providers.client(c.providerId());
    if (client == null || client.revokeUrl() == null || client.revokeUrl().isBlank()) {
      return; // Microsoft identity platform has no revocation endpoint for a client
    }
    connections.password(tenant, c.id()).map(this::read).ifPresent(t -> {
      try {
        http.send(HttpRequest.newBuilder(URI.create(client.revokeUrl())).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("token", t.refreshToken())))).build(), HttpResponse.BodyHandlers.discarding());
      } catch (java.io.IOException e) {
        // the provider is unreachable: the grant stays until the user removes it; the connection still ends
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private final class Stored implements OAuthAccounts.Session {
    private final TenantId tenant;
    private final UUID id;
    private final OAuthProviders.Client client;
    private Tokens tokens;

    Stored(TenantId tenant, UUID id, OAuthProviders.Client client, Tokens tokens) {
      this.tenant = tenant;
      this.id = id;
      this.client = client;
      this.tokens = tokens;
    }

    @Override
    public String key() {
      return tenant.value() + ":" + id;
    }

    @Override
    public synchronized String accessToken() throws ProviderRefusal {
      if (tokens.expiresAt().minus(refreshBefore).isBefore(clock.instant())) {
        return refreshed();
      }
      return tokens.accessToken();
    }

    @Override
    public synchronized String refreshed() throws ProviderRefusal {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("grant_type", "refresh_token");
      body.put("refresh_token", tokens.refreshToken());
      body.put("client_id", client.clientId());
      body.put("client_secret", client.clientSecret());
      tokens = tokens(client, body, tokens.refreshToken());
      connections.credentials(tenant, id, write(tokens));
      return tokens.accessToken();
    }
  }

  /** Calls the token endpoint; {@code keptRefreshToken} stands in when the answer brings no new refresh token. */
  private Tokens tokens(OAuthProviders.Client client, Map<String, String> body, String keptRefreshToken) throws ProviderRefusal {
    HttpResponse<String> r;
    try {
      r = http.send(HttpRequest.newBuilder(URI.create(client.tokenUrl())).timeout(Duration.ofSeconds(20))
          .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(form(body))).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new ProviderRefusal(ProviderRefusal.Reason.UNREACHABLE, "the token endpoint is unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderRefusal(ProviderRefusal.Reason.INTERRUPTED, "interrupted");
    }
    JsonNode answer;
    try {
      answer = json.readTree(r.body());
    } catch (RuntimeException notJson) {
      answer = json.createObjectNode();
    }
    if (r.statusCode() != 200) {
      String error = answer.path("error").asString("");
      if (r.statusCode() == 400 || r.statusCode() == 401) {
        throw new ProviderRefusal(ProviderRefusal.Reason.BAD_CREDENTIALS, "the token endpoint refused the grant (" + (error.isEmpty() ? r.statusCode() : error) + ")");
      }
      throw new ProviderRefusal(ProviderRefusal.Reason.UNREACHABLE, "the token endpoint answered " + r.statusCode());
    }
    if (answer.get("access_token") == null || (answer.get("refresh_token") == null && keptRefreshToken == null)) {
      throw new ProviderRefusal(ProviderRefusal.Reason.BAD_CREDENTIALS, "the token endpoint answered without the tokens");
    }
    long expiresIn = answer.get("expires_in") == null ? 3600 : answer.get("expires_in").asLong();
    String refresh = answer.get("refresh_token") == null ? keptRefreshToken : answer.get("refresh_token").asString();
    return new Tokens(answer.get("access_token").asString(), refresh, clock.instant().plusSeconds(expiresIn));
  }

  public static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
