package dev.horae.connection.oauth;

import dev.horae.connection.Connection;
import dev.horae.connection.account.AccountOpener;
import dev.horae.connection.account.CalendarAccount;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.shared.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The registration of every OAuth provider adapter ({@link OAuthAccounts}) in the build: each opened over the connection's tokens. */
@Component
class OAuthOpener implements AccountOpener {
  private final Map<String, OAuthAccounts> adapters;
  private final OAuthTokens tokens;

  OAuthOpener(List<OAuthAccounts> adapters, OAuthTokens tokens) {
    this.adapters = adapters.stream().collect(Collectors.toMap(OAuthAccounts::providerId, a -> a));
    this.tokens = tokens;
  }

  @Override
  public Set<String> providerIds() {
    return adapters.keySet();
  }

  @Override
  public CalendarAccount open(TenantId tenant, Connection c) throws ProviderRefusal {
    return new OAuthAccount(adapters.get(c.providerId()), tokens.session(tenant, c), () -> tokens.revoke(tenant, c));
  }
}
