package dev.horae.connection.oauth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The OAuth clients Horae signs in with ({@code horae.oauth.*}); validated at start-up. A provider
 * without a client id is simply not offered for connecting. Endpoints are configurable so tests and
 * private clouds point them elsewhere.
 *
 * @param google {@code HORAE_OAUTH_GOOGLE_*}: Google's client and endpoints
 * @param microsoft {@code HORAE_OAUTH_MICROSOFT_*}: Microsoft identity platform's client and endpoints
 * @param refreshBefore {@code HORAE_OAUTH_REFRESH_BEFORE}: how long before it expires an access token is refreshed
 * @param stateTtl {@code HORAE_OAUTH_STATE_TTL}: how long a started sign-in may take
 */
@Validated
@ConfigurationProperties("horae.oauth")
public record OAuthProperties(@DefaultValue @Valid Google google, @DefaultValue @Valid Microsoft microsoft,
    @DefaultValue("PT5M") @NotNull @DurationMin(seconds = 0, message = "must be 0..1 h (HORAE_OAUTH_REFRESH_BEFORE)")
        @DurationMax(hours = 1, message = "must be 0..1 h (HORAE_OAUTH_REFRESH_BEFORE)") Duration refreshBefore,
    @DefaultValue("PT10M") @NotNull @DurationMin(seconds = 30, message = "must be 30 s..1 d (HORAE_OAUTH_STATE_TTL)")
        @DurationMax(days = 1, message = "must be 30 s..1 d (HORAE_OAUTH_STATE_TTL)") Duration stateTtl) {

  /** {@code HORAE_OAUTH_GOOGLE_CLIENT_ID}, {@code _CLIENT_SECRET}, {@code _AUTHORIZE_URL}, {@code _TOKEN_URL}, {@code _REVOKE_URL}. */
  public record Google(@DefaultValue("") String clientId, @DefaultValue("") String clientSecret,
      @DefaultValue("https://accounts.google.com/o/oauth2/v2/auth") @NotBlank(message = "is required (HORAE_OAUTH_GOOGLE_AUTHORIZE_URL)") String authorizeUrl,
      @DefaultValue("https://oauth2.googleapis.com/token") @NotBlank(message = "is required (HORAE_OAUTH_GOOGLE_TOKEN_URL)") String tokenUrl,
      @DefaultValue("https://oauth2.googleapis.com/revoke") String revokeUrl) {
    @Override
    public String toString() {
      return "Google[clientId=" + clientId + ", clientSecret=***, authorizeUrl=" + authorizeUrl + ", tokenUrl=" + tokenUrl + ", revokeUrl=" + revokeUrl + "]";
    }
  }

  /** {@code HORAE_OAUTH_MICROSOFT_CLIENT_ID}, {@code _CLIENT_SECRET}, {@code _AUTHORIZE_URL}, {@code _TOKEN_URL}. */
  public record Microsoft(@DefaultValue("") String clientId, @DefaultValue("") String clientSecret,
      @DefaultValue("https://login.microsoftonline.com/common/oauth2/v2.0/authorize")
          @NotBlank(message = "is required (HORAE_OAUTH_MICROSOFT_AUTHORIZE_URL)") String authorizeUrl,
      @DefaultValue("https://login.microsoftonline.com/common/oauth2/v2.0/token")
          @NotBlank(message = "is required (HORAE_OAUTH_MICROSOFT_TOKEN_URL)") String tokenUrl) {
    @Override
    public String toString() {
      return "Microsoft[clientId=" + clientId + ", clientSecret=***, authorizeUrl=" + authorizeUrl + ", tokenUrl=" + tokenUrl + "]";
    }
  }
}
