package dev.horae.storage;

import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes {@code jsonb} columns with the application's JSON mapper. */
@Component
public class JsonColumns {
  private final JsonMapper mapper;

  JsonColumns(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** JSON text for a jsonb parameter (bind it as {@code ?::jsonb}), or null for null. */
  public String write(Object value) {
    return value == null ? null : mapper.writeValueAsString(value);
  }

  public <T> T read(String json, Class<T> type) {
    return json == null ? null : mapper.readValue(json, type);
  }

  public <T> T read(String json, TypeReference<T> type) {
    return json == null ? null : mapper.readValue(json, type);
  }
}
