package dev.horae.shared.query;

import dev.horae.shared.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opaque paging cursors: the original query and the last key seen, as base64url JSON. A cursor
 * holds no tenant; the API key decides that on every page, so a forged cursor reads nothing extra.
 */
@Component
public class Cursors {
  private final JsonMapper mapper;

  Cursors(JsonMapper mapper) {
    this.mapper = mapper;
  }

  public String encode(Object state) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mapper.writeValueAsBytes(state));
  }

  public <T> T decode(String cursor, Class<T> type, String field) {
    try {
      return mapper.readValue(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8), type);
    } catch (IllegalArgumentException | JacksonException e) {
      throw Rejection.invalid(field, "is not a cursor this API issued");
    }
  }
}
