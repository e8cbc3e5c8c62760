package dev.horae.connection.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the provider emulators share: a JDK HTTP server on loopback, a request log, form and JSON plumbing. */
abstract class EmulatedServer implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();
  final HttpServer server;
  private final List<String> log = new CopyOnWriteArrayList<>();

  EmulatedServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", exchange -> {
      try {
        String query = exchange.getRequestURI().getRawQuery();
        log.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query));
        handle(exchange);
      } catch (RuntimeException e) {
        e.printStackTrace();
        send(exchange, 500, "{\"error\":{\"code\":500,\"message\":\"emulator failure: " + e + "\"}}");
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  abstract void handle(HttpExchange exchange) throws IOException;

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request so far, as "METHOD /path?query". */
  public List<String> requests() {
    return new ArrayList<>(log);
  }

  public void clearRequests() {
    log.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * A provider's consent screen, reduced to its protocol: the page at {@code base} asks (Allow /
   * Cancel); Allow issues a code bound to the PKCE challenge and redirects to {@code redirect_uri}
   * with {@code code} and {@code state}; Cancel redirects with {@code error=access_denied}. A wrong
   * client or response type is an "Error 400: invalid_request" page, with no redirect (as Google and
   * the Microsoft identity platform do).
   */
  static void consent(HttpExchange x, String base, String clientId, String title, String account,
      java.util.function.BiConsumer<String, String> issueCode) throws IOException {
    String path = x.getRequestURI().getPath();
    String raw = x.getRequestURI().getRawQuery();
    Map<String, List<String>> q = params(raw == null ? "" : raw);
    String redirect = first(q, "redirect_uri");
    if (!clientId.equals(first(q, "client_id")) || !"code".equals(first(q, "response_type")) || redirect == null
        || first(q, "code_challenge") == null) {
      page(x, 400, "<h1>Error 400: invalid_request</h1>");
      return;
    }
    String state = URLEncoder.encode(String.valueOf(first(q, "state")), StandardCharsets.UTF_8);
    if (path.endsWith("/approve")) {
      String code = "code-" + java.util.UUID.randomUUID();
      issueCode.accept(code, first(q, "code_challenge"));
      redirect(x, redirect + "?state=" + state + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
    } else if (path.endsWith("/deny")) {
      redirect(x, redirect + "?state=" + state + "&error=access_denied");
    } else {
      String query = raw.replace("&", "&amp;").replace("\"", "&quot;");
      page(x, 200, "<h1>" + title + "</h1><p>Horae wants to see and edit the calendars of " + account + ".</p>"
          + "<p><a id=\"allow\" href=\"" + base + "/approve?" + query + "\">Allow</a> "
          + "<a id=\"deny\" href=\"" + base + "/deny?" + query + "\">Cancel</a></p>");
    }
  }

  private static void page(HttpExchange x, int status, String html) throws IOException {
    byte[] body = ("<!doctype html><html lang=\"en\"><title>Consent</title><body>" + html + "</body></html>").getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
    x.sendResponseHeaders(status, body.length);
    x.getResponseBody().write(body);
  }

  private static void redirect(HttpExchange x, String location) throws IOException {
    x.getResponseHeaders().set("Location", location);
    x.sendResponseHeaders(302, -1);
  }

  static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    if (json != null) {
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  static void send(HttpExchange exchange, int status, JsonNode json) throws IOException {
    send(exchange, status, JSON.writeValueAsString(json));
  }

  /** The request body; Google's client gzips what it sends (Content-Encoding: gzip), as Google accepts. */
  static String body(HttpExchange exchange) throws IOException {
    java.io.InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new java.util.zip.GZIPInputStream(in);
    }
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** Query or form parameters; repeated names keep every value. */
  static Map<String, List<String>> params(String raw) {
    Map<String, List<String>> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  /** The PKCE S256 challenge of a verifier (RFC 7636). */
  static String s256(String verifier) {
    if (verifier == null) {
      return "";
    }
    try {
      return java.util.Base64.getUrlEncoder().withoutPadding()
          .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
