package dev.horae.connection.push;

import dev.horae.api.Problems;
import dev.horae.connection.ConnectionRepository;
import dev.horae.connection.sync.SyncWorker;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where providers push change notifications. Public (no API key: the provider cannot send one), so
 * every notification must prove itself: Google's {@code X-Goog-Channel-Token} and each Graph
 * notification's {@code clientState} must be the HMAC Horae gave the channel, and the channel or
 * subscription must be one Horae holds; anything else is a 403 and changes nothing. A valid
 * notification makes the connection due and wakes the sync worker; the notification itself is not
 * trusted for data, the sync reads the changes. Graph extras: the subscription validation
 * handshake (echo {@code validationToken}), and lifecycle notifications: {@code
 * reauthorizationRequired} renews the subscription at the next sync, {@code subscriptionRemoved}
 * makes a new one, {@code missed} resyncs.
 */
@RestController
@RequestMapping("/bookings/v2/external-calendars/push")
class PushController {
  private final PushChannels channels;
  private final ConnectionRepository connections;
  private final SyncWorker worker;
  private final Clock clock;
  private final tools.jackson.databind.json.JsonMapper json;

  PushController(PushChannels channels, ConnectionRepository connections, SyncWorker worker, Clock clock, tools.jackson.databind.json.JsonMapper json) {
    this.json = json;
    this.channels = channels;
    this.connections = connections;
    this.worker = worker;
    this.clock = clock;
  }

  @PostMapping("/google")
  @ApiResponse(responseCode = "200", description = "The notification was taken; nothing is answered")
  ResponseEntity<?> google(@RequestHeader(name = "X-Goog-Channel-ID", required = false) String channelId,
      @RequestHeader(name = "X-Goog-Channel-Token", required = false) String token,
      @RequestHeader(name = "X-Goog-Resource-ID", required = false) String resourceId,
      @RequestHeader(name = "X-Goog-Resource-State", required = false) String state) {
    var channel = channels.verified(channelId, token).filter(c -> c.resourceId() == null || c.resourceId().equals(resourceId));
    if (channel.isEmpty()) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "unknown channel, or a channel token or resource id that does not match"));
    }
    if (!"sync".equals(state)) { // "sync" only announces a new channel
      connections.dueNow(channel.get().tenant(), channel.get().connection(), clock.instant());
      worker.wake();
    }
    return ResponseEntity.ok().build();
  }

  @PostMapping("/microsoft")
  @ApiResponse(responseCode = "200", description = "The notifications were taken, or the `validationToken` echoed as text",
      content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
  ResponseEntity<?> microsoft(@org.springframework.web.bind.annotation.RequestParam(required = false) String validationToken,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "A Graph change notification collection",
          content = @Content(mediaType = "application/json", schema = @Schema(type = "object",
              description = "`{\"value\": [{\"subscriptionId\", \"clientState\", \"lifecycleEvent\", …}]}`")))
      @org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
    if (validationToken != null && !validationToken.isEmpty()) { // Graph checks the endpoint before it creates a subscription
      return ResponseEntity.ok().contentType(org.springframework.http.MediaType.TEXT_PLAIN).body(validationToken);
    }
    java.util.List<PushChannels.Stored> valid = new java.util.ArrayList<>();
    java.util.List<String> events = new java.util.ArrayList<>();
    try {
      for (tools.jackson.databind.JsonNode n : json.readTree(body == null ? "{}" : body).path("value")) {
        var channel = channels.verifiedByResource(n.path("subscriptionId").asString(null), n.path("clientState").asString(null));
        if (channel.isEmpty()) {
          valid.clear();
          break;
        }
        valid.add(channel.get());
        events.add(n.path("lifecycleEvent").asString(""));
      }
    } catch (RuntimeException unreadable) {
      valid.clear();
    }
    if (valid.isEmpty()) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "unknown subscription, or a clientState that does not match"));
    }
    for (int i = 0; i < valid.size(); i++) {
      PushChannels.Stored c = valid.get(i);
      switch (events.get(i)) {
        case "reauthorizationRequired" -> channels.renewSoon(c);
        case "subscriptionRemoved" -> channels.forget(c);
        default -> { } // a change, or "missed": either way, sync
      }
      connections.dueNow(c.tenant(), c.connection(), clock.instant());
    }
    worker.wake();
    return ResponseEntity.accepted().build();
  }
}
