package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.connection.emulator.GoogleEmulator;
import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Connect By OAuth end to end: Horae's consent URL, the user consenting at the emulator, the browser at Horae's callback. */
final class OAuthFlow {
  private OAuthFlow() {}

  static String connectGoogle(Api api, int port, GoogleEmulator google, String schedule) throws Exception {
    return connect(api, port, Provider.GOOGLE, google::issueCode, schedule);
  }

  static String connectMicrosoft(Api api, int port, dev.horae.connection.emulator.GraphEmulator graph, String schedule) throws Exception {
    return connect(api, port, Provider.MICROSOFT, graph::issueCode, schedule);
  }

  /** {@code consent} is the user consenting at the provider: it receives the code and the PKCE challenge it is bound to. */
  static String connect(Api api, int port, String provider, java.util.function.BiConsumer<String, String> consent, String schedule) throws Exception {
    Response r = api.post("/bookings/v2/external-calendars/connections:connectByOAuth", Map.of("scheduleId", schedule, "providerId", provider,
        "redirectUrl", "https://app.example.com/connected"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    Map<String, String> authorize = query(URI.create(r.at("/oauthUrl").stringValue()).getRawQuery());
    String code = "4/" + UUID.randomUUID();
    consent.accept(code, authorize.get("code_challenge"));
    HttpResponse<String> back = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bookings/v2/external-calendars/oauth/callback?state="
            + enc(authorize.get("state")) + "&code=" + enc(code))).GET().build(), HttpResponse.BodyHandlers.ofString());
    String location = back.headers().firstValue("Location").orElseThrow();
    assertThat(location).contains("connectionId=");
    return location.substring(location.indexOf("connectionId=") + "connectionId=".length());
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
