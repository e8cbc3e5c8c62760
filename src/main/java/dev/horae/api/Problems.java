package dev.horae.api;

import dev.horae.shared.FieldViolation;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details with a stable {@code type} per code, and the Wix error shape
 * ({@code details.applicationError} / {@code details.validationError}) as an extension member so
 * that clients written for the vendor APIs keep working.
 */
public final class Problems {
  static final String TYPE_BASE = "https://horae.dev/problems/";

  private Problems() {}

  public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-')));
    problem.setProperty("code", code);
    problem.setProperty(
        "details", Map.of("applicationError", Map.of("code", code, "description", detail)));
    return problem;
  }

  public static ProblemDetail invalid(HttpStatusCode status, String detail, List<FieldViolation> fields) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + "invalid-argument"));
    problem.setTitle("Invalid request");
    problem.setProperty("code", "INVALID_ARGUMENT");
    List<Map<String, String>> violations =
        fields.stream().map(Problems::violation).toList();
    problem.setProperty("errors", violations);
    problem.setProperty("details", Map.of("validationError", Map.of("fieldViolations", violations)));
    return problem;
  }

  /** Adds the fields a non-validation problem is about, in the same shape as validation errors. */
  public static void withViolations(ProblemDetail problem, List<FieldViolation> fields) {
    List<Map<String, String>> violations = fields.stream().map(Problems::violation).toList();
    problem.setProperty("errors", violations);
    Map<String, Object> details = new LinkedHashMap<>();
    if (problem.getProperties() != null && problem.getProperties().get("details") instanceof Map<?, ?> existing) {
      existing.forEach((k, v) -> details.put(String.valueOf(k), v));
    }
    details.put("validationError", Map.of("fieldViolations", violations));
    problem.setProperty("details", details);
  }

  /** Writes a problem as the whole answer, for code that runs outside Spring MVC (filters, Tomcat). */
  public static void write(jakarta.servlet.http.HttpServletResponse response, ProblemDetail problem, tools.jackson.databind.json.JsonMapper json)
      throws java.io.IOException {
    response.resetBuffer();
    response.setStatus(problem.getStatus());
    response.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(body(problem)));
    response.flushBuffer();
  }

  /** A problem's members as JSON writes them: type, title, status, detail, then the extensions. */
  static Map<String, Object> body(ProblemDetail problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle() != null ? problem.getTitle()
        : org.springframework.http.HttpStatus.valueOf(problem.getStatus()).getReasonPhrase());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    if (problem.getProperties() != null) {
      body.putAll(problem.getProperties());
    }
    return body;
  }

  private static Map<String, String> violation(FieldViolation v) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("field", v.field());
    m.put("description", v.description());
    return m;
  }
}
