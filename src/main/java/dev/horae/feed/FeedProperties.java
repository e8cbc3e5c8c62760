package dev.horae.feed;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ICS feeds ({@code horae.feeds.*}); validated at start-up.
 *
 * @param refreshInterval {@code HORAE_FEEDS_REFRESH_INTERVAL}: how long a subscriber may keep a fetched feed
 *     ({@code Cache-Control: max-age}, and REFRESH-INTERVAL / X-PUBLISHED-TTL in the calendar)
 */
@Validated
@ConfigurationProperties("horae.feeds")
public record FeedProperties(
    @DefaultValue("PT15M") @NotNull @DurationMin(minutes = 1, message = "must be 1 min..1 d (HORAE_FEEDS_REFRESH_INTERVAL)")
        @DurationMax(days = 1, message = "must be 1 min..1 d (HORAE_FEEDS_REFRESH_INTERVAL)") Duration refreshInterval) {}
