package dev.horae.connection.caldav;

import dev.horae.connection.Connection;
import dev.horae.connection.ConnectionRepository;
import dev.horae.connection.Provider;
import dev.horae.connection.account.AccountOpener;
import dev.horae.connection.account.CalendarAccount;
import dev.horae.connection.account.CredentialsConnector.Location;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.shared.TenantId;
import java.net.URI;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The registration of CalDAV accounts: iCloud and any CalDAV server, by username and password. */
@Component
class CalDavOpener implements AccountOpener {
  private final CalDavAccounts client;
  private final ConnectionRepository connections;

  CalDavOpener(CalDavAccounts client, ConnectionRepository connections) {
    this.client = client;
    this.connections = connections;
  }

  @Override
  public Set<String> providerIds() {
    return Set.of(Provider.APPLE, Provider.CALDAV);
  }

  @Override
  public CalendarAccount open(TenantId tenant, Connection c) throws ProviderRefusal {
    String password = connections.password(tenant, c.id())
        .orElseThrow(() -> new ProviderRefusal(ProviderRefusal.Reason.BAD_CREDENTIALS, "the connection holds no credentials"));
    return new CalDavAccount(client, new Location(URI.create(c.serverUrl()), URI.create(c.principalUrl()), URI.create(c.calendarHomeUrl())),
        c.id(), c.username(), password);
  }
}
