package dev.horae.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A bounded, seeded run of hostile input over the admin and key endpoints: every answer is below
 * 500, every refusal is a problem, and a refused change leaves nothing behind.
 */
class AccessFuzzIT extends ApiTest {
  private static final long SEED = 20261201L;
  private static final int ROUNDS = 600;
  private static final Object[] HOSTILE = {null, "", " ", "a\u0000b", "\u0000", "x".repeat(100_000), "💥".repeat(300), -1, 0,
      Long.MAX_VALUE, Long.MIN_VALUE, 1.5e308, true, List.of(), java.util.Arrays.asList((Object) null), Map.of(), "+999999999-12-31T23:59:59Z",
      "-999999999-01-01T00:00:00Z", "2020-01-01T00:00:00Z", "2099-01-01T00:00:00Z", "calendar:read", "keys:write", "*", "../../etc",
      "%00", "<x/>", "' or 1=1 --", "\r\nX-Injected: 1"};
  private static final String[] TENANT_FIELDS = {"name", "externalId", "limits", "revision", "status"};
  private static final String[] LIMIT_FIELDS = {"keyRequestsPerMinute", "tenantRequestsPerMinute"};
  private static final String[] KEY_FIELDS = {"name", "scopes", "expiresDate"};

  private final Random random = new Random(SEED);

  private Object hostile() {
    Object v = HOSTILE[random.nextInt(HOSTILE.length)];
    return random.nextInt(10) == 0 ? List.of(v == null ? "null" : v, "calendar:read") : v;
  }

  private Map<String, Object> object(String[] fields) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String f : fields) {
      if (random.nextBoolean()) {
        m.put(f, f.equals("limits") && random.nextBoolean() ? object(LIMIT_FIELDS) : hostile());
      }
    }
    return m;
  }

  private Object body(String wrapper, String[] fields) {
    return switch (random.nextInt(8)) {
      case 0 -> "{";
      case 1 -> "[]";
      case 2 -> "null";
      case 3 -> Map.of(wrapper, hostile() == null ? "x" : List.of(1));
      default -> {
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put(wrapper, object(fields));
        yield outer;
      }
    };
  }

  private String id() {
    return switch (random.nextInt(5)) {
      case 0 -> "00000000-0000-0000-0000-000000000000";
      case 1 -> "not-a-uuid";
      case 2 -> "%E2%9C%93"; // %00 and %2F are refused by Tomcat itself with its HTML page before any endpoint: issue #16
      case 3 -> "x".repeat(300);
      default -> tenant.id().toString();
    };
  }

  /** A hostile value as a query parameter: percent-encoded, at most 1,000 characters (Tomcat's own limits are #16's). */
  private static String q(Object v) {
    String s = String.valueOf(v);
    return java.net.URLEncoder.encode(s.substring(0, Math.min(1000, s.length())), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A hostile value as an Authorization header can carry it: visible ASCII, at most 200 characters. */
  private static String headerValue(Object v) {
    String s = String.valueOf(v).replaceAll("[^\\x21-\\x7e]", "");
    return s.isEmpty() ? "x" : s.substring(0, Math.min(200, s.length()));
  }

  @Test
  void hostile_input_to_the_admin_and_key_endpoints_never_answers_5xx_and_every_refusal_is_a_problem() {
    Api admin = api.withKey(ADMIN_KEY);
    long tenantsBefore = admin.get("/admin/v1/tenants?limit=100").at("/tenants").size();
    List<String> failures = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < ROUNDS; i++) {
      String keyId = random.nextBoolean() ? id() : "00000000-0000-0000-0000-000000000001";
      Response r = switch (random.nextInt(12)) {
        case 0 -> admin.send("POST", "/admin/v1/tenants", body("tenant", TENANT_FIELDS), "application/json");
        case 1 -> admin.send("PATCH", "/admin/v1/tenants/" + id(), body("tenant", TENANT_FIELDS), "application/json");
        case 2 -> admin.get("/admin/v1/tenants?limit=" + q(hostile()) + "&cursor=" + q(hostile()));
        case 3 -> admin.get("/admin/v1/tenants/" + id() + "/audit?after=" + q(hostile()) + "&limit=" + q(hostile()));
        case 4 -> admin.send("POST", "/admin/v1/tenants/" + id() + "/api-keys", body("apiKey", KEY_FIELDS), "application/json");
        case 5 -> admin.send("POST", "/admin/v1/tenants/" + id() + "/api-keys/" + keyId + "/rotate",
            Map.of("overlapSeconds", String.valueOf(hostile())), "application/json");
        case 6 -> admin.delete("/admin/v1/tenants/" + id() + "/api-keys/" + keyId);
        case 7 -> api.send("POST", "/v1/api-keys", body("apiKey", KEY_FIELDS), "application/json");
        case 8 -> api.get("/v1/api-keys?limit=" + q(hostile()) + "&cursor=" + q(hostile()));
        case 9 -> api.send("POST", "/v1/api-keys/" + keyId + "/rotate", body("overlapSeconds", KEY_FIELDS), "application/json");
        case 10 -> api.withKey(headerValue(hostile())).get("/v1/api-keys/current");
        default -> api.get("/v1/api-keys/" + keyId);
      };
      if (r.status() >= 500) {
        failures.add(r.toString().substring(0, Math.min(300, r.toString().length())));
      } else if (r.status() >= 400) {
        refused++;
        if (!r.contentType().startsWith("application/problem+json")) {
          failures.add("not a problem: " + r.status() + " " + r.contentType());
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(refused).as("the run must reach the checks, not only the happy path").isGreaterThan(ROUNDS / 2);
    // the hostile creates that got through made ordinary tenants; none of them is half-written
    admin.get("/admin/v1/tenants?limit=100").at("/tenants").forEach(t -> assertThat(t.get("name").stringValue()).isNotBlank());
    assertThat(admin.get("/admin/v1/tenants?limit=100").at("/tenants").size()).isGreaterThanOrEqualTo((int) tenantsBefore);
  }
}
