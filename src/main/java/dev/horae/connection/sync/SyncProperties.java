package dev.horae.connection.sync;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The connection sync engine ({@code horae.sync.*}); validated at start-up, never clamped: a value
 * out of range stops the service with a message naming its environment variable.
 *
 * @param enabled {@code HORAE_SYNC_ENABLED}: whether this node runs the sync worker
 * @param pollInterval {@code HORAE_SYNC_POLL_INTERVAL}: how often the worker looks for due connections
 * @param interval {@code HORAE_SYNC_INTERVAL}: the time from a successful sync to the next
 * @param fullEvery {@code HORAE_SYNC_FULL_EVERY}: how often a sync ignores sync tokens and reconciles everything
 * @param retryBase {@code HORAE_SYNC_RETRY_BASE}: the first backoff after a failed sync (doubling, with jitter)
 * @param retryCap {@code HORAE_SYNC_RETRY_CAP}: the longest backoff
 * @param windowPast {@code HORAE_SYNC_WINDOW_PAST}: how far back busy time is imported and events exported
 * @param windowFuture {@code HORAE_SYNC_WINDOW_FUTURE}: how far ahead
 * @param joinTimeout {@code HORAE_SYNC_JOIN_TIMEOUT}: how long a sync asked for through the API waits for a running
 *     one to end (then 409 SYNC_IN_PROGRESS)
 */
@Validated
@ConfigurationProperties("horae.sync")
public record SyncProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("PT10S") @NotNull @DurationMin(millis = 50, message = "must be 50 ms..1 h (HORAE_SYNC_POLL_INTERVAL)")
        @DurationMax(hours = 1, message = "must be 50 ms..1 h (HORAE_SYNC_POLL_INTERVAL)") Duration pollInterval,
    @DefaultValue("PT5M") @NotNull @DurationMin(seconds = 1, message = "must be 1 s..1 d (HORAE_SYNC_INTERVAL)")
        @DurationMax(days = 1, message = "must be 1 s..1 d (HORAE_SYNC_INTERVAL)") Duration interval,
    @DefaultValue("P1D") @NotNull @DurationMin(minutes = 1, message = "must be 1 min..30 d (HORAE_SYNC_FULL_EVERY)")
        @DurationMax(days = 30, message = "must be 1 min..30 d (HORAE_SYNC_FULL_EVERY)") Duration fullEvery,
    @DefaultValue("PT30S") @NotNull @DurationMin(millis = 10, message = "must be 10 ms..1 h (HORAE_SYNC_RETRY_BASE)")
        @DurationMax(hours = 1, message = "must be 10 ms..1 h (HORAE_SYNC_RETRY_BASE)") Duration retryBase,
    @DefaultValue("PT1H") @NotNull @DurationMin(millis = 10, message = "must be 10 ms..1 d (HORAE_SYNC_RETRY_CAP)")
        @DurationMax(days = 1, message = "must be 10 ms..1 d (HORAE_SYNC_RETRY_CAP)") Duration retryCap,
    @DefaultValue("P30D") @NotNull @DurationMin(days = 0, message = "must be 0..400 d (HORAE_SYNC_WINDOW_PAST)")
        @DurationMax(days = 400, message = "must be 0..400 d (HORAE_SYNC_WINDOW_PAST)") Duration windowPast,
    @DefaultValue("P400D") @NotNull @DurationMin(days = 1, message = "must be 1..1100 d (HORAE_SYNC_WINDOW_FUTURE)")
        @DurationMax(days = 1100, message = "must be 1..1100 d (HORAE_SYNC_WINDOW_FUTURE)") Duration windowFuture,
    @DefaultValue("PT25S") @NotNull @DurationMin(millis = 0, message = "must be 0..5 min (HORAE_SYNC_JOIN_TIMEOUT)")
        @DurationMax(minutes = 5, message = "must be 0..5 min (HORAE_SYNC_JOIN_TIMEOUT)") Duration joinTimeout) {

  @AssertTrue(message = "HORAE_SYNC_RETRY_CAP must be at least HORAE_SYNC_RETRY_BASE")
  public boolean isCapAboveBase() {
    return retryBase == null || retryCap == null || retryCap.compareTo(retryBase) >= 0;
  }
}
