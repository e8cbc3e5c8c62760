package dev.horae.connection.oauth;

import dev.horae.connection.account.ProviderRefusal;
import dev.horae.shared.Instants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A provider's per-account concurrency limit, cluster-wide (Microsoft Graph: 4 concurrent requests
 * per mailbox, whichever node sends them). A request holds one of the account's {@code size} slot
 * rows in PostgreSQL while it runs; each slot has a lease, so a slot whose node died is free again
 * once the lease has run out. Taking and giving back a slot are one statement each, outside any
 * transaction.
 */
@Repository
public class ProviderSlots {
  private static final Duration POLL = Duration.ofMillis(20);
  private final JdbcClient jdbc;
  private final Clock clock;

  public ProviderSlots(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A slot held; closing it gives it back. */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Takes one of {@code size} slots of the account for at most {@code hold} (the request's timeout
   * and a margin), waiting up to {@code wait} for one to be free; all taken after that is {@link
   * ProviderRefusal.Reason#RATE_LIMITED}, an interrupt {@link ProviderRefusal.Reason#INTERRUPTED}.
   */
  public Slot acquire(String provider, String account, int size, Duration hold, Duration wait) throws ProviderRefusal {
    String holder = UUID.randomUUID().toString();
    Instant deadline = clock.instant().plus(wait);
    while (true) {
      Instant now = clock.instant();
      Integer slot = jdbc.sql("insert into provider_slot (provider, account_key, slot, holder, lease_until)"
              + " select ?, ?, s, ?, ? from generate_series(0, ? - 1) s where not exists (select 1 from provider_slot p"
              + "   where p.provider = ? and p.account_key = ? and p.slot = s and p.lease_until > ?) order by s limit 1"
              + " on conflict (provider, account_key, slot) do update set holder = excluded.holder, lease_until = excluded.lease_until"
              + " where provider_slot.lease_until <= ? returning slot")
          .params(provider, account, holder, Instants.utc(now.plus(hold)), size, provider, account, Instants.utc(now), Instants.utc(now))
          .query(Integer.class).optional().orElse(null);
      if (slot != null) {
        return () -> jdbc.sql("delete from provider_slot where provider = ? and account_key = ? and slot = ? and holder = ?")
            .params(provider, account, slot, holder).update();
      }
      if (!now.isBefore(deadline)) {
        throw new ProviderRefusal(ProviderRefusal.Reason.RATE_LIMITED, "all " + size + " concurrent requests of the account are in use");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderRefusal(ProviderRefusal.Reason.INTERRUPTED, "interrupted");
      }
    }
  }
}
