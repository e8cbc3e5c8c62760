package dev.horae.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/** Keeps the bytes of POST bodies so an idempotent create can fingerprint exactly what was sent. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestBodyCaching extends OncePerRequestFilter {
  static final int LIMIT = 1024 * 1024;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new ContentCachingRequestWrapper(request, LIMIT), response);
  }
}
