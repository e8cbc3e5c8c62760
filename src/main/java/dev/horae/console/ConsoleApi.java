package dev.horae.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Calls Horae's own public API on loopback, on the port the browser came in on, with the
 * session's API key: the console can do nothing a client of the API couldn't.
 */
@Component
class ConsoleApi {
  /** The public API surfaces the console may reach; anything else is 404. */
  static final List<String> PREFIXES = List.of("/calendar/v3/", "/bookings/v2/external-calendars/", "/setup/v1/",
      "/consumer/v1/", "/v1/webhooks", "/v1/changes", "/v1/api-keys", "/v1/notifications", "/v1/calendar-feeds");

  private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Content-Type", "Accept", "Idempotency-Key");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Answer(int status, String contentType, String serverTiming, byte[] body) {}

  /** A path (as the request had it, still percent-encoded) of the public API, with no way up or out of it. */
  static boolean reachable(String path) {
    String lower = path.toLowerCase(java.util.Locale.ROOT);
    return !lower.contains("..") && !lower.contains("%2e") && !lower.contains("%2f") && !lower.contains("%5c") && !lower.contains("\\")
        && PREFIXES.stream().anyMatch(path::startsWith);
  }

  /**
   * Calls the API as the browser's user: {@code clientAddress} goes as {@code X-Forwarded-For}, which
   * Horae trusts from loopback, so rate limits and the audit trail see the browser, not the console.
   */
  Answer call(int port, String contextPath, String method, String pathAndQuery, String apiKey, String clientAddress,
      java.util.function.Function<String, String> headers, byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + contextPath + pathAndQuery))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + apiKey)
        .header("X-Forwarded-For", clientAddress)
        .method(method, body == null || body.length == 0
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String name : FORWARDED_REQUEST_HEADERS) {
      String value = headers.apply(name);
      if (value != null) {
        request.header(name, value);
      }
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
        response.headers().firstValue("Server-Timing").orElse(null), response.body());
  }
}
