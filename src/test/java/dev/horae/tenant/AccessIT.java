package dev.horae.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import dev.horae.support.Operator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The operator's admin API and a tenant's own keys, end to end over HTTP. */
class AccessIT extends ApiTest {
  @org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  private Api admin() {
    return new Operator(api).api();
  }

  /** A new tenant made through the admin API: its id and its first key's secret. */
  private String[] newTenant(String name) {
    Operator.Tenant t = new Operator(api).tenant(name);
    return new String[] {t.id(), t.key()};
  }

  private Response createKey(Api as, Map<String, Object> fields) {
    return as.post("/v1/api-keys", Map.of("apiKey", fields));
  }

  @Test
  void the_admin_api_takes_only_the_operator_key() {
    assertThat(api.withKey(null).get("/admin/v1/tenants").status()).isEqualTo(401);
    Response withTenantKey = api.get("/admin/v1/tenants");
    assertThat(withTenantKey.status()).isEqualTo(401);
    assertThat(withTenantKey.contentType()).startsWith("application/problem+json");
    assertThat(api.withKey("hka_wrong").get("/admin/v1/tenants/" + tenant.id()).status()).isEqualTo(401);
    // and the operator key is no tenant key
    assertThat(admin().post("/calendar/v3/schedules/query", Map.of()).status()).isEqualTo(401);
    assertThat(admin().get("/admin/v1/tenants").status()).isEqualTo(200);
  }

  @Test
  void a_tenant_is_created_with_a_first_key_shown_once_then_read_listed_and_updated() {
    Response created = admin().post("/admin/v1/tenants", Map.of("tenant", Map.of("name", "Salon Aurora", "externalId", "crm-" + System.nanoTime())));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.at("/tenant/id").stringValue();
    String secret = created.at("/apiKey/secret").stringValue();
    assertThat(created.at("/tenant/status").stringValue()).isEqualTo("ACTIVE");
    assertThat(secret).matches("hk_[0-9A-Za-z]{36}");
    assertThat(created.at("/apiKey/prefix").stringValue()).isEqualTo(secret.substring(0, 9) + "…");
    assertThat(created.at("/apiKey/allScopes").booleanValue()).isTrue();

    Api salon = api.withKey(secret);
    assertThat(new Fixtures(salon).schedule(Map.of("name", "Chair 1"))).isNotBlank();
    Response keys = admin().get("/admin/v1/tenants/" + id + "/api-keys");
    assertThat(keys.at("/apiKeys").size()).isEqualTo(1);
    assertThat(keys.text()).doesNotContain(secret).doesNotContain(secret.substring(9));

    Response got = admin().get("/admin/v1/tenants/" + id);
    assertThat(got.at("/tenant/name").stringValue()).isEqualTo("Salon Aurora");
    Response stale = admin().patch("/admin/v1/tenants/" + id, Map.of("tenant", Map.of("revision", 99, "name", "x")));
    assertThat(stale.status()).isEqualTo(409);
    Response updated = admin().patch("/admin/v1/tenants/" + id, Map.of("tenant", Map.of("revision", got.at("/tenant/revision").asLong(),
        "name", "Salon Aurora Mitte", "limits", Map.of("keyRequestsPerMinute", 100))));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.at("/tenant/name").stringValue()).isEqualTo("Salon Aurora Mitte");
    assertThat(updated.at("/tenant/limits/keyRequestsPerMinute").intValue()).isEqualTo(100);

