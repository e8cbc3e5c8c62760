package dev.horae.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import dev.horae.support.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** An endpoint that fails for longer than give-up-after (here 2 s instead of 72 h) is disabled, and that is a change. */
@TestPropertySource(properties = "horae.webhooks.give-up-after=PT2S")
class WebhookGiveUpIT extends ApiTest {

  @Test
  void sustained_failure_fails_the_delivery_disables_the_endpoint_and_says_so_in_the_feed() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.answer("/down", n -> 500);
      Response created = api.post("/v1/webhooks", Map.of("url", receiver.url("/down"), "eventTypes", List.of("wix.calendar.v3.schedule.created")));
      String id = created.at("/webhook/id").stringValue();
      new Fixtures(api).schedule(Map.of("name", "Nobody listens"));
      await().atMost(Duration.ofSeconds(30)).until(() -> !api.get("/v1/webhooks/" + id).at("/webhook/enabled").booleanValue());
      JsonNode webhook = api.get("/v1/webhooks/" + id).json().get("webhook");
      assertThat(webhook.get("disabledReason").stringValue()).isEqualTo("FAILING");
      JsonNode delivery = api.get("/v1/webhooks/" + id + "/deliveries").at("/deliveries/0");
      assertThat(delivery.get("status").stringValue()).isEqualTo("FAILED");
      assertThat(delivery.get("attempts").intValue()).isGreaterThan(1);
      assertThat(receiver.calls("/down")).hasSize(delivery.get("attempts").intValue());
      List<String> types = api.changes().stream().map(c -> c.get("type").stringValue()).toList();
      assertThat(types).contains("horae.v1.webhook.disabled");
      // Enabling it again is the user's call; the failed delivery stays failed (replay it to resend).
      Response enabled = api.patch("/v1/webhooks/" + id, Map.of("webhook", Map.of("enabled", true)));
      assertThat(enabled.at("/webhook/enabled").booleanValue()).isTrue();
      assertThat(enabled.at("/webhook/disabledReason").isMissingNode()).isTrue();
    }
  }
}
