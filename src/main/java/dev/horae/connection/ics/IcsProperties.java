package dev.horae.connection.ics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ICS feed subscriptions ({@code horae.ics.*}); validated at start-up.
 *
 * @param maxBytes {@code HORAE_ICS_MAX_BYTES}: the largest feed read (10 MiB); a larger one is refused
 * @param timeout {@code HORAE_ICS_TIMEOUT}: how long a fetch waits for the feed's server to answer
 */
@Validated
@ConfigurationProperties("horae.ics")
public record IcsProperties(
    @DefaultValue("10485760") @Min(value = 1024, message = "must be 1 KiB..32 MiB (HORAE_ICS_MAX_BYTES)")
        @Max(value = 33554432, message = "must be 1 KiB..32 MiB (HORAE_ICS_MAX_BYTES)") int maxBytes,
    @DefaultValue("PT30S") @NotNull @DurationMin(seconds = 1, message = "must be 1 s..5 min (HORAE_ICS_TIMEOUT)")
        @DurationMax(minutes = 5, message = "must be 1 s..5 min (HORAE_ICS_TIMEOUT)") Duration timeout) {}
