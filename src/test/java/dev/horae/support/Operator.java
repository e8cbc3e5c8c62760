package dev.horae.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

/** The operator's side of the tests: the admin API with the operator key, and new tenants made through it. */
public final class Operator {
  private final Api admin;

  public Operator(Api any) {
    this.admin = any.withKey(ApiTest.ADMIN_KEY);
  }

  /** The admin API client. */
  public Api api() {
    return admin;
  }

  /** A tenant made through the admin API, and the secret of its first key. */
  public record Tenant(String id, String key) {}

  public Tenant tenant(String name) {
    return tenant(name, null);
  }

  /** A tenant whose keys may make {@code keyPerMinute} requests a minute (null: the default). */
  public Tenant tenant(String name, Integer keyPerMinute) {
    Map<String, Object> fields = new LinkedHashMap<>(Map.of("name", name));
    if (keyPerMinute != null) {
      fields.put("limits", Map.of("keyRequestsPerMinute", keyPerMinute));
    }
    Api.Response r = admin.post("/admin/v1/tenants", Map.of("tenant", fields));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return new Tenant(r.at("/tenant/id").stringValue(), r.at("/apiKey/secret").stringValue());
  }
}
