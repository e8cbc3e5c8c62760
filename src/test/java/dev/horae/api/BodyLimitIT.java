package dev.horae.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import org.junit.jupiter.api.Test;

/** Request bodies over HORAE_MAX_BODY_BYTES (1 MiB by default) are 413 problems, and nothing is written. */
class BodyLimitIT extends ApiTest {
  @org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  private long schedules() {
    return jdbc.sql("select count(*) from schedule where tenant_id = ?").params(tenant.id().value()).query(Long.class).single();
  }

  @Test
  void a_body_over_the_limit_is_a_413_problem_and_creates_nothing() {
    long before = schedules();
    String name = "x".repeat(1_100_000);
    for (String method : new String[] {"POST", "PATCH"}) {
      String path = method.equals("POST") ? "/calendar/v3/schedules" : "/calendar/v3/schedules/" + java.util.UUID.randomUUID();
      Response r = api.send(method, path, "{\"schedule\":{\"name\":\"" + name + "\"}}", "application/json");
      assertThat(r.status()).as(method).isEqualTo(413);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.at("/code").stringValue()).isEqualTo("BODY_TOO_LARGE");
      assertThat(r.at("/detail").stringValue()).contains("1048576 bytes");
    }
    assertThat(schedules()).as("schedules written").isEqualTo(before);
    // just under the limit is read and judged on its merits
    Response under = api.post("/calendar/v3/schedules", "{\"schedule\":{\"name\":\"Under the limit\"},\"pad\":\"" + "y".repeat(1_000_000) + "\"}");
    assertThat(under.status()).as(under.toString()).isNotEqualTo(413).isLessThan(500);
  }
}
