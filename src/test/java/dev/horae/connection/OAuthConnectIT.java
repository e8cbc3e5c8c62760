package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Connect By OAuth against a token endpoint emulator that behaves like Google's: authorization
 * codes are single-use and bound to the PKCE challenge of their authorization, and the client must
 * authenticate.
 */
class OAuthConnectIT extends ApiTest {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  private static final Map<String, String> CHALLENGES = new ConcurrentHashMap<>(); // code → code_challenge
  private static final HttpServer TOKEN_ENDPOINT = tokenEndpoint();
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void oauth(DynamicPropertyRegistry registry) {
    String base = "http://127.0.0.1:" + TOKEN_ENDPOINT.getAddress().getPort();
    registry.add("horae.oauth.google.client-id", () -> "horae-test-client");
    registry.add("horae.oauth.google.client-secret", () -> "horae-test-secret");
    registry.add("horae.oauth.google.authorize-url", () -> base + "/authorize");
    registry.add("horae.oauth.google.token-url", () -> base + "/token");
  }

  private static HttpServer tokenEndpoint() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/token", exchange -> {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String challenge = CHALLENGES.remove(form.getOrDefault("code", ""));
        boolean ok = "authorization_code".equals(form.get("grant_type")) && challenge != null
            && "horae-test-client".equals(form.get("client_id")) && "horae-test-secret".equals(form.get("client_secret"))
            && challenge.equals(ConnectingByOAuth.challenge(form.getOrDefault("code_verifier", "")));
        byte[] body = (ok ? "{\"access_token\":\"ya29.test\",\"refresh_token\":\"1//refresh\",\"expires_in\":3599,\"token_type\":\"Bearer\"}"
            : "{\"error\":\"invalid_grant\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(ok ? 200 : 400, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> parse(String query) {
    Map<String, String> out = new HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** The user consents: the provider issues a code for this authorization and sends the browser to the callback. */
  private HttpResponse<String> consent(Map<String, String> authorize, String code) throws Exception {
    CHALLENGES.put(code, authorize.get("code_challenge"));
    return callback("state=" + enc(authorize.get("state")) + "&code=" + enc(code));
  }

  private HttpResponse<String> callback(String query) throws Exception {
    // a browser, not an API client: no Authorization header, and redirects not followed
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PREFIX + "/oauth/callback?" + query)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private Map<String, String> start(String schedule) {
    Response r = api.post(PREFIX + "/connections:connectByOAuth", Map.of("scheduleId", schedule, "providerId", Provider.GOOGLE,
        "redirectUrl", "https://app.example.com/after?step=2"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    URI url = URI.create(r.at("/oauthUrl").stringValue());
    assertThat(url.getPath()).isEqualTo("/authorize");
    return parse(url.getRawQuery());
  }

  @Test
  void consent_creates_a_connection_and_returns_the_user_with_its_id() throws Exception {
    String schedule = new Fixtures(api).schedule(Map.of("name", "OAuth"));
    Map<String, String> authorize = start(schedule);
    assertThat(authorize).containsEntry("code_challenge_method", "S256").containsEntry("client_id", "horae-test-client")
        .containsEntry("response_type", "code").containsKey("state");
    HttpResponse<String> back = consent(authorize, "code-" + UUID.randomUUID());
    assertThat(back.statusCode()).isEqualTo(302);
    String location = back.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("https://app.example.com/after?step=2&connectionId=");
    String id = location.substring(location.indexOf("connectionId=") + 13);
    Response connection = api.get(PREFIX + "/connections/" + id);
    assertThat(connection.at("/connection/status").stringValue()).isEqualTo("CONNECTED");
    assertThat(connection.at("/connection/calendarType").stringValue()).isEqualTo("GOOGLE");
    String stored = jdbc.sql("select credentials from connection where id = ?").params(UUID.fromString(id)).query(String.class).single();
    assertThat(stored).doesNotContain("ya29").doesNotContain("refresh");

    // the same state again (a replay): no second connection
    HttpResponse<String> replay = consent(authorize, "code-" + UUID.randomUUID());
    assertThat(replay.headers().firstValue("Location").orElseThrow()).endsWith("error=internal");
    assertThat(api.get(PREFIX + "/connections?scheduleIds=" + schedule).json().get("connections").size()).isEqualTo(1);
  }

  @Test
  void refusal_a_forged_state_an_expired_state_and_a_bad_code_create_nothing() throws Exception {
    String schedule = new Fixtures(api).schedule(Map.of("name", "OAuth refused"));
    Map<String, String> denied = start(schedule);
    assertThat(callback("state=" + enc(denied.get("state")) + "&error=access_denied").headers().firstValue("Location").orElseThrow())
        .isEqualTo("https://app.example.com/after?step=2&error=reject");

    Map<String, String> forged = start(schedule);
    String[] parts = forged.get("state").split("\\.");
    assertThat(parts).as("tenant.nonce.signature").hasSize(3);
    assertThat(parts[0]).isEqualTo(tenant.id().value().toString());
    String tampered = parts[0] + "." + parts[1] + ".AAAA";
    assertThat(callback("state=" + enc(tampered) + "&code=x").statusCode()).isEqualTo(400);
    String otherTenant = UUID.randomUUID() + "." + parts[1] + "." + parts[2]; // the signature covers the tenant
    assertThat(callback("state=" + enc(otherTenant) + "&code=x").statusCode()).isEqualTo(400);
    assertThat(callback("code=x").statusCode()).isEqualTo(400);

    Map<String, String> expired = start(schedule);
    jdbc.sql("update oauth_state set expires_at = now() - interval '1 minute' where id = ?")
        .params(UUID.fromString(expired.get("state").split("\\.")[1])).update();
    assertThat(consent(expired, "code-" + UUID.randomUUID()).headers().firstValue("Location").orElseThrow()).endsWith("error=internal");

    Map<String, String> badCode = start(schedule);
    assertThat(callback("state=" + enc(badCode.get("state")) + "&code=never-issued").headers().firstValue("Location").orElseThrow())
        .endsWith("error=internal");

    assertThat(api.get(PREFIX + "/connections?scheduleIds=" + schedule).json().get("connections").size()).isZero();
  }

  @Test
  void bad_requests_name_the_field() {
    String schedule = new Fixtures(api).schedule(Map.of("name", "OAuth bad"));
    Response caldav = api.post(PREFIX + "/connections:connectByOAuth", Map.of("scheduleId", schedule, "providerId", Provider.CALDAV, "redirectUrl", "https://a.example/"));
    assertThat(caldav.at("/errors/0/field").stringValue()).isEqualTo("providerId");
    Response noRedirect = api.post(PREFIX + "/connections:connectByOAuth", Map.of("scheduleId", schedule, "providerId", Provider.GOOGLE, "redirectUrl", "javascript:alert(1)"));
    assertThat(noRedirect.at("/errors/0/field").stringValue()).isEqualTo("redirectUrl");
    Response unconfigured = api.post(PREFIX + "/connections:connectByOAuth", Map.of("scheduleId", schedule, "providerId", Provider.MICROSOFT, "redirectUrl", "https://a.example/"));
    assertThat(unconfigured.status()).isEqualTo(428);
    assertThat(List.of(unconfigured.at("/code").stringValue())).containsExactly("PROVIDER_NOT_CONFIGURED");
  }
}
