package dev.horae.connection.push;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Push channels on Google and Microsoft calendars ({@code horae.push.*}); validated at start-up,
 * never clamped.
 *
 * @param enabled {@code HORAE_PUSH_ENABLED}: whether syncs open channels (off: polling only)
 * @param lifetime {@code HORAE_PUSH_LIFETIME}: how long a channel is asked for (providers may give less)
 * @param renewBefore {@code HORAE_PUSH_RENEW_BEFORE}: how long before its end a channel is renewed or replaced
 */
@Validated
@ConfigurationProperties("horae.push")
public record PushProperties(@DefaultValue("true") boolean enabled,
    @DefaultValue("P7D") @NotNull @DurationMin(minutes = 5, message = "must be 5 min..30 d (HORAE_PUSH_LIFETIME)")
        @DurationMax(days = 30, message = "must be 5 min..30 d (HORAE_PUSH_LIFETIME)") Duration lifetime,
    @DefaultValue("P1D") @NotNull @DurationMin(minutes = 1, message = "must be 1 min..30 d (HORAE_PUSH_RENEW_BEFORE)")
        @DurationMax(days = 30, message = "must be 1 min..30 d (HORAE_PUSH_RENEW_BEFORE)") Duration renewBefore) {

  @AssertTrue(message = "HORAE_PUSH_RENEW_BEFORE must be shorter than HORAE_PUSH_LIFETIME")
  public boolean isRenewedWithinLifetime() {
    return lifetime == null || renewBefore == null || renewBefore.compareTo(lifetime) < 0;
  }
}
