package dev.horae.api;

import dev.horae.shared.TextLimits;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Idempotent creates. The key comes from the {@code Idempotency-Key} header or the body's {@code
 * idempotencyKey}. The first request stores its answer in the same transaction as the create; a
 * repeat with the same body gets the stored answer, a repeat with another body is a 422. A
 * concurrent repeat waits on the key's row and then sees the stored answer, so nothing is created
 * twice. A create that fails rolls the key back with it, so the client may retry.
 */
@Component
public class Idempotency {
  public static final String HEADER = "Idempotency-Key";
  private static final int MAX_KEY_LENGTH = TextLimits.IDEMPOTENCY_KEY;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final JsonMapper mapper;
  private final Clock clock;

  Idempotency(JdbcClient jdbc, TransactionTemplate tx, JsonMapper mapper, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.mapper = mapper;
    this.clock = clock;
  }

  /**
   * Runs {@code create} once per (tenant, operation, key); without a key it simply runs it.
   *
   * @param headerKey the {@code Idempotency-Key} header, may be null
   * @param bodyKey the body's {@code idempotencyKey}, may be null
   */
  public <T> T once(
      TenantId tenant,
      String operation,
      String headerKey,
      String bodyKey,
      HttpServletRequest request,
      Class<T> responseType,
      Supplier<T> create) {
    Optional<String> key = key(headerKey, bodyKey);
    if (key.isEmpty()) {
      return tx.execute(s -> create.get());
    }
    String fingerprint = fingerprint(request);
    return tx.execute(
        s -> {
          int claimed =
              jdbc.sql(
                      "insert into idempotency_key (tenant_id, operation, key, request_hash, created_at)"
                          + " values (?, ?, ?, ?, ?) on conflict do nothing")
                  .params(tenant.value(), operation, key.get(), fingerprint, Timestamp.from(clock.instant()))
                  .update();
          if (claimed == 0) {
            return replay(tenant, operation, key.get(), fingerprint, responseType);
          }
          T response = create.get();
          jdbc.sql("update idempotency_key set response = ?::jsonb where tenant_id = ? and operation = ? and key = ?")
              .params(mapper.writeValueAsString(response), tenant.value(), operation, key.get())
              .update();
          return response;
        });
  }

  private <T> T replay(TenantId tenant, String operation, String key, String fingerprint, Class<T> type) {
    Map<String, Object> stored =
        jdbc.sql(
                "select request_hash, response::text as response from idempotency_key"
                    + " where tenant_id = ? and operation = ? and key = ?")
            .params(tenant.value(), operation, key)
            .query()
            .singleRow();
    if (!fingerprint.equals(stored.get("request_hash"))) {
      throw Rejection.unprocessable(
          "IDEMPOTENCY_KEY_REUSED",
          "Idempotency key '" + key + "' was already used with a different request body");
    }
    return mapper.readValue((String) stored.get("response"), type);
  }

  private static Optional<String> key(String headerKey, String bodyKey) {
    String header = blankToNull(headerKey);
    String body = blankToNull(bodyKey);
    if (header != null && body != null && !header.equals(body)) {
      throw Rejection.invalid("idempotencyKey", "differs from the Idempotency-Key header; send one or make them equal");
    }
    String key = header != null ? header : body;
    if (key != null && key.length() > MAX_KEY_LENGTH) {
      throw Rejection.invalid("idempotencyKey", "must be at most " + MAX_KEY_LENGTH + " characters long");
    }
    return Optional.ofNullable(key);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** SHA-256 of the body as canonical JSON (object keys sorted), so formatting does not matter. */
  private String fingerprint(HttpServletRequest request) {
    byte[] body = RequestBodyCaching.of(request);
    String canonical;
    try {
      canonical = mapper.writeValueAsString(canonical(mapper.readTree(body)));
    } catch (RuntimeException e) {
      canonical = new String(body, StandardCharsets.UTF_8);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> out.add(canonical(n)));
      return out;
    }
    return node;
  }
}
