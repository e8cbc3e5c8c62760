package dev.horae.connection.oauth;

import dev.horae.connection.Provider;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Client ids, secrets and endpoints of the OAuth providers, all from configuration
 * ({@code horae.oauth.google.*}, {@code horae.oauth.microsoft.*}), so tests and private clouds point
 * them elsewhere. {@code horae.public-url} is where the provider sends the user back.
 */
@Component
public class OAuthProviders {
  public record Client(String providerId, String calendarType, String clientId, String clientSecret, String authorizeUrl, String tokenUrl,
      String revokeUrl, List<String> scopes, Map<String, String> extraParameters) {
    public boolean configured() {
      return clientId != null && !clientId.isBlank();
    }

    @Override
    public String toString() {
      return "Client[providerId=" + providerId + ", clientId=" + clientId + ", clientSecret=***, authorizeUrl=" + authorizeUrl
          + ", tokenUrl=" + tokenUrl + "]";
    }
  }

  private final Map<String, Client> clients;
  private final String publicUrl;

  OAuthProviders(
      @Value("${horae.public-url:http://localhost:8080}") String publicUrl,
      @Value("${horae.oauth.google.client-id:}") String googleId,
      @Value("${horae.oauth.google.client-secret:}") String googleSecret,
      @Value("${horae.oauth.google.authorize-url:https://accounts.google.com/o/oauth2/v2/auth}") String googleAuthorize,
      @Value("${horae.oauth.google.token-url:https://oauth2.googleapis.com/token}") String googleToken,
      @Value("${horae.oauth.google.revoke-url:https://oauth2.googleapis.com/revoke}") String googleRevoke,
      @Value("${horae.oauth.microsoft.client-id:}") String microsoftId,
      @Value("${horae.oauth.microsoft.client-secret:}") String microsoftSecret,
      @Value("${horae.oauth.microsoft.authorize-url:https://login.microsoftonline.com/common/oauth2/v2.0/authorize}") String microsoftAuthorize,
      @Value("${horae.oauth.microsoft.token-url:https://login.microsoftonline.com/common/oauth2/v2.0/token}") String microsoftToken) {
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.clients = Map.of(
        Provider.GOOGLE, new Client(Provider.GOOGLE, "GOOGLE", googleId, googleSecret, googleAuthorize, googleToken, googleRevoke,
            List.of("https://www.googleapis.com/auth/calendar", "openid", "email"), Map.of("access_type", "offline", "prompt", "consent")),
        Provider.MICROSOFT, new Client(Provider.MICROSOFT, "MICROSOFT", microsoftId, microsoftSecret, microsoftAuthorize, microsoftToken, null,
            List.of("offline_access", "Calendars.ReadWrite", "openid", "email"), Map.of()));
  }

  public Client client(String providerId) {
    return clients.get(providerId);
  }

  /** Where a provider's push notifications arrive. */
  public String pushUrl(String providerId) {
    return publicUrl + "/bookings/v2/external-calendars/push/" + (Provider.GOOGLE.equals(providerId) ? "google" : "microsoft");
  }

  public String callbackUrl() {
    return publicUrl + "/bookings/v2/external-calendars/oauth/callback";
  }
}
