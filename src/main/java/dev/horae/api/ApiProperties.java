package dev.horae.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP API ({@code horae.api.*}); validated at start-up.
 *
 * @param maxBodyBytes {@code HORAE_MAX_BODY_BYTES}: the largest request body accepted, in bytes (1 MiB by
 *     default); a larger one is a {@code 413} problem before anything reads it
 */
@Validated
@ConfigurationProperties("horae.api")
public record ApiProperties(
    @DefaultValue("1048576") @Min(value = 1024, message = "must be 1 KiB..64 MiB (HORAE_MAX_BODY_BYTES)")
        @Max(value = 67108864, message = "must be 1 KiB..64 MiB (HORAE_MAX_BODY_BYTES)") int maxBodyBytes) {}
