package dev.horae.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import dev.horae.shared.Rejection;
import dev.horae.storage.SecretBox;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in, sign-out and the forwarding of the console's API calls.
 *
 * <p>The key lives only in the session, which Spring Session keeps in PostgreSQL (any node serves
 * any request, and signing out on one node ends the session on all of them), sealed by {@link
 * SecretBox} and bound to the session's id (the cookie is HttpOnly and SameSite=Strict). Every call here must carry {@code X-Horae-Console: 1}: a page of
 * another site can neither send that header without a CORS preflight (never granted) nor read the
 * answer, so session riding is refused even where a browser ignores SameSite.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden // the console's own page and its forwarding path are not an API
class ConsoleController {
  static final String KEY_ATTRIBUTE = "horae.console.apiKey";
  static final String CSRF_HEADER = "X-Horae-Console";
  private static final String API = "/console/api";

  private final ConsoleApi api;
  private final SecretBox secrets;

  ConsoleController(ConsoleApi api, SecretBox secrets) {
    this.api = api;
    this.secrets = secrets;
  }

  @GetMapping("/")
  ResponseEntity<Void> root() {
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/console/")).build();
  }

  @GetMapping("/console")
  ResponseEntity<Void> console() {
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/console/")).build();
  }

  /** The console's single page (its sections are fragments: {@code /console/#calendar}). */
  @GetMapping("/console/")
  org.springframework.web.servlet.ModelAndView page() {
    return new org.springframework.web.servlet.ModelAndView("forward:/console/index.html");
  }

  record SignIn(String apiKey) {
    @Override
    public String toString() {
      return "SignIn[apiKey=***]";
    }
  }

  @PostMapping(path = "/console/session", consumes = "application/json")
  ResponseEntity<?> signIn(HttpServletRequest request, @RequestBody(required = false) SignIn body)
      throws IOException, InterruptedException {
    requireConsole(request);
    String key = body == null || body.apiKey() == null ? "" : body.apiKey().trim();
    if (key.isEmpty()) {
      throw Rejection.invalid("apiKey", "is required");
    }
    if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) { // never a header value with line breaks or controls
      throw Rejection.unauthenticated("apiKey", "is not a valid API key");
    }
    ConsoleApi.Answer check = api.call(request.getLocalPort(), request.getContextPath(), "GET", "/v1/api-keys/current", key,
        request.getRemoteAddr(), name -> null, null);
    if (check.status() == 401) {
      throw Rejection.unauthenticated("apiKey", "is not a valid API key");
    }
    if (check.status() == 403 || check.status() == 429) { // a suspended tenant, too many failed sign-ins: the API's own problem
      return ResponseEntity.status(check.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(check.body());
    }
    if (check.status() != 200) {
      return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "The API answered " + check.status() + " to the key check"));
    }
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate();
    }
    HttpSession session = request.getSession(true); // a new session id on every sign-in (no fixation)
    session.setAttribute(KEY_ATTRIBUTE, secrets.seal(key, binding(session)));
    return ResponseEntity.ok(Map.of("signedIn", true));
  }

  @GetMapping("/console/session")
  Map<String, Object> session(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return Map.of("signedIn", key(session) != null);
  }

  @DeleteMapping("/console/session")
  ResponseEntity<?> signOut(HttpServletRequest request) {
    requireConsole(request);
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return ResponseEntity.noContent().build();
  }

  @RequestMapping(path = API + "/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
      RequestMethod.DELETE})
  ResponseEntity<?> forward(HttpServletRequest request) throws IOException, InterruptedException {
    requireConsole(request);
    String key = key(request.getSession(false));
    if (key == null) {
      throw Rejection.unauthenticated(null, "Sign in to the console first");
    }
    String path = request.getRequestURI().substring(request.getContextPath().length() + API.length());
    if (!ConsoleApi.reachable(path)) {
      throw Rejection.notFound("Path", path); // not one the console forwards
    }
    String query = request.getQueryString();
    byte[] body = request.getInputStream().readAllBytes();
    ConsoleApi.Answer answer = api.call(request.getLocalPort(), request.getContextPath(), request.getMethod(),
        query == null ? path : path + "?" + query, key, request.getRemoteAddr(), request::getHeader, body);
    ResponseEntity.BodyBuilder out = ResponseEntity.status(answer.status());
    if (answer.contentType() != null) {
      out.header(HttpHeaders.CONTENT_TYPE, answer.contentType());
    }
    if (answer.serverTiming() != null) {
      out.header("Server-Timing", answer.serverTiming());
    }
    return out.body(answer.body());
  }

  /** The session's API key, or null when signed out (or sealed with a key no longer configured). */
  private String key(HttpSession session) {
    Object sealed = session == null ? null : session.getAttribute(KEY_ATTRIBUTE);
    if (!(sealed instanceof String stored)) {
      return null;
    }
    try {
      return secrets.open(stored, binding(session));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String binding(HttpSession session) {
    return "console-session:" + session.getId();
  }

  private static void requireConsole(HttpServletRequest request) {
    if (!"1".equals(request.getHeader(CSRF_HEADER))) {
      throw Rejection.forbidden("CONSOLE_HEADER_REQUIRED", "Console calls must carry the header " + CSRF_HEADER + ": 1");
    }
  }
}
