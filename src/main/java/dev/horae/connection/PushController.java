package dev.horae.connection;

import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where providers push change notifications. Public (no API key: the provider cannot send one), so
 * every notification must prove itself: Google's {@code X-Goog-Channel-Token} must be the HMAC
 * Horae gave the channel, and the channel and resource ids must be ones Horae holds; anything else
 * is a 403 and changes nothing. A valid notification makes the connection due and wakes the sync
 * worker; the notification itself carries no data, the sync reads the changes.
 */
@RestController
@RequestMapping("/bookings/v2/external-calendars/push")
class PushController {
  private final PushChannels channels;
  private final ConnectionRepository connections;
  private final SyncWorker worker;
  private final Clock clock;

  PushController(PushChannels channels, ConnectionRepository connections, SyncWorker worker, Clock clock) {
    this.channels = channels;
    this.connections = connections;
    this.worker = worker;
    this.clock = clock;
  }

  @PostMapping("/google")
  ResponseEntity<?> google(@RequestHeader(name = "X-Goog-Channel-ID", required = false) String channelId,
      @RequestHeader(name = "X-Goog-Channel-Token", required = false) String token,
      @RequestHeader(name = "X-Goog-Resource-ID", required = false) String resourceId,
      @RequestHeader(name = "X-Goog-Resource-State", required = false) String state) {
    var channel = channels.verified(channelId, token).filter(c -> c.resourceId() == null || c.resourceId().equals(resourceId));
    if (channel.isEmpty()) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "unknown channel, or a channel token or resource id that does not match"));
    }
    if (!"sync".equals(state)) { // "sync" only announces a new channel
      connections.dueNow(channel.get().tenant(), channel.get().connection(), clock.instant());
      worker.wake();
    }
    return ResponseEntity.ok().build();
  }
}
