package dev.horae.notification;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The SMTP relay participant notifications go through ({@code horae.mail.*}); validated at start-up.
 * Without a host, notifications are still written, each with status NOT_SENT and reason
 * SMTP_NOT_CONFIGURED, and the change they belong to goes through as usual.
 *
 * @param host {@code HORAE_MAIL_HOST}: the relay; empty for none
 * @param port {@code HORAE_MAIL_PORT}: its port (587 for STARTTLS, 465 for TLS, 25 for NONE)
 * @param security {@code HORAE_MAIL_SECURITY}: NONE, STARTTLS (required, not opportunistic) or TLS
 * @param username {@code HORAE_MAIL_USERNAME}: SMTP AUTH user; empty for no AUTH
 * @param password {@code HORAE_MAIL_PASSWORD}: SMTP AUTH password
 * @param from {@code HORAE_MAIL_FROM}: the sender address of tenants that set none
 * @param senderName {@code HORAE_MAIL_SENDER_NAME}: the sender name of tenants that set none
 * @param timeout {@code HORAE_MAIL_TIMEOUT}: connect, read and write timeout of one SMTP conversation
 * @param enabled {@code HORAE_MAIL_ENABLED}: whether this node runs the sender
 * @param pollInterval {@code HORAE_MAIL_POLL_INTERVAL}: how often the sender looks for due messages
 * @param retryBase {@code HORAE_MAIL_RETRY_BASE}: the first wait after a failed send (the service's one backoff)
 * @param retryCap {@code HORAE_MAIL_RETRY_CAP}: the longest wait
 * @param maxAttempts {@code HORAE_MAIL_MAX_ATTEMPTS}: sends of one message before it is FAILED
 */
@Validated
@ConfigurationProperties("horae.mail")
public record MailProperties(
    @DefaultValue("") @Size(max = 253, message = "must be at most 253 characters (HORAE_MAIL_HOST)") String host,
    @DefaultValue("587") @Min(value = 1, message = "must be 1..65535 (HORAE_MAIL_PORT)")
        @Max(value = 65535, message = "must be 1..65535 (HORAE_MAIL_PORT)") int port,
    @DefaultValue("STARTTLS") @NotNull(message = "must be NONE, STARTTLS or TLS (HORAE_MAIL_SECURITY)") Security security,
    @DefaultValue("") String username,
    @DefaultValue("") String password,
    @DefaultValue("horae@localhost") @NotBlank(message = "is required (HORAE_MAIL_FROM)")
        @Email(message = "must be an email address (HORAE_MAIL_FROM)") String from,
    @DefaultValue("Horae") @NotBlank(message = "is required (HORAE_MAIL_SENDER_NAME)")
        @Size(max = 200, message = "must be at most 200 characters (HORAE_MAIL_SENDER_NAME)") String senderName,
    @DefaultValue("PT10S") @NotNull @DurationMin(millis = 100, message = "must be 100 ms..5 min (HORAE_MAIL_TIMEOUT)")
        @DurationMax(minutes = 5, message = "must be 100 ms..5 min (HORAE_MAIL_TIMEOUT)") Duration timeout,
    @DefaultValue("true") boolean enabled,
    @DefaultValue("PT1S") @NotNull @DurationMin(millis = 50, message = "must be 50 ms..10 min (HORAE_MAIL_POLL_INTERVAL)")
        @DurationMax(minutes = 10, message = "must be 50 ms..10 min (HORAE_MAIL_POLL_INTERVAL)") Duration pollInterval,
    @DefaultValue("PT30S") @NotNull @DurationMin(millis = 10, message = "must be 10 ms..1 h (HORAE_MAIL_RETRY_BASE)")
        @DurationMax(hours = 1, message = "must be 10 ms..1 h (HORAE_MAIL_RETRY_BASE)") Duration retryBase,
    @DefaultValue("PT1H") @NotNull @DurationMin(millis = 10, message = "must be 10 ms..1 d (HORAE_MAIL_RETRY_CAP)")
        @DurationMax(days = 1, message = "must be 10 ms..1 d (HORAE_MAIL_RETRY_CAP)") Duration retryCap,
    @DefaultValue("10") @Min(value = 1, message = "must be 1..100 (HORAE_MAIL_MAX_ATTEMPTS)")
        @Max(value = 100, message = "must be 1..100 (HORAE_MAIL_MAX_ATTEMPTS)") int maxAttempts) {

  /** How the SMTP conversation is protected. */
  public enum Security {
    NONE,
    STARTTLS,
    TLS
  }

  public boolean configured() {
    return host != null && !host.isBlank();
  }

  @AssertTrue(message = "HORAE_MAIL_RETRY_CAP must be at least HORAE_MAIL_RETRY_BASE")
  public boolean isCapAboveBase() {
    return retryBase == null || retryCap == null || retryCap.compareTo(retryBase) >= 0;
  }

  @AssertTrue(message = "HORAE_MAIL_PASSWORD needs HORAE_MAIL_USERNAME")
  public boolean isPasswordWithUser() {
    return password == null || password.isEmpty() || (username != null && !username.isEmpty());
  }

  @Override
  public String toString() {
    return "MailProperties[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
        + ", password=" + (password == null || password.isEmpty() ? "" : "***") + ", from=" + from + ", senderName=" + senderName
        + ", timeout=" + timeout + ", enabled=" + enabled + ", pollInterval=" + pollInterval + ", retryBase=" + retryBase
        + ", retryCap=" + retryCap + ", maxAttempts=" + maxAttempts + "]";
  }
}
