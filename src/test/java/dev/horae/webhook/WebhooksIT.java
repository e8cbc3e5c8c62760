package dev.horae.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import dev.horae.support.Receiver;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Subscriptions, signed delivery to a real local receiver, retries, timeouts, ordering, replay and rotation. */
class WebhooksIT extends ApiTest {
  private Receiver receiver;
  private Fixtures fixtures;
  private String schedule;

  @BeforeAll
  void start() throws Exception {
    receiver = new Receiver();
    fixtures = new Fixtures(api);
    schedule = fixtures.schedule(Map.of("timeZone", "UTC"));
  }

  @AfterAll
  void stop() {
    receiver.close();
  }

  private JsonNode subscribe(String path, List<String> types) {
    Response r = api.post("/v1/webhooks", Map.of("url", receiver.url(path), "eventTypes", types));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("webhook");
  }

  private static void verify(String secret, Receiver.Call call) throws Exception {
    new Webhook(secret).verify(call.body(), Map.of(
        "webhook-id", List.of(call.header("webhook-id")),
        "webhook-timestamp", List.of(call.header("webhook-timestamp")),
        "webhook-signature", List.of(call.header("webhook-signature"))));
  }

  @Test
  void changes_are_delivered_signed_with_the_standard_webhooks_headers() throws Exception {
    JsonNode webhook = subscribe("/signed", List.of("wix.calendar.v3.schedule.*"));
    String secret = webhook.get("secret").stringValue();
    assertThat(secret).startsWith("whsec_");
    assertThat(api.get("/v1/webhooks/" + webhook.get("id").stringValue()).at("/webhook/secret").isMissingNode()).isTrue();
    String created = fixtures.schedule(Map.of("name", "Signed"));
    await().atMost(Duration.ofSeconds(15)).until(() -> !receiver.calls("/signed").isEmpty());
    Receiver.Call call = receiver.calls("/signed").get(0);
    verify(secret, call);
    JsonNode body = dev.horae.support.Api.JSON.readTree(call.body());
    assertThat(body.get("type").stringValue()).isEqualTo("wix.calendar.v3.schedule.created");
    assertThat(body.get("entityId").stringValue()).isEqualTo(created);
    assertThat(body.get("id").stringValue()).isEqualTo(call.header("webhook-id"));
    assertThatThrows(() -> verify("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), call));
  }

  @Test
  void failures_and_timeouts_are_retried_and_logged_per_attempt() {
    receiver.answer("/flaky", n -> n <= 2 ? 500 : 200);
    receiver.answer("/slow", n -> n == 1 ? -1 : 200);
    String flaky = subscribe("/flaky", List.of("wix.calendar.v3.schedule.created")).get("id").stringValue();
    String slow = subscribe("/slow", List.of("wix.calendar.v3.schedule.created")).get("id").stringValue();
    fixtures.schedule(Map.of("name", "Retried"));
    await().atMost(Duration.ofSeconds(30)).until(() -> delivered(flaky) && delivered(slow));
    JsonNode flakyLog = api.get("/v1/webhooks/" + flaky + "/deliveries").json().get("deliveries").get(0);
    assertThat(flakyLog.get("attempts").intValue()).isEqualTo(3);
    assertThat(flakyLog.get("attemptLog").valueStream().map(a -> a.get("statusCode").intValue()).toList()).containsExactly(500, 500, 200);
    assertThat(flakyLog.at("/attemptLog/0/responseExcerpt").stringValue()).isEqualTo("answer 1");
    JsonNode slowLog = api.get("/v1/webhooks/" + slow + "/deliveries").json().get("deliveries").get(0);
    assertThat(slowLog.at("/attemptLog/0/error").stringValue()).contains("Timeout");
    assertThat(slowLog.get("status").stringValue()).isEqualTo("DELIVERED");
    assertThat(receiver.calls("/flaky")).extracting(c -> c.header("webhook-id")).containsOnly(flakyLog.get("changeId").stringValue());
  }

  @Test
  void a_receiver_that_asks_to_wait_with_retry_after_is_retried_when_it_asked() {
    receiver.answer("/busy", n -> n == 1 ? 429 : 200, "2");
    String busy = subscribe("/busy", List.of("wix.calendar.v3.schedule.created")).get("id").stringValue();
    fixtures.schedule(Map.of("name", "Asked to wait"));
    await().atMost(Duration.ofSeconds(30)).until(() -> delivered(busy));
    List<Receiver.Call> calls = receiver.calls("/busy");
    assertThat(calls).hasSize(2);
    // the retry base here is 0.2 s; the receiver asked for 2 s
    assertThat(Duration.ofNanos(calls.get(1).arrivedNanos() - calls.get(0).arrivedNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
  }

  @Test
  void an_entitys_changes_arrive_in_revision_order_even_when_the_first_needs_retries() throws Exception {
    receiver.answer("/ordered", n -> n <= 2 ? 503 : 200);
    subscribe("/ordered", List.of("wix.calendar.v3.event.created", "wix.calendar.v3.event.updated"));
    String day = LocalDate.now().plusDays(2).toString();
    JsonNode event = fixtures.event(schedule, day + "T10:00:00", day + "T11:00:00", Map.of("title", "v1"));
    String id = event.get("id").stringValue();
    for (int revision = 1; revision <= 4; revision++) {
      Response r = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", Integer.toString(revision), "title", "v" + (revision + 1))));
      assertThat(r.status()).isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls("/ordered").stream().filter(c -> c.body().contains("\"v5\"")).count() == 1);
    List<String> revisions = receiver.calls("/ordered").stream()
        .map(c -> dev.horae.support.Api.JSON.readTree(c.body()).get("revision").stringValue()).toList();
    assertThat(revisions).containsExactly("1", "1", "1", "2", "3", "4", "5"); // revision 1 three times: 503, 503, 200
  }

  @Test
  void a_delivery_and_a_time_range_can_be_replayed_with_the_same_webhook_id() {
    String id = subscribe("/replay", List.of("wix.calendar.v3.schedule.created")).get("id").stringValue();
    java.time.Instant before = java.time.Instant.now().minusSeconds(1);
    fixtures.schedule(Map.of("name", "Replayed"));
    await().atMost(Duration.ofSeconds(15)).until(() -> receiver.calls("/replay").size() == 1);
    String delivery = api.get("/v1/webhooks/" + id + "/deliveries").at("/deliveries/0/id").stringValue();
    assertThat(api.post("/v1/webhooks/" + id + "/deliveries/" + delivery + "/replay", Map.of()).at("/replayed").intValue()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(15)).until(() -> receiver.calls("/replay").size() == 2);
    Response range = api.post("/v1/webhooks/" + id + "/replay", Map.of("from", before.toString(), "to", java.time.Instant.now().plusSeconds(1).toString()));
    assertThat(range.at("/replayed").intValue()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(15)).until(() -> receiver.calls("/replay").size() == 3);
    assertThat(receiver.calls("/replay")).extracting(c -> c.header("webhook-id")).containsOnly(receiver.calls("/replay").get(0).header("webhook-id"));
  }

  @Test
  void after_a_rotation_both_secrets_sign_until_the_old_one_expires() throws Exception {
    JsonNode webhook = subscribe("/rotated", List.of("wix.calendar.v3.schedule.created"));
    String id = webhook.get("id").stringValue();
    String old = webhook.get("secret").stringValue();
    Response rotated = api.post("/v1/webhooks/" + id + "/secrets", Map.of("previousSecretsExpireInSeconds", 3600));
    assertThat(rotated.status()).isEqualTo(200);
    String fresh = rotated.at("/secret/secret").stringValue();
    assertThat(api.get("/v1/webhooks/" + id).json().get("webhook").get("secrets").size()).isEqualTo(2);
    fixtures.schedule(Map.of("name", "Rotated"));
    await().atMost(Duration.ofSeconds(15)).until(() -> !receiver.calls("/rotated").isEmpty());
    Receiver.Call call = receiver.calls("/rotated").get(0);
    assertThat(call.header("webhook-signature").split(" ")).hasSize(2);
    verify(old, call);
    verify(fresh, call);
  }

  @Test
  void bad_subscriptions_are_refused_naming_the_field() {
    Response noTypes = api.post("/v1/webhooks", Map.of("url", receiver.url("/x"), "eventTypes", List.of()));
    assertThat(noTypes.status()).isEqualTo(400);
    assertThat(noTypes.at("/errors/0/field").stringValue()).isEqualTo("webhook.eventTypes");
    Response badUrl = api.post("/v1/webhooks", Map.of("url", "ftp://example.com/x", "eventTypes", List.of("*")));
    assertThat(badUrl.status()).isEqualTo(400);
    assertThat(badUrl.at("/errors/0/field").stringValue()).isEqualTo("webhook.url");
    assertThat(api.get("/v1/webhooks/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
  }

  private boolean delivered(String webhookId) {
    JsonNode deliveries = api.get("/v1/webhooks/" + webhookId + "/deliveries").json().get("deliveries");
    return deliveries.size() > 0 && deliveries.get(0).get("status").stringValue().equals("DELIVERED");
  }

  private static void assertThatThrows(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
  }
}