    Response duplicate = admin().post("/admin/v1/tenants", Map.of("tenant", Map.of("name", "Other", "externalId",
        created.at("/tenant/externalId").stringValue())));
    assertThat(duplicate.status()).isEqualTo(409);
  }

  @Test
  void tenants_are_listed_with_cursor_paging_each_once() {
    for (int i = 0; i < 3; i++) {
      newTenant("Paged " + i);
    }
    Set<String> seen = new HashSet<>();
    List<String> order = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Response page = admin().get("/admin/v1/tenants?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      page.at("/tenants").forEach(t -> {
        assertThat(seen.add(t.get("id").stringValue())).isTrue();
        order.add(t.get("createdDate").stringValue());
      });
      cursor = page.at("/pagingMetadata/hasNext").booleanValue() ? page.at("/pagingMetadata/cursors/next").stringValue() : null;
      pages++;
    } while (cursor != null && pages < 1000);
    assertThat(seen).contains(tenant.id().toString());
    assertThat(seen.size()).isGreaterThanOrEqualTo(4);
    assertThat(order).isSorted();
    assertThat(admin().get("/admin/v1/tenants?limit=0").status()).isEqualTo(400);
    assertThat(admin().get("/admin/v1/tenants?cursor=not-a-cursor").status()).isEqualTo(400);
  }

  @Test
  void bad_admin_input_is_a_problem_naming_the_field() {
    Response noName = admin().post("/admin/v1/tenants", Map.of("tenant", Map.of("externalId", "x")));
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.at("/errors/0/field").stringValue()).isEqualTo("tenant.name");
    Response nul = admin().post("/admin/v1/tenants", Map.of("tenant", Map.of("name", "a\u0000b")));
    assertThat(nul.status()).isEqualTo(400);
    Response limit = admin().post("/admin/v1/tenants", Map.of("tenant", Map.of("name", "L", "limits", Map.of("tenantRequestsPerMinute", 0))));
    assertThat(limit.status()).isEqualTo(400);
    assertThat(limit.at("/errors/0/field").stringValue()).isEqualTo("tenant.limits.tenantRequestsPerMinute");
    assertThat(admin().get("/admin/v1/tenants/not-a-uuid").status()).isEqualTo(404);
    assertThat(admin().get("/admin/v1/tenants/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    assertThat(admin().post("/admin/v1/tenants", "{").status()).isEqualTo(400);
  }

  @Test
  void a_key_carries_a_prefix_and_checksum_so_a_typo_is_told_apart_from_an_unknown_key() {
    String secret = newTenant("Checksum")[1];
    char last = secret.charAt(secret.length() - 1);
    String typo = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');
    Response r = api.withKey(typo).get("/calendar/v3/events/view");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.at("/code").stringValue()).isEqualTo("API_KEY_MALFORMED");
    assertThat(api.withKey(secret).get("/calendar/v3/events/view").status()).isEqualTo(200);
  }

  @Test
  void a_tenant_manages_its_own_keys_and_a_revoked_key_is_refused_on_the_next_request() {
    Api owner = api.withKey(newTenant("Keys")[1]);
    Response made = createKey(owner, Map.of("name", "booking widget", "scopes", List.of("calendar:read", "appointments:write")));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    String id = made.at("/apiKey/id").stringValue();
    Api widget = api.withKey(made.at("/apiKey/secret").stringValue());
    assertThat(widget.get("/v1/api-keys/current").at("/apiKey/name").stringValue()).isEqualTo("booking widget");
    assertThat(widget.get("/calendar/v3/events/view").status()).isEqualTo(200);

    Response list = owner.get("/v1/api-keys");
    assertThat(list.at("/apiKeys").size()).isEqualTo(2);
    JsonNode listed = null;
    for (JsonNode k : list.at("/apiKeys")) {
      assertThat(k.has("secret")).isFalse();
      if (k.get("id").stringValue().equals(id)) {
        listed = k;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.get("scopes").toString()).isEqualTo("[\"calendar:read\",\"appointments:write\"]");
    assertThat(listed.get("lastUsedDate").stringValue()).isNotBlank();

    Response revoked = owner.delete("/v1/api-keys/" + id);
    assertThat(revoked.status()).isEqualTo(200);
    Response refused = widget.get("/calendar/v3/events/view");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.at("/code").stringValue()).isEqualTo("API_KEY_REVOKED");
    assertThat(owner.delete("/v1/api-keys/" + id).status()).as("revoking twice").isEqualTo(200);
    assertThat(owner.get("/v1/api-keys").at("/apiKeys").size()).isEqualTo(1);
  }

  @Test
  void a_key_deleted_behind_horaes_back_stops_working_within_the_cache_lifetime() throws Exception {
    // the finding: after "delete from api_key" the key answered 200 until restart
    String secret = newTenant("Deleted by hand")[1];
    Api widget = api.withKey(secret);
    assertThat(widget.get("/calendar/v3/events/view").status()).isEqualTo(200);
    jdbc.sql("delete from api_key where key_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')").param(secret).update();
    long deleted = System.nanoTime();
    Response r = widget.get("/calendar/v3/events/view");
    while (r.status() == 200 && System.nanoTime() - deleted < 3_000_000_000L) {
      Thread.sleep(20);
      r = widget.get("/calendar/v3/events/view");
    }
    assertThat(r.status()).isEqualTo(401);
    assertThat((System.nanoTime() - deleted) / 1_000_000).as("ms until refused, with no notification sent").isLessThan(1000);
  }

  @Test
  void a_key_cannot_grant_scopes_it_lacks_and_bad_key_input_names_the_field() {
    Api owner = api.withKey(newTenant("Grants")[1]);
    Api manager = api.withKey(createKey(owner, Map.of("name", "key manager", "scopes", List.of("keys:write", "calendar:read")))
        .at("/apiKey/secret").stringValue());
    Response stronger = createKey(manager, Map.of("name", "x", "scopes", List.of("calendar:write")));
    assertThat(stronger.status()).isEqualTo(403);
    assertThat(stronger.at("/code").stringValue()).isEqualTo("SCOPE_NOT_HELD");
    assertThat(createKey(manager, Map.of("name", "all")).status()).as("all scopes from a restricted key").isEqualTo(403);
    assertThat(createKey(manager, Map.of("name", "reader", "scopes", List.of("calendar:read"))).status()).isEqualTo(201);

    Response unknown = createKey(owner, Map.of("name", "x", "scopes", List.of("calendar:read", "calendar:delete")));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.at("/errors/0/field").stringValue()).isEqualTo("apiKey.scopes[1]");
    assertThat(createKey(owner, Map.of("name", "x", "scopes", List.of())).status()).isEqualTo(400);
    assertThat(createKey(owner, Map.of("scopes", List.of("calendar:read"))).at("/errors/0/field").stringValue()).isEqualTo("apiKey.name");
    assertThat(createKey(owner, Map.of("name", "x", "expiresDate", "2020-01-01T00:00:00Z")).status()).isEqualTo(400);
    assertThat(createKey(owner, Map.of("name", "x", "expiresDate", "+999999999-01-01T00:00:00Z")).status()).isEqualTo(400);
    assertThat(createKey(owner, Map.of("name", "x", "expiresDate", "tomorrow")).status()).isEqualTo(400);
    assertThat(owner.delete("/v1/api-keys/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
  }

  @Test
  void an_expired_key_is_refused_with_a_problem_that_says_it_expired() throws Exception {
    Api owner = api.withKey(newTenant("Expiry")[1]);
    String in2s = java.time.Instant.now().plusSeconds(2).toString();
    Response made = createKey(owner, Map.of("name", "short-lived", "expiresDate", in2s));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    Api shortLived = api.withKey(made.at("/apiKey/secret").stringValue());
    assertThat(shortLived.get("/calendar/v3/events/view").status()).isEqualTo(200);
    Thread.sleep(2500);
    Response expired = shortLived.get("/calendar/v3/events/view");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.at("/code").stringValue()).isEqualTo("API_KEY_EXPIRED");
    assertThat(expired.at("/detail").stringValue()).contains("expired");
  }

  @Test
  void rotation_makes_a_successor_and_the_old_key_works_until_the_overlap_ends() throws Exception {
    Api owner = api.withKey(newTenant("Rotation")[1]);
    Response made = createKey(owner, Map.of("name", "server", "scopes", List.of("calendar:write")));
    String oldId = made.at("/apiKey/id").stringValue();
    Api old = api.withKey(made.at("/apiKey/secret").stringValue());
    Response rotated = owner.post("/v1/api-keys/" + oldId + "/rotate", Map.of("overlapSeconds", 2));
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    assertThat(rotated.at("/apiKey/name").stringValue()).isEqualTo("server");
    assertThat(rotated.at("/apiKey/scopes").toString()).isEqualTo("[\"calendar:write\"]");
    Api successor = api.withKey(rotated.at("/apiKey/secret").stringValue());
    assertThat(old.get("/calendar/v3/events/view").status()).isEqualTo(200);
    assertThat(successor.get("/calendar/v3/events/view").status()).isEqualTo(200);
    assertThat(owner.post("/v1/api-keys/" + oldId + "/rotate", Map.of()).status()).as("rotating twice").isEqualTo(409);
    assertThat(owner.post("/v1/api-keys/" + oldId + "/rotate", Map.of("overlapSeconds", -1)).status()).isEqualTo(400);
    Thread.sleep(2500);
    assertThat(old.get("/calendar/v3/events/view").at("/code").stringValue()).isEqualTo("API_KEY_REVOKED");
    assertThat(successor.get("/calendar/v3/events/view").status()).isEqualTo(200);
  }

  @Test
  void the_operator_manages_a_tenants_keys_too() {
    String[] t = newTenant("Operated");
    Response made = admin().post("/admin/v1/tenants/" + t[0] + "/api-keys", Map.of("apiKey", Map.of("name", "ops", "scopes", List.of("webhooks:read"))));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    Api ops = api.withKey(made.at("/apiKey/secret").stringValue());
    assertThat(ops.get("/v1/webhooks").status()).isEqualTo(200);
    assertThat(admin().get("/admin/v1/tenants/" + t[0] + "/api-keys").at("/apiKeys").size()).isEqualTo(2);
    String keyId = made.at("/apiKey/id").stringValue();
    assertThat(admin().delete("/admin/v1/tenants/" + t[0] + "/api-keys/" + keyId).status()).isEqualTo(200);
    assertThat(ops.get("/v1/webhooks").status()).isEqualTo(401);
    // another tenant's key id through this tenant's path is not found
    assertThat(admin().delete("/admin/v1/tenants/" + tenant.id() + "/api-keys/" + keyId).status()).isEqualTo(404);
  }

  @Test
  void a_suspended_tenant_is_refused_with_403_until_it_is_resumed() {
    String[] t = newTenant("Suspended");
    Api suspended = api.withKey(t[1]);
    assertThat(admin().post("/admin/v1/tenants/" + t[0] + "/suspend", Map.of()).at("/tenant/status").stringValue()).isEqualTo("SUSPENDED");
    Response refused = suspended.get("/calendar/v3/events/view");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.at("/code").stringValue()).isEqualTo("TENANT_SUSPENDED");
    assertThat(admin().post("/admin/v1/tenants/" + t[0] + "/suspend", Map.of()).status()).as("suspending twice").isEqualTo(200);
    assertThat(admin().post("/admin/v1/tenants/" + t[0] + "/resume", Map.of()).at("/tenant/status").stringValue()).isEqualTo("ACTIVE");
    assertThat(suspended.get("/calendar/v3/events/view").status()).isEqualTo(200);
  }

  @Test
  void every_admin_and_key_action_is_audited_with_the_actor_in_the_feed_and_the_trail() {
    String[] t = newTenant("Audited");
    Api owner = api.withKey(t[1]).withHeader("X-Forwarded-For", "203.0.113.7");
    String ownerKeyId = owner.get("/v1/api-keys/current").at("/apiKey/id").stringValue();
    String keyId = createKey(owner, Map.of("name", "audited", "scopes", List.of("calendar:read"))).at("/apiKey/id").stringValue();
    owner.delete("/v1/api-keys/" + keyId);
    admin().post("/admin/v1/tenants/" + t[0] + "/suspend", Map.of());
    admin().post("/admin/v1/tenants/" + t[0] + "/resume", Map.of());

    Response trail = admin().get("/admin/v1/tenants/" + t[0] + "/audit");
    assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
    List<String> types = new ArrayList<>();
    trail.at("/entries").forEach(e -> types.add(e.get("type").stringValue()));
    assertThat(types).containsExactly("horae.v1.tenant.created", "horae.v1.api_key.created", "horae.v1.api_key.created",
        "horae.v1.api_key.revoked", "horae.v1.tenant.suspended", "horae.v1.tenant.resumed");
    JsonNode byKey = trail.at("/entries/2/data/actionEvent/body/actor");
    assertThat(byKey.get("apiKeyId").stringValue()).isEqualTo(ownerKeyId);
    assertThat(byKey.get("clientAddress").stringValue()).isEqualTo("203.0.113.7");
    assertThat(trail.at("/entries/4/data/actionEvent/body/actor/operator").booleanValue()).isTrue();
    assertThat(trail.text()).doesNotContain(t[1]);

    Response feed = owner.get("/v1/changes?limit=100");
    List<String> feedTypes = new ArrayList<>();
    feed.at("/changes").forEach(c -> feedTypes.add(c.get("type").stringValue()));
    assertThat(feedTypes).contains("horae.v1.api_key.revoked", "horae.v1.tenant.suspended");
  }

  @Test
  void a_tenants_key_limit_answers_429_with_retry_after_and_every_answer_carries_the_ratelimit_headers() {
    String[] t = newTenant("Limited");
    Response got = admin().get("/admin/v1/tenants/" + t[0]);
    admin().patch("/admin/v1/tenants/" + t[0], Map.of("tenant", Map.of("revision", got.at("/tenant/revision").asLong(),
        "limits", Map.of("keyRequestsPerMinute", 5))));
    Api limited = api.withKey(t[1]);
    int ok = 0;
    Response last = null;
    for (int i = 0; i < 8; i++) {
      last = limited.get("/calendar/v3/events/view");
      if (last.status() == 200) {
        ok++;
        assertThat(last.header("RateLimit-Policy")).contains("\"key\";q=5;w=60");
        assertThat(last.header("RateLimit")).matches("\"key\";r=\\d+;t=\\d+, \"tenant\";r=\\d+;t=\\d+");
      }
    }
    assertThat(ok).isEqualTo(5);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.contentType()).startsWith("application/problem+json");
    assertThat(last.at("/code").stringValue()).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
    // health is exempt
    assertThat(api.withKey(null).get("/actuator/health").header("RateLimit")).isNull();
  }

  /** Found by the working-hours race test: a new key's first requests at the same moment met Bucket4j's "Bucket does not exist" as a 500. */
  @Test
  void a_new_keys_first_requests_sent_at_the_same_moment_are_all_answered() throws Exception {
    for (int round = 0; round < 5; round++) {
      Api fresh = api.withKey(tenants.create("Simultaneous " + round, java.util.Optional.empty()).apiKey());
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
      try {
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          answers.add(pool.submit(() -> {
            start.await();
            return fresh.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "At once")));
          }));
        }
        start.countDown();
        for (java.util.concurrent.Future<Response> a : answers) {
          assertThat(a.get().status()).as(a.get().toString()).isEqualTo(200);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
