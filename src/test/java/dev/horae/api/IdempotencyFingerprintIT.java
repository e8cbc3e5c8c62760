package dev.horae.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The idempotency fingerprint covers the whole body, not its first MiB. */
@TestPropertySource(properties = "horae.api.max-body-bytes=4194304")
class IdempotencyFingerprintIT extends ApiTest {
  @Test
  void two_bodies_that_differ_only_after_the_first_mib_are_two_requests() {
    String pad = "a".repeat(1_100_000); // sorted first in the canonical form: the difference lies beyond 1 MiB
    Api keyed = api.withHeader("Idempotency-Key", "big-" + System.nanoTime());
    Response first = keyed.post("/calendar/v3/schedules", "{\"aaaPad\":\"" + pad + "\",\"schedule\":{\"name\":\"One\"}}");
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    Response again = keyed.post("/calendar/v3/schedules", "{\"aaaPad\":\"" + pad + "\",\"schedule\":{\"name\":\"One\"}}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.at("/schedule/id").stringValue()).as("the same request again is replayed").isEqualTo(first.at("/schedule/id").stringValue());
    Response other = keyed.post("/calendar/v3/schedules", "{\"aaaPad\":\"" + pad + "\",\"schedule\":{\"name\":\"Two\"}}");
    assertThat(other.status()).as(other.toString()).isEqualTo(422);
    assertThat(other.at("/code").stringValue()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
  }
}
