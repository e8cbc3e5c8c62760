package dev.horae.connection.account;

import dev.horae.connection.Connection;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The factory of {@link CalendarAccount}s: the one place a connection's provider decides how its account is reached. */
@Component
public class CalendarAccounts {
  private final Map<String, AccountOpener> openers = new HashMap<>();

  public CalendarAccounts(List<AccountOpener> registered) {
    for (AccountOpener opener : registered) {
      for (String id : opener.providerIds()) {
        if (openers.put(id, opener) != null) {
          throw new IllegalStateException("two adapters register provider " + id);
        }
      }
    }
  }

  /** The account of {@code c}; a provider without an adapter in this build is a 422 NOT_AVAILABLE. */
  public CalendarAccount open(TenantId tenant, Connection c) throws ProviderRefusal {
    AccountOpener opener = openers.get(c.providerId());
    if (opener == null) {
      throw Rejection.unprocessable("NOT_AVAILABLE", c.calendarType() + " connections are not available in this version of Horae yet");
    }
    return opener.open(tenant, c);
  }
}
