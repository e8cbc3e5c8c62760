package dev.horae.connection.ics;

import dev.horae.connection.Connection;
import dev.horae.connection.ConnectionRepository;
import dev.horae.connection.Provider;
import dev.horae.connection.account.AccountOpener;
import dev.horae.connection.account.CalendarAccount;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.shared.TenantId;
import java.net.URI;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The registration of ICS feeds: the feed's address is kept sealed as the connection's credential. */
@Component
class IcsFeedOpener implements AccountOpener {
  private final IcsFeeds feeds;
  private final ConnectionRepository connections;

  IcsFeedOpener(IcsFeeds feeds, ConnectionRepository connections) {
    this.feeds = feeds;
    this.connections = connections;
  }

  @Override
  public Set<String> providerIds() {
    return Set.of(Provider.ICS_FEED);
  }

  @Override
  public CalendarAccount open(TenantId tenant, Connection c) throws ProviderRefusal {
    String url = connections.password(tenant, c.id())
        .orElseThrow(() -> new ProviderRefusal(ProviderRefusal.Reason.BAD_CREDENTIALS, "the connection holds no feed address"));
    return new IcsFeedAccount(feeds, URI.create(url));
  }
}
