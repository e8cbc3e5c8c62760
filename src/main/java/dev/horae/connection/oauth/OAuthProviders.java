package dev.horae.connection.oauth;

import dev.horae.connection.Provider;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Client ids, secrets and endpoints of the OAuth providers, all from configuration
 * ({@link OAuthProperties}), so tests and private clouds point
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

  OAuthProviders(dev.horae.shared.PublicUrlProperties publicUrl, OAuthProperties settings) {
    OAuthProperties.Google google = settings.google();
    OAuthProperties.Microsoft microsoft = settings.microsoft();
    this.publicUrl = publicUrl.base();
    this.clients = Map.of(
        Provider.GOOGLE, new Client(Provider.GOOGLE, "GOOGLE", google.clientId(), google.clientSecret(), google.authorizeUrl(), google.tokenUrl(),
            google.revokeUrl(),
            List.of("https://www.googleapis.com/auth/calendar", "openid", "email"), Map.of("access_type", "offline", "prompt", "consent")),
        Provider.MICROSOFT, new Client(Provider.MICROSOFT, "MICROSOFT", microsoft.clientId(), microsoft.clientSecret(), microsoft.authorizeUrl(),
            microsoft.tokenUrl(), null,
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
