package dev.horae.connection.google;

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
 * The Google Calendar adapter ({@code horae.google.*}); validated at start-up, never clamped.
 *
 * @param apiUrl {@code HORAE_GOOGLE_API_URL}: the API's root URL (an emulator's in tests)
 * @param pageSize {@code HORAE_GOOGLE_PAGE_SIZE}: events per page ({@code maxResults}, at most 2,500)
 * @param retryAttempts {@code HORAE_GOOGLE_RETRY_ATTEMPTS}: tries of a throttled or failing request
 * @param retryBase {@code HORAE_GOOGLE_RETRY_BASE}: the first backoff
 * @param retryCap {@code HORAE_GOOGLE_RETRY_CAP}: the longest backoff
 * @param outOfOffice {@code HORAE_GOOGLE_OUT_OF_OFFICE}: whether out-of-office events are busy
 */
@Validated
@ConfigurationProperties("horae.google")
public record GoogleProperties(
    @DefaultValue("https://www.googleapis.com/") @NotBlank(message = "is required (HORAE_GOOGLE_API_URL)") String apiUrl,
    @DefaultValue("250") @Min(value = 1, message = "must be 1..2500 (HORAE_GOOGLE_PAGE_SIZE)")
        @Max(value = 2500, message = "must be 1..2500 (HORAE_GOOGLE_PAGE_SIZE)") int pageSize,
    @DefaultValue("5") @Min(value = 1, message = "must be 1..20 (HORAE_GOOGLE_RETRY_ATTEMPTS)")
        @Max(value = 20, message = "must be 1..20 (HORAE_GOOGLE_RETRY_ATTEMPTS)") int retryAttempts,
    @DefaultValue("PT1S") @NotNull @DurationMin(millis = 1, message = "must be 1 ms..1 min (HORAE_GOOGLE_RETRY_BASE)")
        @DurationMax(minutes = 1, message = "must be 1 ms..1 min (HORAE_GOOGLE_RETRY_BASE)") Duration retryBase,
    @DefaultValue("PT30S") @NotNull @DurationMin(millis = 1, message = "must be 1 ms..10 min (HORAE_GOOGLE_RETRY_CAP)")
        @DurationMax(minutes = 10, message = "must be 1 ms..10 min (HORAE_GOOGLE_RETRY_CAP)") Duration retryCap,
    @DefaultValue("BUSY") @NotNull(message = "must be BUSY or FREE (HORAE_GOOGLE_OUT_OF_OFFICE)") OutOfOffice outOfOffice) {}
