package dev.horae.connection.account;

import dev.horae.connection.Connection;
import dev.horae.shared.TenantId;
import java.util.Set;

/**
 * A provider's registration: the providers it serves ({@link dev.horae.connection.Provider} ids)
 * and how it opens a connection's account. A new provider is one package with one of these.
 */
public interface AccountOpener {
  Set<String> providerIds();

  /** Opens the account of {@code c} (reads its sealed credentials; sends nothing yet). */
  CalendarAccount open(TenantId tenant, Connection c) throws ProviderRefusal;
}
