package dev.horae.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call Horae and how often ({@code horae.access.*}); validated at start-up, so an impossible
 * value stops the service with the name of its environment variable.
 *
 * @param adminApiKey {@code HORAE_ADMIN_API_KEY}: the operator's key for {@code /admin/v1}; unset, the
 *     first start generates one and prints it once
 * @param bootstrapApiKey {@code HORAE_BOOTSTRAP_API_KEY}: the key of the first tenant, made only on an
 *     empty database
 * @param keyCacheTtl {@code HORAE_KEY_CACHE_TTL}: how long a node may answer from memory for a key it read (at most 1 s;
 *     every change to keys and tenants ends it on every node at commit; 0: read every request)
 */
@Validated
@ConfigurationProperties("horae.access")
record AccessProperties(
    @Size(min = 16, message = "must be at least 16 characters (HORAE_ADMIN_API_KEY)") String adminApiKey,
    String bootstrapApiKey,
    @DefaultValue("PT0.5S") @NotNull @DurationMax(seconds = 1, message = "must be 0..1 s (HORAE_KEY_CACHE_TTL)") Duration keyCacheTtl,
    @Valid @NotNull @DefaultValue RateLimit rateLimit) {

  /**
   * Token buckets shared by every node: each key, each tenant (all its keys together) and each
   * client address that fails to authenticate gets so many requests a minute, refilled evenly.
   *
   * @param enabled {@code HORAE_RATE_LIMIT_ENABLED}
   * @param keyPerMinute {@code HORAE_RATE_LIMIT_KEY_PER_MINUTE}, overridable per tenant
   * @param tenantPerMinute {@code HORAE_RATE_LIMIT_TENANT_PER_MINUTE}, overridable per tenant
   * @param anonymousPerMinute {@code HORAE_RATE_LIMIT_ANONYMOUS_PER_MINUTE}: failed authentications per client address
   * @param localSharePercent {@code HORAE_RATE_LIMIT_LOCAL_SHARE_PERCENT}: how much of a bucket's allowance a node
   *     may count before writing it to the shared bucket (0: every request is counted in PostgreSQL)
   * @param syncInterval {@code HORAE_RATE_LIMIT_SYNC_INTERVAL}: the longest a node keeps a count to itself
   */
  record RateLimit(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1200") @Positive(message = "must be positive (HORAE_RATE_LIMIT_KEY_PER_MINUTE)") int keyPerMinute,
      @DefaultValue("6000") @Positive(message = "must be positive (HORAE_RATE_LIMIT_TENANT_PER_MINUTE)") int tenantPerMinute,
      @DefaultValue("30") @Positive(message = "must be positive (HORAE_RATE_LIMIT_ANONYMOUS_PER_MINUTE)") int anonymousPerMinute,
      @DefaultValue("1") @Min(value = 0, message = "must be 0..10 (HORAE_RATE_LIMIT_LOCAL_SHARE_PERCENT)")
          @Max(value = 10, message = "must be 0..10 (HORAE_RATE_LIMIT_LOCAL_SHARE_PERCENT)") int localSharePercent,
      @DefaultValue("PT1S") @NotNull @DurationMin(millis = 10, message = "must be 10 ms..10 s (HORAE_RATE_LIMIT_SYNC_INTERVAL)")
          @DurationMax(seconds = 10, message = "must be 10 ms..10 s (HORAE_RATE_LIMIT_SYNC_INTERVAL)") Duration syncInterval) {}

  AccessProperties {
    adminApiKey = blankToNull(adminApiKey);
    bootstrapApiKey = blankToNull(bootstrapApiKey);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public String toString() {
    return "AccessProperties[adminApiKey=" + (adminApiKey == null ? "unset" : "***") + ", bootstrapApiKey="
        + (bootstrapApiKey == null ? "unset" : "***") + ", keyCacheTtl=" + keyCacheTtl + ", rateLimit=" + rateLimit + "]";
  }
}
