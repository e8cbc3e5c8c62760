package dev.horae.tenant;

import dev.horae.shared.TenantId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request carries {@code Authorization: Bearer <api key>}; the key decides the tenant.
 * Health, the OpenAPI document, Swagger UI, Prometheus metrics and the web console's pages need no key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter extends OncePerRequestFilter {
  static final String TENANT_ATTRIBUTE = TenantId.class.getName();
  private static final List<String> OPEN_PREFIXES =
      List.of("/actuator/health", "/actuator/prometheus", "/v3/api-docs", "/swagger-ui", "/error",
          "/bookings/v2/external-calendars/oauth/callback", // the provider redirects the user's browser here: the signed state authenticates it
          "/bookings/v2/external-calendars/push/", // provider notifications: the channel token / clientState authenticates them
          "/console", "/webjars/"); // the web console: its pages are public, its API calls carry the key from the signed-in session

  private final Tenants tenants;

  ApiKeyFilter(Tenants tenants) {
    this.tenants = tenants;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/") || path.equals("/favicon.ico") || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> key = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
    Optional<TenantId> tenant = key.flatMap(tenants::findByApiKey);
    if (tenant.isEmpty()) {
      unauthorized(response, key.isEmpty() ? "An API key is required: Authorization: Bearer <key>" : "The API key is not valid");
      return;
    }
    request.setAttribute(TENANT_ATTRIBUTE, tenant.get());
    chain.doFilter(request, response);
  }

  private static Optional<String> bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String key = header.substring(7).trim();
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }

  private static void unauthorized(HttpServletResponse response, String detail) throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"horae\"");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    String body =
        "{\"type\":\"https://horae.dev/problems/unauthenticated\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\""
            + detail
            + "\",\"code\":\"UNAUTHENTICATED\",\"details\":{\"applicationError\":{\"code\":\"UNAUTHENTICATED\","
            + "\"description\":\""
            + detail
            + "\"}}}";
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }
}
