package dev.horae.connection.microsoft;

import dev.horae.connection.OutOfOffice;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Microsoft Graph adapter ({@code horae.microsoft.*}); validated at start-up, never clamped.
 *
 * @param graphUrl {@code HORAE_MICROSOFT_GRAPH_URL}: Graph's base URL (an emulator's in tests)
 * @param pageSize {@code HORAE_MICROSOFT_PAGE_SIZE}: events per page ({@code Prefer: odata.maxpagesize})
 * @param retryAttempts {@code HORAE_MICROSOFT_RETRY_ATTEMPTS}: tries of a throttled or failing request
 * @param retryBase {@code HORAE_MICROSOFT_RETRY_BASE}: the first wait without a {@code Retry-After}
 * @param retryCap {@code HORAE_MICROSOFT_RETRY_CAP}: the longest wait, {@code Retry-After} included
 * @param maxConcurrent {@code HORAE_MICROSOFT_MAX_CONCURRENT}: requests at once per mailbox, across all nodes (Outlook allows 4)
 * @param outOfOffice {@code HORAE_MICROSOFT_OUT_OF_OFFICE}: whether {@code showAs: oof} is busy
 */
@Validated
@ConfigurationProperties("horae.microsoft")
public record MicrosoftProperties(
    @DefaultValue("https://graph.microsoft.com/v1.0") @NotBlank(message = "is required (HORAE_MICROSOFT_GRAPH_URL)") String graphUrl,
    @DefaultValue("100") @Min(value = 1, message = "must be 1..1000 (HORAE_MICROSOFT_PAGE_SIZE)")
        @Max(value = 1000, message = "must be 1..1000 (HORAE_MICROSOFT_PAGE_SIZE)") int pageSize,
    @DefaultValue("5") @Min(value = 1, message = "must be 1..20 (HORAE_MICROSOFT_RETRY_ATTEMPTS)")
        @Max(value = 20, message = "must be 1..20 (HORAE_MICROSOFT_RETRY_ATTEMPTS)") int retryAttempts,
    @DefaultValue("PT1S") @NotNull @DurationMin(millis = 1, message = "must be 1 ms..1 min (HORAE_MICROSOFT_RETRY_BASE)")
        @DurationMax(minutes = 1, message = "must be 1 ms..1 min (HORAE_MICROSOFT_RETRY_BASE)") Duration retryBase,
    @DefaultValue("PT60S") @NotNull @DurationMin(millis = 1, message = "must be 1 ms..10 min (HORAE_MICROSOFT_RETRY_CAP)")
        @DurationMax(minutes = 10, message = "must be 1 ms..10 min (HORAE_MICROSOFT_RETRY_CAP)") Duration retryCap,
    @DefaultValue("4") @Min(value = 1, message = "must be 1..4 (HORAE_MICROSOFT_MAX_CONCURRENT)")
        @Max(value = 4, message = "must be 1..4, Outlook's limit per mailbox (HORAE_MICROSOFT_MAX_CONCURRENT)") int maxConcurrent,
    @DefaultValue("BUSY") @NotNull(message = "must be BUSY or FREE (HORAE_MICROSOFT_OUT_OF_OFFICE)") OutOfOffice outOfOffice) {}
