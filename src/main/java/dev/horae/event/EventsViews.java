package dev.horae.event;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each tenant's events view: the instant up to which every occurrence is materialised. It starts
 * {@code horae.events-view.future-days} (365) ahead of the tenant's first use and only ever moves
 * forward, by {@link ExtendingEventsView}. Writers that materialise up to the end, or decide by it
 * whether a change is in the view, hold the tenant's view lock shared; the extension holds it
 * exclusively, so a series created during an extension is never left with a gap and no change
 * falls between the old end and the new. The lock is a transaction-scoped advisory lock, not a
 * row lock: a row held {@code FOR SHARE} by many transactions at once is rewritten with a new
 * multixact by each, so a tenant's concurrent writers would queue on it.
 */
@Component
public class EventsViews {
  private final JdbcClient jdbc;
  private final Clock clock;
  private final int futureDays;

  EventsViews(JdbcClient jdbc, Clock clock, @Value("${horae.events-view.future-days:365}") int futureDays) {
    if (futureDays < 365) {
      throw new IllegalArgumentException("horae.events-view.future-days must be 365 or more, not " + futureDays);
    }
    this.jdbc = jdbc;
    this.clock = clock;
    this.futureDays = futureDays;
  }

  public record View(Instant endDate, int futureDays) {}

  /** The advisory lock class of the events views (the key's first half; the tenant's hash is the second). */
  private static final int LOCK_CLASS = 0x45565657; // "EVVW"

  /** The tenant's view, created on first use; its lock held shared until the transaction ends. */
  @Transactional(propagation = Propagation.MANDATORY)
  public View holdShared(TenantId tenant) {
    jdbc.sql("select pg_advisory_xact_lock_shared(?, hashtext(?))").params(LOCK_CLASS, tenant.value().toString()).query().singleRow();
    return get(tenant, "");
  }

  @Transactional
  public View get(TenantId tenant) {
    return get(tenant, "");
  }

  private View get(TenantId tenant, String lock) {
    Optional<View> view = read(tenant, lock);
    if (view.isPresent()) {
      return view.get();
    }
    Instant now = Instants.truncate(clock.instant());
    jdbc.sql("insert into events_view (tenant_id, end_date, future_days, updated_at) values (?, ?, ?, ?) on conflict do nothing")
        .params(tenant.value(), Instants.utc(now.plus(Duration.ofDays(futureDays))), futureDays, Instants.utc(now))
        .update();
    return read(tenant, lock).orElseThrow();
  }

  private Optional<View> read(TenantId tenant, String lock) {
    return jdbc.sql("select end_date, future_days from events_view where tenant_id = ? " + lock)
        .params(tenant.value())
        .query((rs, n) -> new View(rs.getObject("end_date", OffsetDateTime.class).toInstant(), rs.getInt("future_days")))
        .optional();
  }

  /** Locks the view for an extension and answers the new end, or empty when it is already far enough. */
  @Transactional(propagation = Propagation.MANDATORY)
  Optional<Instant[]> lockForExtension(TenantId tenant) {
    jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))").params(LOCK_CLASS, tenant.value().toString()).query().singleRow();
    View view = get(tenant, "for update");
    Instant wanted = Instants.truncate(clock.instant()).plus(Duration.ofDays(futureDays));
    if (!wanted.isAfter(view.endDate())) {
      return Optional.empty();
    }
    return Optional.of(new Instant[] {view.endDate(), wanted});
  }

  @Transactional(propagation = Propagation.MANDATORY)
  void moveEnd(TenantId tenant, Instant end) {
    jdbc.sql("update events_view set end_date = ?, future_days = ?, updated_at = ? where tenant_id = ?")
        .params(Instants.utc(end), futureDays, Instants.utc(Instants.truncate(clock.instant())), tenant.value())
        .update();
  }

  List<TenantId> tenants() {
    return jdbc.sql("select tenant_id from events_view order by tenant_id").query(UUID.class).list().stream().map(TenantId::new).toList();
  }
}
