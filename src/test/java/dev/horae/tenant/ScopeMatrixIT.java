package dev.horae.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the OpenAPI document, called with keys of each scope: the document names the
 * scope of every tenant operation, a key without it is refused with 403 naming it, and a key with
 * exactly that scope gets past the check.
 */
class ScopeMatrixIT extends ApiTest {
  private static final String ZERO = "00000000-0000-0000-0000-000000000000";
  /** Operations any valid key (or none) may call: the key's own description, and provider callbacks authenticated otherwise. */
  private static final Set<String> UNSCOPED = Set.of("GET /v1/api-keys/current");

  private final Map<Scope, Api> keys = new EnumMap<>(Scope.class);

  private Api key(Scope scope) {
    return keys.computeIfAbsent(scope, s -> {
      Response made = api.post("/v1/api-keys", Map.of("apiKey", Map.of("name", "only " + s.value(), "scopes", List.of(s.value()))));
      assertThat(made.status()).as(made.toString()).isEqualTo(201);
      return api.withKey(made.at("/apiKey/secret").stringValue());
    });
  }

  private record Operation(String method, String path, String scope) {
    String concretePath() {
      return path.replaceAll("\\{[^}]+}", ZERO);
    }
  }

  private List<Operation> operations() {
    JsonNode doc = api.withKey(null).get("/v3/api-docs").json();
    List<Operation> ops = new ArrayList<>();
    doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      JsonNode scope = op.getValue().get("x-horae-scope");
      ops.add(new Operation(op.getKey().toUpperCase(), path.getKey(), scope == null ? null : scope.stringValue()));
    }));
    return ops;
  }

  private static Scope other(Scope scope) {
    return scope == Scope.KEYS_READ || scope == Scope.KEYS_WRITE ? Scope.WEBHOOKS_WRITE : Scope.KEYS_WRITE;
  }

  private static Response call(Api as, Operation op) {
    return as.send(op.method(), op.concretePath(), op.method().equals("GET") || op.method().equals("DELETE") ? null : "{}",
        op.method().equals("GET") || op.method().equals("DELETE") ? null : "application/json");
  }

  @Test
  void the_document_names_the_scope_of_every_tenant_operation() {
    List<String> unnamed = operations().stream()
        .filter(op -> op.scope() == null && !op.path().startsWith("/admin/v1/") && !op.path().startsWith("/console") && !op.path().equals("/")
            && !op.path().startsWith("/bookings/v2/external-calendars/oauth/") && !op.path().startsWith("/bookings/v2/external-calendars/push/")
            && !op.path().startsWith("/inbound/v1/") // inbound mail: the tenant's inbound token authenticates it
            && !op.path().startsWith("/feeds/v1/") // ICS feeds: the feed's secret token in the URL authenticates it
            && !UNSCOPED.contains(op.method() + " " + op.path()))
        .map(op -> op.method() + " " + op.path()).toList();
    assertThat(unnamed).isEmpty();
    assertThat(operations().stream().filter(op -> op.scope() != null).count()).isGreaterThan(60);
  }

  @Test
  void a_key_without_the_operations_scope_is_refused_with_403_naming_it_and_one_with_it_passes() {
    int checked = 0;
    for (Operation op : operations()) {
      if (op.scope() == null) {
        continue;
      }
      Scope needed = Scope.parse(op.scope()).orElseThrow();
      Response refused = call(key(other(needed)), op);
      assertThat(refused.status()).as(op + " " + refused).isEqualTo(403);
      assertThat(refused.text()).as(op.toString()).contains("\"code\":\"INSUFFICIENT_SCOPE\"");
      assertThat(refused.at("/detail").stringValue()).as(op.toString()).contains(needed.value());
      if (needed.isWrite()) {
        Response readOnly = call(key(Scope.values()[needed.ordinal() - 1]), op);
        assertThat(readOnly.status()).as("read scope on a write: " + op + " " + readOnly).isEqualTo(403);
      }
      Response allowed = call(key(needed), op);
      assertThat(allowed.at("/code").isMissingNode() ? "" : allowed.at("/code").stringValue()).as(op + " " + allowed)
          .isNotEqualTo("INSUFFICIENT_SCOPE");
      assertThat(allowed.status()).as(op + " " + allowed).isLessThan(500);
      checked++;
    }
    assertThat(checked).isGreaterThan(60);
  }
}
