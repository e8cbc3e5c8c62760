package dev.horae.api;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorsAndOperationsIT extends ApiTest {

  private static void problem(Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.at("/type").stringValue()).startsWith("https://horae.dev/problems/");
    assertThat(r.at("/status").intValue()).isEqualTo(status);
    assertThat(r.at("/detail").stringValue()).isNotBlank();
  }

  @Test
  void an_unknown_path_is_a_404_problem() {
    Response unknown = api.get("/calendar/v3/nothing-here");
    problem(unknown, 404);
    assertThat(unknown.at("/detail").stringValue()).isEqualTo("No endpoint GET /calendar/v3/nothing-here");
    problem(api.get("/calendar/v3/events/does-not-exist"), 404);
    problem(api.get("/calendar/v3/schedules/not-a-guid"), 404);
  }

  @Test
  void a_malformed_json_body_is_a_400_problem() {
    Response r = api.post("/calendar/v3/schedules", "{\"schedule\": {\"name\": ");
    problem(r, 400);
    assertThat(r.at("/code").stringValue()).isEqualTo("MALFORMED_JSON");
    problem(api.post("/calendar/v3/schedules", ""), 400);
  }

  @Test
  void a_wrong_content_type_is_a_415_problem() {
    problem(api.send("POST", "/calendar/v3/schedules", "name=x", "application/x-www-form-urlencoded"), 415);
    problem(api.send("POST", "/calendar/v3/schedules", "<schedule/>", "application/xml"), 415);
  }

  @Test
  void a_bad_enum_or_type_names_the_field() {
    Response r = api.post("/calendar/v3/participations", Map.of("participation", Map.of("status", "MAYBE")));
    problem(r, 400);
    assertThat(r.at("/errors/0/field").stringValue()).isEqualTo("participation.status");
    assertThat(r.at("/errors/0/description").stringValue()).contains("CONFIRMED");
    Response type = api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("defaultCapacity", "lots")));
    problem(type, 400);
    assertThat(type.at("/errors/0/field").stringValue()).isEqualTo("schedule.defaultCapacity");
    Response param = api.get("/calendar/v3/schedules/00000000-0000-0000-0000-000000000000?fields=EVERYTHING");
    problem(param, 400);
    assertThat(param.at("/errors/0/field").stringValue()).isEqualTo("fields");
    Response revision = api.patch("/calendar/v3/schedules/00000000-0000-0000-0000-000000000000",
        Map.of("schedule", Map.of("revision", "abc")));
    problem(revision, 400);
  }

  @Test
  void a_wrong_method_is_a_405_problem() {
    problem(api.send("PUT", "/calendar/v3/schedules/query", "{}", "application/json"), 405);
  }

  @Test
  void health_openapi_and_metrics_are_served_without_a_key() {
    Api anonymous = api.withKey(null);
    Response health = anonymous.get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.at("/status").stringValue()).isEqualTo("UP");
    Response docs = anonymous.get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.at("/openapi").stringValue()).startsWith("3.1");
    assertThat(docs.at("/paths").has("/calendar/v3/events/query")).isTrue();
    assertThat(docs.at("/components/securitySchemes/apiKey/scheme").stringValue()).isEqualTo("bearer");
    assertThat(docs.at("/components/schemas").has("TenantId")).as("the tenant is no parameter").isFalse();
    docs.json().get("paths").propertyNames().forEach(path ->
        assertThat(path).as("published paths").doesNotStartWith("/console").isNotEqualTo("/error").isNotEqualTo("/"));
    for (var create : Map.of("/calendar/v3/schedules", "schedule", "/calendar/v3/events", "event",
        "/calendar/v3/participations", "participation").entrySet()) {
      String ref = docs.json().get("paths").get(create.getKey()).at("/post/requestBody/content/application~1json/schema/$ref").stringValue();
      String schema = ref.substring(ref.lastIndexOf('/') + 1);
      assertThat(docs.json().get("components").get("schemas").get(schema).at("/properties").has(create.getValue()))
          .as(create.getKey() + " documents its own body").isTrue();
    }
    assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
    Response metrics = anonymous.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("http_server_requests");
  }

  @Test
  void every_operation_is_named_tagged_and_documents_its_problems() {
    tools.jackson.databind.JsonNode doc = api.withKey(null).get("/v3/api-docs").json();
    java.util.Set<String> ids = new java.util.HashSet<>();
    java.util.Set<String> described = new java.util.HashSet<>();
    doc.get("tags").forEach(t -> {
      assertThat(t.get("description").stringValue()).as("tag " + t.get("name")).isNotBlank();
      described.add(t.get("name").stringValue());
    });
    int operations = 0;
    for (var path : doc.get("paths").properties()) {
      for (var op : path.getValue().properties()) {
        operations++;
        String where = op.getKey().toUpperCase() + " " + path.getKey();
        String id = op.getValue().get("operationId").stringValue();
        assertThat(id).as(where).matches("[a-z][A-Za-z]+").doesNotContain("_");
        assertThat(ids.add(id)).as(where + " has a unique operationId " + id).isTrue();
        op.getValue().get("tags").forEach(t -> assertThat(described).as(where).contains(t.stringValue()));
        var responses = op.getValue().get("responses");
        assertThat(responses.has("400") && responses.has("500") && responses.has("503")).as(where + " documents its problems").isTrue();
        assertThat(responses.get("400").get("$ref").stringValue()).isEqualTo("#/components/responses/Problem400");
        if (path.getKey().contains("{")) {
          assertThat(responses.has("404")).as(where).isTrue();
        }
      }
    }
    assertThat(operations).isGreaterThan(80);
    assertThat(ids).contains("createEvent", "queryEvents", "createSchedule", "getAvailability", "createWebhook");
    var problem = doc.at("/components/schemas/Problem");
    assertThat(problem.at("/properties/details/properties").has("validationError")).isTrue();
    assertThat(problem.at("/properties/details/properties").has("applicationError")).isTrue();
    assertThat(doc.at("/components/responses/Problem400/content").has("application/problem+json")).isTrue();
  }

  @org.springframework.beans.factory.annotation.Autowired ExpiringIdempotencyKeys expiring;
  @org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.simple.JdbcClient jdbcForKeys;

  @org.junit.jupiter.api.Test
  void idempotency_keys_expire_after_a_day() {
    UUID tenantId = tenant.id().value();
    jdbcForKeys.sql("insert into idempotency_key (tenant_id, operation, key, request_hash, response, created_at) values (?, 'x', 'old', 'h', null, now() - interval '25 hours'),"
        + " (?, 'x', 'fresh', 'h', null, now() - interval '1 hour')").params(tenantId, tenantId).update();
    org.assertj.core.api.Assertions.assertThat(expiring.expire()).isGreaterThanOrEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(jdbcForKeys.sql("select key from idempotency_key where tenant_id = ? and operation = 'x'")
        .params(tenantId).query(String.class).list()).containsExactly("fresh");
  }
}
