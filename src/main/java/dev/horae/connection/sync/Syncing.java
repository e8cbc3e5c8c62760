package dev.horae.connection.sync;

import dev.horae.connection.Connection;
import dev.horae.connection.ConnectionErrorReason;
import dev.horae.connection.ConnectionRepository;
import dev.horae.connection.ConnectionStatus;
import dev.horae.connection.ConnectionView;
import dev.horae.connection.SyncConfig;
import dev.horae.connection.account.Calendar;
import dev.horae.connection.account.CalendarAccount;
import dev.horae.connection.account.CalendarAccounts;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.connection.account.Window;
import dev.horae.connection.export.ExportStore;
import dev.horae.connection.export.ExportTargets;
import dev.horae.connection.export.Exporting;
import dev.horae.connection.push.PushChannels;
import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;
import dev.horae.shared.Backoffs;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a connection's syncs: one at a time per connection across the cluster (a lease in
 * PostgreSQL, renewed while it runs). A sync opens the connection's account ({@link
 * CalendarAccounts}), imports each calendar the sync config names ({@link Importing}), keeps a push
 * channel on each where the provider offers them ({@link PushChannels}), and, when the sync config
 * exports, writes the schedule out ({@link Exporting}) to the primary calendar or to a dedicated one
 * created exactly once (claimed in the database first). Status moves CONNECTED → SYNC_IN_PROGRESS →
 * SYNCED; refused credentials (a changed password, a revoked grant) make it ERROR / TOKEN_REVOKED, a
 * vanished calendar ERROR / EXTERNAL_CALENDAR_DELETED, each with a domain event; every failure backs
 * off. No network call runs inside a database transaction.
 */
