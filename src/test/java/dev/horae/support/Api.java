package dev.horae.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** A small HTTP client for the tests: real HTTP to the running service, JSON in and out. */
public final class Api {
  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String apiKey;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public Api(int port, String apiKey) {
    this.base = "http://127.0.0.1:" + port;
    this.apiKey = apiKey;
  }

  private Api(Api from, String name, String value) {
    this.base = from.base;
    this.apiKey = from.apiKey;
    this.headers.putAll(from.headers);
    this.headers.put(name, value);
  }

  /** The same client with one more header on every request. */
  public Api withHeader(String name, String value) {
    return new Api(this, name, value);
  }

  public Api withKey(String key) {
    return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), key);
  }

  public record Response(int status, String contentType, String text, java.net.http.HttpHeaders headers) {
    /** A header of the answer, or null. */
    public String header(String name) {
      return headers == null ? null : headers.firstValue(name).orElse(null);
    }

    public JsonNode json() {
      return text == null || text.isEmpty() ? JsonNodeFactory.instance.missingNode() : JSON.readTree(text);
    }

    public JsonNode at(String pointer) {
      return json().at(pointer);
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + text;
    }
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  /** Every change of the tenant's pull feed, page after page (a tenant's first resource alone brings its business hours' events). */
  public java.util.List<JsonNode> changes() {
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    String cursor = null;
    while (true) {
      JsonNode page = get("/v1/changes?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.get("changes").forEach(out::add);
      if (page.get("changes").isEmpty()) {
        return out;
      }
      cursor = page.get("nextCursor").stringValue();
    }
  }

  public Response post(String path, Object body) {
    return send("POST", path, body, "application/json");
  }

  public Response patch(String path, Object body) {
    return send("PATCH", path, body, "application/json");
  }

  public Response delete(String path) {
    return send("DELETE", path, null, null);
  }

  /** Sends {@code body} as it is when it is a String, otherwise as JSON. */
  public Response send(String method, String path, Object body, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    headers.forEach(b::header);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    b.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      Response response = new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
      Map<String, String> sent = new LinkedHashMap<>(headers);
      if (apiKey != null) {
        sent.put("Authorization", "Bearer " + apiKey);
      }
      if (contentType != null) {
        sent.put("Content-Type", contentType);
      }
      Contract.check(base, method, path, sent, text, response.status(), response.contentType(), response.text());
      return response;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
