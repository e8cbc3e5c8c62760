package dev.horae.tenant;

import dev.horae.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call, how often and what: every API request carries {@code Authorization: Bearer <key>}.
 * A tenant key decides the tenant ({@code /admin/v1} takes only the operator's key), is counted
 * against its rate limits (429 with {@code Retry-After} when over; the {@code RateLimit-Policy} and
 * {@code RateLimit} headers on every answer) and must hold the scope of the call (403 naming it).
 * Failed authentications are counted per client address. Health, metrics, the OpenAPI document and
 * the console's pages need no key and are not limited. A key limited to schedules (an app password)
 * works on the CalDAV server only, and on {@code GET /v1/api-keys/current}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AccessFilter extends OncePerRequestFilter {
  static final String CALLER_ATTRIBUTE = Caller.class.getName();
  static final String ADMIN_PREFIX = "/admin/v1/";
  /** CalDAV: calendar apps send HTTP Basic, so there the key is the password (an app password). */
  static final String DAV_PREFIX = "/dav/";
  /** Any key may describe itself, a key limited to schedules too. */
  static final String CURRENT_KEY = "/v1/api-keys/current";
  private static final List<String> OPEN_PREFIXES =
      List.of("/actuator/health", "/actuator/prometheus", "/v3/api-docs", "/swagger-ui", "/error",
          "/bookings/v2/external-calendars/oauth/callback", // the provider redirects the user's browser here: the signed state authenticates it
          "/bookings/v2/external-calendars/push/", // provider notifications: the channel token / clientState authenticates them
          "/feeds/v1/", // ICS feeds: the secret token in the URL authenticates them (calendar apps cannot send a key)
          "/.well-known/caldav", // CalDAV discovery (RFC 6764): only a redirect to /dav/
          "/inbound/v1/", // mail delivered by an MTA or a mail-to-webhook service: the tenant's inbound token authenticates it
          "/console", "/webjars/"); // the web console: its pages are public, its API calls carry the key from the signed-in session

  private final Authenticating authenticating;
  private final RateLimits limits;
  private final JsonMapper json;

  AccessFilter(Authenticating authenticating, RateLimits limits, JsonMapper json) {
    this.authenticating = authenticating;
    this.limits = limits;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return open(path(request));
  }

  /** Paths that need no key: health, metrics, the document, the console's pages, provider callbacks (authenticated otherwise). */
  static boolean open(String path) {
    return path.equals("/") || path.equals("/favicon.ico") || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = path(request);
    boolean dav = path.equals("/dav") || path.startsWith(DAV_PREFIX);
    Optional<String> key = dav ? basicOrBearer(request.getHeader(HttpHeaders.AUTHORIZATION)) : bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (path.startsWith(ADMIN_PREFIX) || path.equals(ADMIN_PREFIX.substring(0, ADMIN_PREFIX.length() - 1))) {
      if (key.isPresent() && authenticating.operatorKey(key.get())) {
        chain.doFilter(request, response);
      } else {
        unauthenticated(request, response, "UNAUTHENTICATED",
            key.isEmpty() ? "The admin API needs the operator's key: Authorization: Bearer <HORAE_ADMIN_API_KEY>" : "The operator key is not valid");
      }
      return;
    }
    if (key.isEmpty()) {
      unauthenticated(request, response, "UNAUTHENTICATED", dav
          ? "An API key is required: HTTP Basic with the key as the password (any user name)"
          : "An API key is required: Authorization: Bearer <key>");
      return;
    }
    Authenticating.Outcome outcome = authenticating.tenantKey(key.get());
    if (outcome instanceof Authenticating.Refused refused) {
      if (refused.forbidden()) {
        problem(response, HttpStatus.FORBIDDEN, refused.code(), refused.detail());
      } else {
        unauthenticated(request, response, refused.code(), refused.detail());
      }
      return;
    }
    Authenticating.Accepted accepted = (Authenticating.Accepted) outcome;
    RateLimits.Decision decision = limits.authenticated(accepted.key(), accepted.limits(), accepted.tenantRevision());
    headers(response, decision);
    if (!decision.allowed()) {
      tooMany(response, decision, "Too many requests for this API key or its tenant");
      return;
    }
    if (accepted.key().reach() instanceof Reach.Schedules && !dav && !path.equals(CURRENT_KEY)) {
      problem(response, HttpStatus.FORBIDDEN, "KEY_LIMITED_TO_SCHEDULES", "This API key is limited to some schedules: it is an app"
          + " password for the CalDAV server (" + DAV_PREFIX + ") and works only there; use a key made without scheduleIds for " + path);
      return;
    }
    Optional<Scope> needed = RequiredScope.of(request.getMethod(), path);
    if (needed.isPresent() && !needed.get().grantedBy(accepted.key().effectiveScopes())) {
      problem(response, HttpStatus.FORBIDDEN, "INSUFFICIENT_SCOPE", "This API key lacks the scope " + needed.get().value()
          + " that " + request.getMethod() + " " + path + " needs");
      return;
    }
    request.setAttribute(CALLER_ATTRIBUTE,
        new Caller(accepted.key().tenant(), accepted.key().id(), accepted.key().effectiveScopes(), accepted.key().reach(),
            request.getRemoteAddr()));
    chain.doFilter(request, response);
  }

  private void unauthenticated(HttpServletRequest request, HttpServletResponse response, String code, String detail) throws IOException {
    RateLimits.Decision decision = limits.anonymous(request.getRemoteAddr());
    headers(response, decision);
    if (!decision.allowed()) {
      tooMany(response, decision, "Too many failed authentications from " + request.getRemoteAddr());
      return;
    }
    String path = path(request);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, path.equals("/dav") || path.startsWith(DAV_PREFIX)
        ? "Basic realm=\"horae\", charset=\"UTF-8\"" : "Bearer realm=\"horae\"");
    problem(response, HttpStatus.UNAUTHORIZED, code, detail);
  }

  private void tooMany(HttpServletResponse response, RateLimits.Decision decision, String detail) throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
    problem(response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", detail + "; retry after " + decision.retryAfterSeconds() + " s");
  }

  private static void headers(HttpServletResponse response, RateLimits.Decision decision) {
    if (!decision.standings().isEmpty()) {
      response.setHeader("RateLimit-Policy", decision.policyHeader());
      response.setHeader("RateLimit", decision.limitHeader());
    }
  }

  private void problem(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
    ProblemDetail problem = Problems.of(status, code, detail);
    java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.putAll(problem.getProperties());
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(body));
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  /** HTTP Basic's password (RFC 7617; the user name is not looked at), or a Bearer key. */
  private static Optional<String> basicOrBearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return bearer(header);
    }
    String decoded;
    try {
      decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    String password = colon < 0 ? "" : decoded.substring(colon + 1).trim();
    return password.isEmpty() ? Optional.empty() : Optional.of(password);
  }

  private static Optional<String> bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String key = header.substring(7).trim();
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }
}
