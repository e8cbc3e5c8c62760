package dev.horae.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every exchange the integration suite makes with the service is checked against the OpenAPI
 * document the service itself serves, with Atlassian's swagger-request-validator:
 *
 * <ul>
 *   <li>a response that breaks its documented schema, status or content type fails the test;
 *   <li>a request the document refuses must be answered 4xx (the service refuses what its contract
 *       refuses), and that answer must itself be documented;
 *   <li>a path the document does not know must be a 404 or 405 problem, unless it is one of the
 *       surfaces outside the API ({@link #UNDOCUMENTED}).
 * </ul>
 *
 * <p>Set {@code -Dhorae.it.contract.report=FILE} to write the breaks to FILE instead of failing.
 */
public final class Contract {
  /** Surfaces the OpenAPI document does not describe: operations, the console, the document itself. */
  static final List<String> UNDOCUMENTED =
      List.of("/actuator", "/v3/api-docs", "/swagger-ui", "/console");

  private static final String REPORT = System.getProperty("horae.it.contract.report");
  private static volatile OpenApiInteractionValidator validator;

  private Contract() {}

  static void check(String base, String method, String pathAndQuery, Map<String, String> requestHeaders, String body,
      int status, String contentType, String responseBody) {
    String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
    if (path.equals("/") || UNDOCUMENTED.stream().anyMatch(path::startsWith)) {
      return;
    }
    OpenApiInteractionValidator v = validator(base);
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
    requestHeaders.forEach(request::withHeader);
    if (body != null) {
      request.withBody(body);
    }
    if (pathAndQuery.contains("?")) {
      for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        request.withQueryParam(name, value);
      }
    }
    SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
    if (contentType != null && !contentType.isEmpty()) {
      response.withContentType(contentType);
    }
    if (responseBody != null && !responseBody.isEmpty()) {
      response.withBody(responseBody);
    }
    ValidationReport report;
    try {
      report = v.validate(request.build(), response.build());
    } catch (RuntimeException e) {
      // the validator could not read the exchange (a hostile body it cannot parse, say): the answer must still be a 4xx problem
      report = ValidationReport.singleton(ValidationReport.Message.create("validation.request.unreadable", e.toString()).build());
    }
    String where = method + " " + pathAndQuery + " → " + status;
    List<ValidationReport.Message> messages = report.getMessages().stream()
        .filter(m -> m.getLevel() != ValidationReport.Level.IGNORE).toList();
    boolean unknownPath = messages.stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing")
        || m.getKey().equals("validation.request.operation.notAllowed"));
    if (unknownPath) {
      // without a key the answer is 401 before any routing: it tells a stranger nothing about which paths exist
      boolean anonymous = !requestHeaders.containsKey("Authorization");
      if ((status != 404 && status != 405 && !(anonymous && status == 401)) || !contentType.startsWith("application/problem+json")) {
        fail(where + ": the document has no such operation, yet the answer was not a 404/405 problem");
      }
      return;
    }
    // an empty object sent to an action that takes no body is what many clients send; the service ignores it
    boolean emptyObject = body != null && body.strip().equals("{}");
    List<ValidationReport.Message> requestBreaks = messages.stream()
        .filter(m -> m.getKey().startsWith("validation.request"))
        .filter(m -> !(emptyObject && m.getKey().equals("validation.request.body.unexpected")))
        .toList();
    List<ValidationReport.Message> responseBreaks =
        messages.stream().filter(m -> !m.getKey().startsWith("validation.request")).toList();
    if (!requestBreaks.isEmpty() && status == 200 && (pathAndQuery.contains("/bulk/events/") || pathAndQuery.contains("/bulk/resources/")) && itemsFailed(requestBreaks, responseBody)) {
      requestBreaks = List.of(); // a bulk request reports a refused item as that item's failure, not the request's
    }
    if (!requestBreaks.isEmpty() && (status < 400 || status >= 500)) {
      fail(where + ": the document refuses this request (" + text(requestBreaks) + "), yet it was answered " + status);
    }
    if (!responseBreaks.isEmpty()) {
      fail(where + ": the answer breaks the document: " + text(responseBreaks) + "\n  body: " + abbreviate(responseBody));
    }
  }

  private static final java.util.regex.Pattern ITEM = java.util.regex.Pattern.compile("\\[Path '/(?:events|resources)/(\\d+)/");

  /** Whether every break is inside one item ({@code /events/N/…}, {@code /resources/N/…}) and the answer reports each such item as failed. */
  private static boolean itemsFailed(List<ValidationReport.Message> breaks, String responseBody) {
    tools.jackson.databind.JsonNode results;
    try {
      results = Api.JSON.readTree(responseBody).path("results");
    } catch (RuntimeException e) {
      return false;
    }
    for (ValidationReport.Message m : breaks) {
      java.util.regex.Matcher item = ITEM.matcher(m.getMessage());
      if (!item.find()) {
        return false;
      }
      int index = Integer.parseInt(item.group(1));
      boolean failed = false;
      for (tools.jackson.databind.JsonNode r : results) {
        if (r.at("/itemMetadata/originalIndex").asInt(-1) == index && !r.at("/itemMetadata/success").asBoolean(true)) {
          failed = true;
        }
      }
      if (!failed) {
        return false;
      }
    }
    return true;
  }

  private static String text(List<ValidationReport.Message> messages) {
    return messages.stream().map(m -> m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("; "));
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 600 ? s.substring(0, 600) + "…" : s;
  }

  private static void fail(String message) {
    if (REPORT != null && !REPORT.isBlank()) {
      try {
        Files.writeString(Path.of(REPORT), message.replace('\n', ' ') + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return;
    }
    throw new AssertionError("OpenAPI contract: " + message);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** The validator over the document the service serves; one per test JVM, as every context runs the same API. */
  private static OpenApiInteractionValidator validator(String base) {
    OpenApiInteractionValidator v = validator;
    if (v == null) {
      synchronized (Contract.class) {
        if (validator == null) {
          validator = OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(document(base)))
              .withLevelResolver(LevelResolver.create()
                  // the suite's own header (Idempotency-Key, X-Horae-*) are documented per operation where they matter
                  .withLevel("validation.request.parameter.header.unexpected", ValidationReport.Level.IGNORE)
                  // the service ignores members of a request it does not know (as Wix and Google do); answers stay strict
                  .withLevel("validation.request.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
                  .build())
              .build();
        }
        v = validator;
      }
    }
    return v;
  }

  /**
   * The validator's schema checks (java-json-tools, draft 4) read a document as OpenAPI 3.0: for a
   * 3.1 document it sees no parameter types at all. The served 3.1 document is given to it in 3.0
   * spelling: a type list with "null" becomes {@code nullable}, {@code const} a one-value enum,
   * schema {@code examples} are dropped. Nothing that constrains a value is lost.
   */
  static String asOpenApi30(String document) {
    ObjectNode root = (ObjectNode) Api.JSON.readTree(document);
    root.put("openapi", "3.0.3");
    downgrade(root);
    return Api.JSON.writeValueAsString(root);
  }

  private static void downgrade(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.get("type") instanceof ArrayNode types) {
        List<String> named = new java.util.ArrayList<>();
        types.forEach(t -> named.add(t.asString()));
        if (named.remove("null")) {
          object.put("nullable", true);
        }
        if (named.size() == 1) {
          object.put("type", named.get(0));
        } else {
          object.remove("type");
        }
      }
      if (object.has("const")) {
        object.putArray("enum").add(object.remove("const"));
      }
      if (object.get("examples") instanceof ArrayNode) {
        object.remove("examples");
      }
      object.values().forEach(Contract::downgrade);
    } else if (node instanceof ArrayNode array) {
      array.forEach(Contract::downgrade);
    }
  }

  /** The served document, as a client would fetch it. */
  public static String document(String base) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET /v3/api-docs answered " + r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
