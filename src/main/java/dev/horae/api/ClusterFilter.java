package dev.horae.api;

import dev.horae.storage.ClusterProperties;
import dev.horae.storage.DatabaseOutage;
import dev.horae.storage.NodeIdentity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outermost filter (before sessions and authentication): names the node that answered ({@code
 * X-Horae-Node}, for operators and the cluster tests), and turns a database outage met by any filter
 * below it (a key lookup, a console session) into a 503 problem with {@code Retry-After} instead of
 * a 500. Outages met in controllers become the same 503 in {@link ProblemAdvice}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClusterFilter extends OncePerRequestFilter {
  static final String NODE_HEADER = "X-Horae-Node";
  private static final Logger log = LoggerFactory.getLogger(ClusterFilter.class);

  private final NodeIdentity node;
  private final long retryAfterSeconds;
  private final JsonMapper json;

  ClusterFilter(NodeIdentity node, ClusterProperties cluster, JsonMapper json) {
    this.node = node;
    this.retryAfterSeconds = cluster.outageRetryAfter().toSeconds();
    this.json = json;
  }

  /** The problem answered while PostgreSQL is unreachable. */
  static ProblemDetail outage() {
    return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "DATABASE_UNAVAILABLE",
        "The database is unreachable for the moment; nothing was changed. Send the request again after Retry-After seconds");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader(NODE_HEADER, node.id());
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!DatabaseOutage.causedBy(e) || response.isCommitted()) {
        throw e;
      }
      log.warn("PostgreSQL is unreachable; answering 503 to {} {} ({})", request.getMethod(), request.getRequestURI(), e.toString());
      response.resetBuffer();
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
      Problems.write(response, outage(), json);
    }
  }
}
