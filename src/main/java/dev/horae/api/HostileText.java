package dev.horae.api;

import dev.horae.shared.TextLimits;
import dev.horae.shared.FieldViolation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Text PostgreSQL cannot store, refused at the door with a 400 naming where it was: U+0000 in a
 * query parameter, and U+0000 or a lone surrogate (an unpaired {@code \\uD800}–{@code \\uDFFF}
 * escape) in any JSON string or member name of a body. Raw NUL bytes and invalid UTF-8 are already
 * malformed JSON. The body is only parsed here when its bytes hold such an escape.
 *
 * <p>It also holds every parameter to the length the OpenAPI document states for it
 * ({@link TextLimits#PARAMETER}): a query parameter's name or value, a path segment, and the
 * {@code X-Goog-*} headers of Google's push. Body members have limits of their own ({@code @Size}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 21)
class HostileText extends OncePerRequestFilter {
  private final JsonMapper json;

  HostileText(JsonMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String[]> parameter = badParameter(request.getQueryString());
    if (parameter.isPresent()) {
      refuse(response, parameter.get()[0], parameter.get()[1]);
      return;
    }
    Optional<String> tooLong = pathOrHeaderTooLong(request);
    if (tooLong.isPresent()) {
      refuse(response, tooLong.get(), TOO_LONG);
      return;
    }
    byte[] body = RequestBodyCaching.of(request);
    if (suspicious(body)) {
      Optional<String[]> field = badString(body);
      if (field.isPresent()) {
        refuse(response, field.get()[0], field.get()[1]);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletResponse response, String field, String description) throws IOException {
    Problems.write(response, Problems.invalid(HttpStatus.BAD_REQUEST, field + ": " + description,
        List.of(new FieldViolation(field, description))), json);
  }

  private static final String NUL = "must not contain the character U+0000";
  private static final String NOT_UTF8 = "must be percent-encoded UTF-8";
  private static final String TOO_LONG = "must be at most " + TextLimits.PARAMETER + " characters";

  /**
   * The first query parameter that holds U+0000, else the first that is not percent-encoded UTF-8
   * ({@code %C0%AF}, {@code %FF}, {@code %Z1}: the servlet container would otherwise fail on it deep
   * in the call), else the first longer than {@link TextLimits#PARAMETER}: its name and the problem.
   * One pass over the query, and none at all for a short one without escapes.
   */
  static Optional<String[]> badParameter(String query) {
    if (query == null || query.indexOf('%') < 0 && query.indexOf('\0') < 0 && query.length() <= TextLimits.PARAMETER) {
      return Optional.empty();
    }
    String[] notUtf8 = null;
    String[] tooLong = null;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
      String name = decode(rawName);
      String value = decode(rawValue);
      if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
        return Optional.of(new String[] {name.replace("\0", "\\u0000"), NUL}); // nothing outranks it
      }
      if (notUtf8 == null && (!utf8(rawName) || !utf8(rawValue))) {
        notUtf8 = new String[] {utf8(rawName) ? name : "query", NOT_UTF8};
      }
      if (tooLong == null && (name.length() > TextLimits.PARAMETER || value.length() > TextLimits.PARAMETER)) {
        tooLong = new String[] {name.length() > TextLimits.PARAMETER ? name.substring(0, 40) + "…" : name, TOO_LONG};
      }
    }
    return Optional.ofNullable(notUtf8 != null ? notUtf8 : tooLong);
  }

  private static boolean utf8(String encoded) {
    if (encoded.indexOf('%') < 0) {
      return true;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length() || Character.digit(encoded.charAt(i + 1), 16) < 0 || Character.digit(encoded.charAt(i + 2), 16) < 0) {
          return false;
        }
        bytes.write(Character.digit(encoded.charAt(i + 1), 16) * 16 + Character.digit(encoded.charAt(i + 2), 16));
        i += 2;
      } else if (c > 0x7f) {
        return true; // not percent-encoded at all: the container has already decoded it as characters
      } else {
        bytes.write(c);
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  /** The first path segment ({@code path}) or Google push header longer than the parameter limit. */
  static Optional<String> pathOrHeaderTooLong(HttpServletRequest request) {
    String uri = request.getRequestURI();
    if (uri != null && uri.length() > TextLimits.PARAMETER) {
      for (String segment : uri.split("/")) {
        if (decode(segment).length() > TextLimits.PARAMETER) {
          return Optional.of("path");
        }
      }
    }
    for (String header : GOOGLE_HEADERS) {
      String value = request.getHeader(header);
      if (value != null && value.length() > TextLimits.PARAMETER) {
        return Optional.of(header);
      }
    }
    return Optional.empty();
  }

  private static final List<String> GOOGLE_HEADERS =
      List.of("X-Goog-Channel-ID", "X-Goog-Channel-Token", "X-Goog-Resource-ID", "X-Goog-Resource-State");

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Whether the bytes hold a {@code \\u0000} or {@code \\uD8xx}–{@code \\uDFxx} escape (either case). */
  static boolean suspicious(byte[] body) {
    for (int i = 0; i + 5 < body.length; i++) {
      if (body[i] == '\\' && (body[i + 1] == 'u' || body[i + 1] == 'U')) {
        int a = Character.toLowerCase(body[i + 2]);
        int b = Character.toLowerCase(body[i + 3]);
        if (a == '0' && b == '0' && body[i + 4] == '0' && body[i + 5] == '0') {
          return true;
        }
        if (a == 'd' && b >= '8' && b <= 'f') {
          return true;
        }
      }
    }
    return false;
  }

  /** The path and problem of the first string or member name holding U+0000 or a lone surrogate; empty when none does. */
  Optional<String[]> badString(byte[] body) {
    try (JsonParser p = json.createParser(body)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.PROPERTY_NAME) {
          String problem = problem(t == JsonToken.PROPERTY_NAME ? p.currentName() : p.getString());
          if (problem != null) {
            return Optional.of(new String[] {field(p.streamReadContext().pathAsPointer().toString()), problem});
          }
        }
      }
    } catch (JacksonException malformed) {
      return Optional.empty(); // the JSON reader names what is wrong with it
    }
    return Optional.empty();
  }

  private static String problem(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\0') {
        return "must not contain the character U+0000";
      }
      if (Character.isHighSurrogate(c) && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))
          || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
        return "must not contain a lone surrogate (U+" + String.format("%04X", (int) c) + ")";
      }
    }
    return null;
  }

  /** A JSON pointer as the API names fields: {@code /schedule/name} → {@code schedule.name}, {@code /resources/0} → {@code resources[0]}. */
  static String field(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String name = part.replace("~1", "/").replace("~0", "~").replace("\0", "\\u0000");
      if (name.chars().allMatch(Character::isDigit)) {
        out.append('[').append(name).append(']');
      } else {
        out.append(out.isEmpty() ? "" : ".").append(name);
      }
    }
    return out.isEmpty() ? "body" : out.toString();
  }
}
