package dev.horae.storage;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a node takes part in the cluster ({@code horae.cluster.*}); validated at start-up.
 *
 * @param nodeName {@code HORAE_NODE_NAME}: how this node names itself in leases, logs and the {@code
 *     X-Horae-Node} header (default: the host name); a random suffix makes every process distinct
 * @param lease {@code HORAE_LEASE}: how long work claimed by a node (a sync, a webhook send) stays its own without
 *     a heartbeat; a node that dies leaves its work to others after at most this long
 * @param heartbeat {@code HORAE_LEASE_HEARTBEAT}: how often a node renews the leases of the work it is doing (at
 *     most a third of the lease, so two missed heartbeats never lose a lease)
 * @param shutdownGrace {@code HORAE_SHUTDOWN_GRACE}: how long a node that is told to stop (SIGTERM) lets requests,
 *     syncs and webhook sends in flight finish before it interrupts them and gives their leases back (also Spring's
 *     {@code spring.lifecycle.timeout-per-shutdown-phase})
 * @param outageRetryAfter {@code HORAE_OUTAGE_RETRY_AFTER}: the {@code Retry-After} of a 503 answered while
 *     PostgreSQL is unreachable
 */
@Validated
@ConfigurationProperties("horae.cluster")
public record ClusterProperties(
    @Size(max = 64, message = "must be at most 64 characters (HORAE_NODE_NAME)") String nodeName,
    @DefaultValue("PT15S") @NotNull @DurationMin(seconds = 3, message = "must be 3 s..10 min (HORAE_LEASE)")
        @DurationMax(minutes = 10, message = "must be 3 s..10 min (HORAE_LEASE)") Duration lease,
    @DefaultValue("PT5S") @NotNull @DurationMin(millis = 100, message = "must be at least 100 ms (HORAE_LEASE_HEARTBEAT)")
        Duration heartbeat,
    @DefaultValue("PT20S") @NotNull @DurationMin(seconds = 1, message = "must be 1 s..10 min (HORAE_SHUTDOWN_GRACE)")
        @DurationMax(minutes = 10, message = "must be 1 s..10 min (HORAE_SHUTDOWN_GRACE)") Duration shutdownGrace,
    @DefaultValue("PT2S") @NotNull @DurationMin(seconds = 1, message = "must be 1 s..5 min (HORAE_OUTAGE_RETRY_AFTER)")
        @DurationMax(minutes = 5, message = "must be 1 s..5 min (HORAE_OUTAGE_RETRY_AFTER)") Duration outageRetryAfter) {

  @AssertTrue(message = "HORAE_LEASE_HEARTBEAT must be at most a third of HORAE_LEASE")
  boolean isHeartbeatWithinLease() {
    return lease == null || heartbeat == null || heartbeat.multipliedBy(3).compareTo(lease) <= 0;
  }
}