@Component
public class Syncing {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Syncing.class);
  private final ConnectionRepository connections;
  private final dev.horae.schedule.FindingSchedules schedules;
  private final CalendarAccounts accounts;
  private final SyncLeases leases;
  private final Importing importing;
  private final ImportStore store;
  private final PushChannels push;
  private final ExportTargets targets;
  private final ExportStore exportStore;
  private final Exporting exporting;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final SyncProperties settings;
  private final Outcomes outcomes;

  /** Sync outcomes as Micrometer counters ({@code horae.connections.syncs{outcome=…}}). */
  record Outcomes(io.micrometer.core.instrument.MeterRegistry registry) {
    io.micrometer.core.instrument.Counter counter(String outcome) {
      return registry.counter("horae.connections.syncs", "outcome", outcome);
    }
  }

  Syncing(ConnectionRepository connections, dev.horae.schedule.FindingSchedules schedules, CalendarAccounts accounts, SyncLeases leases,
      Importing importing, ImportStore store, PushChannels push, ExportTargets targets, ExportStore exportStore, Exporting exporting, Outbox outbox,
      TransactionTemplate transactions, Clock clock, SyncProperties settings, io.micrometer.core.instrument.MeterRegistry registry) {
    this.connections = connections;
    this.schedules = schedules;
    this.accounts = accounts;
    this.leases = leases;
    this.importing = importing;
    this.store = store;
    this.push = push;
    this.targets = targets;
    this.exportStore = exportStore;
    this.exporting = exporting;
    this.outbox = outbox;
    this.transactions = transactions;
    this.clock = clock;
    this.settings = settings;
    this.outcomes = new Outcomes(registry);
    io.micrometer.core.instrument.Gauge.builder("horae.connections.sync.lag.max", () -> connections.maxLagSeconds(clock.instant()))
        .description("Seconds since the least recent successful sync among syncing connections").baseUnit("seconds").register(registry);
  }

  /**
   * Runs one sync now, for the API: leases the connection first, so it never runs beside another
   * sync of it, on any node. When one is running (the worker's, another request's), this joins it:
   * waits for it to end and answers the connection as it left it, and asks for one more sync right
   * after, so a change made just before this request is not missed. A sync still running after
   * the join timeout is a 409 SYNC_IN_PROGRESS.
   */
  public Connection sync(TenantId tenant, UUID id) {
    connections.find(tenant, id, false).orElseThrow(() -> Rejection.notFound("Connection", id));
    if (leases.tryTake(tenant, id)) {
      return syncLeased(tenant, id);
    }
    Instant deadline = leases.joinDeadline();
    transactions.executeWithoutResult(status -> connections.requestSync(tenant, id, clock.instant()));
    if (!leases.awaitEnd(tenant, id, deadline)) {
      throw Rejection.conflict("SYNC_IN_PROGRESS", "A sync of connection " + id + " is running; its result shows on the connection when it ends");
    }
    return connections.find(tenant, id, false).orElseThrow();
  }

  /**
   * Runs one sync of a connection this node has leased, renewing the lease while it runs and giving
   * it up afterwards. A sync interrupted by this node's shutdown is no error: the connection is due
   * again at once, for another node.
   */
  public Connection syncLeased(TenantId tenant, UUID id) {
    leases.hold(id);
    Instant resumeAt = null;
    try {
      return run(tenant, id);
    } catch (ProviderRefusal interrupted) { // run lets only INTERRUPTED out
      resumeAt = interrupted(id, interrupted);
      return connections.find(tenant, id, false).orElseThrow();
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        resumeAt = interrupted(id, e);
        throw e;
      }
      if (!(e instanceof Rejection)) { // a failure of ours: back off like a refusal, so a broken connection never spins
        connections.find(tenant, id, false).ifPresent(c -> backOff(tenant, c));
      }
      throw e;
    } finally {
      leases.release(tenant, id, resumeAt);
    }
  }

  /** Counts and logs a sync cut short by this node's shutdown; answers when the connection is due again: now. */
  private Instant interrupted(UUID id, Exception how) {
    outcomes.counter("interrupted").increment();
    log.info("Sync of connection {} interrupted by this node's shutdown ({}); it is due again for another node", id, how.toString());
    return clock.instant();
  }

  private Connection run(TenantId tenant, UUID id) throws ProviderRefusal {
    Connection c = connections.find(tenant, id, false).orElseThrow(() -> Rejection.notFound("Connection", id));
    if (c.status() == ConnectionStatus.DISCONNECTED) {
      throw Rejection.failedPrecondition("CONNECTION_ALREADY_DISCONNECTED", "Connection " + id + " is disconnected");
    }
    Instant now = Instants.truncate(clock.instant());
    if (c.status() == ConnectionStatus.CONNECTED) {
      connections.status(tenant, id, ConnectionStatus.SYNC_IN_PROGRESS, ConnectionErrorReason.UNDEFINED, now, false, null);
    }
    boolean full = c.lastFullSyncDate() == null || c.lastFullSyncDate().isBefore(now.minus(settings.fullEvery()));
    Window window = new Window(now.minus(settings.windowPast()), now.plus(settings.windowFuture()), schedules.get(tenant, c.scheduleId()).timeZone(), full);
    try {
      Imported imported = sync(tenant, c, accounts.open(tenant, c), window);
      if (imported == null) {
        return connections.find(tenant, id, false).orElseThrow(); // the export calendar could not be created: recorded
      }
      transactions.executeWithoutResult(status -> {
        if (!leases.held(tenant, id)) { // lost while this node stood still: the holder's sync stands
          log.warn("Sync of connection {} finished after its lease was lost; its result is not recorded", id);
          return;
        }
        store.keepOnly(tenant, id, imported.calendars());
        connections.status(tenant, id, ConnectionStatus.SYNCED, ConnectionErrorReason.UNDEFINED, Instants.truncate(clock.instant()), true, imported.email());
        connections.scheduleNext(tenant, id, Instants.truncate(clock.instant()).plus(settings.interval()), true, full, Instants.truncate(clock.instant()));
      });
      outcomes.counter("success").increment();
    } catch (ProviderRefusal e) {
      if (e.reason() == ProviderRefusal.Reason.INTERRUPTED) {
        throw e;
      }
      failed(tenant, c, e);
    }
    return connections.find(tenant, id, false).orElseThrow();
  }

  private void failed(TenantId tenant, Connection c, ProviderRefusal e) {
    UUID id = c.id();
    log.warn("Sync of connection {} refused: {} ({})", id, e.reason(), e.getMessage());
    ConnectionErrorReason reason = switch (e.reason()) {
      case BAD_CREDENTIALS -> ConnectionErrorReason.TOKEN_REVOKED;
      case CALENDAR_DELETED -> ConnectionErrorReason.EXTERNAL_CALENDAR_DELETED;
      default -> null;
    };
    if (reason != null) {
      transactions.executeWithoutResult(status -> {
        if (leases.held(tenant, id)) {
          error(tenant, id, reason, e);
        }
      });
    }
    // an unreachable or busy provider keeps its status; every failure backs off (capped, with jitter)
    backOff(tenant, c);
    outcomes.counter(e.reason().name().toLowerCase(java.util.Locale.ROOT)).increment();
  }

  /** Puts the connection in ERROR for {@code reason}, with its domain event; inside the caller's transaction. */
  private void error(TenantId tenant, UUID id, ConnectionErrorReason reason, ProviderRefusal e) {
    connections.status(tenant, id, ConnectionStatus.ERROR, reason, Instants.truncate(clock.instant()), false, null);
    outbox.record(tenant, DomainEvent.action(ConnectionView.FQDN, "error", id.toString(), null,
        Map.of("connection", ConnectionView.of(connections.find(tenant, id, false).orElseThrow()), "detail", e.getMessage())));
  }

  private void backOff(TenantId tenant, Connection c) {
    int failures = c.syncErrorCount() + 1;
    long delay = Backoffs.equalJitter(failures, settings.retryBase(), settings.retryCap()).toMillis();
    transactions.executeWithoutResult(status -> {
      if (leases.held(tenant, c.id())) {
        connections.scheduleNext(tenant, c.id(), Instants.truncate(clock.instant()).plusMillis(delay), false, false,
            Instants.truncate(clock.instant()));
      }
    });
  }

  /** What a sync imported: the calendar ids (busy time of any other calendar goes), and the account's address when it learned it. */
  public record Imported(List<String> calendars, String email) {}

  /** Imports the chosen calendars (keeping a push channel on each where the provider has them), then exports. */
  private Imported sync(TenantId tenant, Connection c, CalendarAccount account, Window w) throws ProviderRefusal {
    List<Calendar> calendars = account.calendars().stream().filter(Calendar::events).toList();
    String exportCalendar = exportStore.calendar(tenant, c.id());
    List<Calendar> chosen = checkedChoice(c, calendars, exportCalendar);
    // the copies Horae wrote, read once: never imported as busy time, and what the export starts from
    Map<String, ExportStore.Exported> exported = exportStore.all(tenant, c.id());
    Set<String> ours = new java.util.HashSet<>();
    exported.values().forEach(e -> ours.add(e.href()));
    java.util.Optional<CalendarAccount.Push> channels = account.push();
    for (Calendar calendar : chosen) {
      importing.calendar(tenant, c, account, calendar, w, ours);
      if (channels.isPresent()) {
        push.keep(tenant, c, channels.get(), calendar.id());
      }
    }
    channels.ifPresent(p -> push.keepOnly(tenant, c, p, chosen.stream().map(Calendar::id).toList()));
    if (c.sync().exporting()) {
      String target;
      try {
        target = targets.target(tenant, c, calendars, exportCalendar, account);
      } catch (ExportTargets.CreationFailed e) {
        transactions.executeWithoutResult(status -> error(tenant, c.id(), ConnectionErrorReason.EXTERNAL_CALENDAR_CREATION_FAILED, e));
        return null;
      }
      if (target == null) {
        return null;
      }
      exporting.export(tenant, c, account.exportTo(target), exported, w.from(), w.to());
    }
    return new Imported(chosen.stream().map(Calendar::id).toList(), account.owner(calendars));
  }

  /** The calendars to import (never Horae's own export calendar); a configured calendar that is gone is a refusal. */
  private static List<Calendar> checkedChoice(Connection c, List<Calendar> calendars, String exportCalendar) throws ProviderRefusal {
    List<Calendar> chosen = chosen(c, calendars.stream().filter(cal -> !cal.id().equals(exportCalendar)).toList());
    List<String> missing = configured(c).stream().filter(cal -> calendars.stream().noneMatch(known -> known.id().equals(cal))).toList();
    if (!missing.isEmpty()) {
      throw new ProviderRefusal(ProviderRefusal.Reason.CALENDAR_DELETED, "the imported calendar " + missing.get(0) + " is gone");
    }
    return chosen;
  }

  /** The calendar ids the sync config names for import (none for the primary calendar). */
  public static List<String> configured(Connection c) {
    SyncConfig config = c.sync();
    return config.importing() ? config.calendars() : List.of();
  }

  /** The calendars the sync config imports from: the first (primary) one, or those it lists; none when import is off. */
  public static List<Calendar> chosen(Connection c, List<Calendar> calendars) {
    SyncConfig config = c.sync();
    if (!config.importing()) {
      return List.of();
    }
    if (!config.calendars().isEmpty()) {
      return calendars.stream().filter(cal -> config.calendars().contains(cal.id())).toList();
    }
    return Calendar.primary(calendars).stream().toList();
  }
}
