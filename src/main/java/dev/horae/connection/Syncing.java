package dev.horae.connection;

import dev.horae.shared.Backoffs;
import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.storage.ClusterProperties;
import dev.horae.storage.LeaseKeeper;
import dev.horae.storage.NodeIdentity;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a connection's busy time: for each calendar the sync config names, what changed since
 * the last sync. CalDAV: RFC 6578 sync-collection (an expired token starts over with a full
 * listing), or, where the server lacks it, comparing every object's ETag; changed objects are
 * fetched (calendar-multiget) and re-expanded, vanished ones removed. Google and Microsoft: their
 * sync token or delta link ({@link OAuthImport}), with a push channel kept on each imported
 * calendar ({@link PushChannels}). Then, when the sync config exports, the schedule is written out
 * ({@link Exporting}). Status moves CONNECTED → SYNC_IN_PROGRESS → SYNCED; refused credentials (a
 * changed password, a revoked grant) make it ERROR / TOKEN_REVOKED, a vanished calendar ERROR /
 * EXTERNAL_CALENDAR_DELETED, each with a domain event. No network call runs inside a database
 * transaction.
 */
@Component
class Syncing {
  /** Without sync-collection the stored token is the calendar's CTag, marked so it is never sent as a sync token. */
  static final String CTAG = "ctag:";
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Syncing.class);
  private final ConnectionRepository connections;
  private final dev.horae.schedule.FindingSchedules schedules;
  private final ImportStore store;
  private final ExportStore exportStore;
  private final Exporting exporting;
  private final CredentialsAccounts accounts;
  private final Map<String, OAuthAccounts> adapters;
  private final OAuthTokens tokens;
  private final OAuthImport oauthImport;
  private final PushChannels push;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration past;
  private final Duration future;
  private final Duration interval;
  private final Duration fullEvery;
  private final Duration retryBase;
  private final Duration retryCap;
  private final Outcomes outcomes;
  private final NodeIdentity node;
  private final Duration leaseLength;
  private final LeaseKeeper<UUID> leases;
  private final dev.horae.connection.ics.IcsFeeds feeds;
  private final Duration joinTimeout;
  private static final Duration JOIN_POLL = Duration.ofMillis(100);

  /** Sync outcomes as Micrometer counters ({@code horae.connections.syncs{outcome=…}}). */
  record Outcomes(io.micrometer.core.instrument.MeterRegistry registry) {
    io.micrometer.core.instrument.Counter counter(String outcome) {
      return registry.counter("horae.connections.syncs", "outcome", outcome);
    }
  }

  Syncing(ConnectionRepository connections, dev.horae.schedule.FindingSchedules schedules, ImportStore store, ExportStore exportStore, Exporting exporting, CredentialsAccounts accounts,
      List<OAuthAccounts> adapters, OAuthTokens tokens, OAuthImport oauthImport, PushChannels push, Outbox outbox, TransactionTemplate transactions,
      Clock clock, SyncProperties settings, dev.horae.connection.ics.IcsFeeds feeds,
      io.micrometer.core.instrument.MeterRegistry registry, NodeIdentity node, ClusterProperties cluster) {
    this.joinTimeout = settings.joinTimeout();
    this.feeds = feeds;
    this.node = node;
    this.leaseLength = cluster.lease();
    this.leases = new LeaseKeeper<>("connection-sync", cluster.heartbeat(),
        held -> transactions.execute(status -> connections.renewLeases(node.id(), held, clock.instant().plus(cluster.lease()))));
    this.interval = settings.interval();
    this.fullEvery = settings.fullEvery();
    this.retryBase = settings.retryBase();
    this.retryCap = settings.retryCap();
    this.outcomes = new Outcomes(registry);
    io.micrometer.core.instrument.Gauge.builder("horae.connections.sync.lag.max", () -> connections.maxLagSeconds(clock.instant()))
        .description("Seconds since the least recent successful sync among syncing connections").baseUnit("seconds").register(registry);
    this.connections = connections;
    this.schedules = schedules;
    this.store = store;
    this.exportStore = exportStore;
    this.exporting = exporting;
    this.accounts = accounts;
    this.adapters = adapters.stream().collect(java.util.stream.Collectors.toMap(OAuthAccounts::providerId, a -> a));
    this.tokens = tokens;
    this.oauthImport = oauthImport;
    this.push = push;
    this.outbox = outbox;
    this.transactions = transactions;
    this.clock = clock;
    this.past = settings.windowPast();
    this.future = settings.windowFuture();
  }

  /**
   * Runs one sync now, for the API: leases the connection first, so it never runs beside another
   * sync of it, on any node. When one is running (the worker's, another request's), this joins it:
   * waits for it to end and answers the connection as it left it, and asks for one more sync right
   * after, so a change made just before this request is not missed. A sync still running after
   * the join timeout is a 409 SYNC_IN_PROGRESS.
   */
  Connection sync(TenantId tenant, UUID id) {
    connections.find(tenant, id, false).orElseThrow(() -> Rejection.notFound("Connection", id));
    Instant now = clock.instant();
    if (tryLease(tenant, id)) {
      return syncLeased(tenant, id);
    }
    transactions.executeWithoutResult(status -> connections.requestSync(tenant, id, now));
    if (!awaitEnd(tenant, id, now.plus(joinTimeout))) {
      throw Rejection.conflict("SYNC_IN_PROGRESS", "A sync of connection " + id + " is running; its result shows on the connection when it ends");
    }
    return connections.find(tenant, id, false).orElseThrow();
  }

  /**
   * Runs {@code work} holding the connection's sync lease, so no sync runs meanwhile (disconnect):
   * waits for a running sync to end first, up to the join timeout (then 409 SYNC_IN_PROGRESS).
   */
  <T> T exclusively(TenantId tenant, UUID id, java.util.function.Supplier<T> work) {
    Instant deadline = clock.instant().plus(joinTimeout);
    while (!tryLease(tenant, id)) {
      connections.find(tenant, id, false).orElseThrow(() -> Rejection.notFound("Connection", id));
      if (!awaitEnd(tenant, id, deadline) || !clock.instant().isBefore(deadline)) {
        throw Rejection.conflict("SYNC_IN_PROGRESS", "A sync of connection " + id + " is running; send the request again when it ends");
      }
    }
    leases.hold(id);
    try {
      return work.get();
    } finally {
      leases.release(id);
      transactions.executeWithoutResult(status -> connections.releaseLease(tenant, id, node.id(), null));
    }
  }

  private boolean tryLease(TenantId tenant, UUID id) {
    Instant now = clock.instant();
    return Boolean.TRUE.equals(transactions.execute(status -> connections.lease(tenant, id, node.id(), now, now.plus(leaseLength))));
  }

  /** Waits until the sync running now ends (or another one took over after it); false at the deadline with it still running. */
  private boolean awaitEnd(TenantId tenant, UUID id, Instant deadline) {
    java.util.Optional<Instant> running = connections.runningSince(tenant, id, clock.instant());
    while (running.isPresent()) {
      if (!clock.instant().isBefore(deadline)) {
        return false;
      }
      try {
        Thread.sleep(JOIN_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Rejection.unavailable("SHUTTING_DOWN", "This node is shutting down; send the request again");
      }
      java.util.Optional<Instant> now = connections.runningSince(tenant, id, clock.instant());
      running = now.equals(running) ? now : java.util.Optional.empty();
    }
    return true;
  }

  /**
   * Runs one sync of a connection this node has leased, renewing the lease while it runs and giving
   * it up afterwards. A sync interrupted by this node's shutdown is no error: the connection is due
   * again at once, for another node.
   */
  Connection syncLeased(TenantId tenant, UUID id) {
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
      leases.release(id);
      Instant due = resumeAt;
      boolean wasInterrupted = Thread.interrupted(); // the release must reach the database even now
      try {
        transactions.executeWithoutResult(status -> connections.releaseLease(tenant, id, node.id(), due));
      } finally {
        if (wasInterrupted) {
          Thread.currentThread().interrupt();
        }
      }
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
    Provider.Kind kind = Provider.kindOf(c.providerId());
    if (kind == Provider.Kind.OAUTH && adapters.get(c.providerId()) == null) {
      throw Rejection.unprocessable("SYNC_NOT_AVAILABLE", "Syncing " + c.calendarType() + " connections is not available in this version of Horae yet");
    }
    Instant now = Instants.truncate(clock.instant());
    if (c.status() == ConnectionStatus.CONNECTED) {
      connections.status(tenant, id, ConnectionStatus.SYNC_IN_PROGRESS, ConnectionErrorReason.UNDEFINED, now, false, null);
    }
    boolean full = c.lastFullSyncDate() == null || c.lastFullSyncDate().isBefore(now.minus(fullEvery));
    Window window = new Window(now.minus(past), now.plus(future), schedules.get(tenant, c.scheduleId()).timeZone(), full);
    try {
      Imported imported = switch (kind) {
        case OAUTH -> syncOAuth(tenant, c, window);
        case CALDAV -> syncCalDav(tenant, c, window);
        case ICS_FEED -> syncFeed(tenant, c, window);
      };
      if (imported == null) {
        return connections.find(tenant, id, false).orElseThrow(); // the export calendar could not be created: recorded
      }
      transactions.executeWithoutResult(status -> {
        if (!connections.holdsLease(tenant, id, node.id())) { // lost while this node stood still: the holder's sync stands
          log.warn("Sync of connection {} finished after its lease was lost; its result is not recorded", id);
          return;
        }
        store.keepOnly(tenant, id, imported.calendars());
        connections.status(tenant, id, ConnectionStatus.SYNCED, ConnectionErrorReason.UNDEFINED, Instants.truncate(clock.instant()), true, imported.email());
        connections.scheduleNext(tenant, id, Instants.truncate(clock.instant()).plus(interval), true, full, Instants.truncate(clock.instant()));
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

  /** Stops the heartbeat once the workers have stopped (and given their leases up). */
  @jakarta.annotation.PreDestroy
  void stopHeartbeat() {
    leases.close();
  }

  /** The sync window, the zone floating times are read in, and whether this is a full reconciliation. */
  record Window(Instant from, Instant to, ZoneId zone, boolean full) {}

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
        if (!connections.holdsLease(tenant, id, node.id())) {
          return;
        }
        connections.status(tenant, id, ConnectionStatus.ERROR, reason, Instants.truncate(clock.instant()), false, null);
        Connection failed = connections.find(tenant, id, false).orElseThrow();
        outbox.record(tenant, DomainEvent.action(Connecting.FQDN, "error", id.toString(), null,
            Map.of("connection", ConnectionView.of(failed), "detail", e.getMessage())));
      });
    }
    // an unreachable or busy provider keeps its status; every failure backs off (capped, with jitter)
    backOff(tenant, c);
    outcomes.counter(e.reason().name().toLowerCase(java.util.Locale.ROOT)).increment();
  }

  private void backOff(TenantId tenant, Connection c) {
    int failures = c.syncErrorCount() + 1;
    long delay = Backoffs.equalJitter(failures, retryBase, retryCap).toMillis();
    transactions.executeWithoutResult(status -> {
      if (connections.holdsLease(tenant, c.id(), node.id())) {
        connections.scheduleNext(tenant, c.id(), Instants.truncate(clock.instant()).plusMillis(delay), false, false,
            Instants.truncate(clock.instant()));
      }
    });
  }

  /** What a sync imported: the calendar ids (busy time of any other calendar goes), and the account's address when it learned it. */
  record Imported(List<String> calendars, String email) {}

  /** Google, Microsoft: import the chosen calendars, keep a push channel on each, export. */
  private Imported syncOAuth(TenantId tenant, Connection c, Window w) throws ProviderRefusal {
    OAuthAccounts accounts = adapters.get(c.providerId());
    OAuthAccounts.Session session = tokens.session(tenant, c);
    List<CredentialsAccounts.Calendar> calendars = accounts.calendars(session);
    // Google names the primary calendar after the account's address
    String email = calendars.stream().filter(CredentialsAccounts.Calendar::primary).map(CredentialsAccounts.Calendar::id).filter(id -> id.contains("@"))
        .findFirst().orElse(null);
    String exportCalendar = exportStore.calendar(tenant, c.id());
    List<CredentialsAccounts.Calendar> chosen = checkedChoice(c, calendars, exportCalendar);
    Set<String> ours = new java.util.HashSet<>();
    exportStore.all(tenant, c.id()).values().forEach(e -> ours.add(e.href()));
    for (CredentialsAccounts.Calendar calendar : chosen) {
      oauthImport.calendar(tenant, c, accounts, session, calendar, w, ours);
      push.keep(tenant, c, accounts, session, calendar.id());
    }
    push.keepOnly(tenant, c, accounts, session, chosen.stream().map(CredentialsAccounts.Calendar::id).toList());
    if (exports(c)) {
      String target = exportTarget(tenant, c, calendars, exportCalendar, oauthCreation(accounts, session));
      if (target == null) {
        return null;
      }
      exporting.export(tenant, c, Exporting.oauth(accounts, session, target), w.from(), w.to());
    }
    return new Imported(chosen.stream().map(CredentialsAccounts.Calendar::id).toList(), email);
  }

  /** An ICS feed is one calendar; this is its id. */
  static final String FEED = "feed";

  /**
   * An ICS feed: a conditional GET with the validators of the last fetch (an unchanged feed is one
   * 304 and nothing else); a changed feed is split by UID and only the objects whose content
   * changed are expanded and rewritten, those gone removed. The daily full reconciliation fetches
   * unconditionally and expands every object again (the window moves on).
   */
  private Imported syncFeed(TenantId tenant, Connection c, Window w) throws ProviderRefusal {
    if (chosen(c, List.of(new CredentialsAccounts.Calendar(FEED, "ICS feed", true, true))).isEmpty()) {
      return new Imported(List.of(), null); // import switched off
    }
    UUID id = c.id();
    java.net.URI url = java.net.URI.create(connections.password(tenant, id).orElseThrow());
    FeedValidators last = w.full() ? FeedValidators.NONE : FeedValidators.decode(store.syncToken(tenant, id, FEED));
    dev.horae.connection.ics.IcsFeeds.Fetched fetched = feeds.fetch(url, last.etag(), last.lastModified());
    if (fetched.unchanged()) {
      return new Imported(List.of(FEED), null);
    }
    dev.horae.connection.ics.IcsFeeds.Split split = dev.horae.connection.ics.IcsFeeds.split(fetched.text());
    Map<String, String> known = store.etags(tenant, id, FEED);
    String name = split.name() == null ? "ICS feed" : split.name();
    List<ImportStore.ImportedObject> changed = new ArrayList<>();
    split.objects().forEach((uid, text) -> {
      if (w.full() || !split.hashes().get(uid).equals(known.get(uid))) {
        changed.add(new ImportStore.ImportedObject(uid, split.hashes().get(uid), IcsBusy.of(text, w.from(), w.to(), null, w.zone())));
      }
    });
    List<String> gone = known.keySet().stream().filter(uid -> !split.objects().containsKey(uid)).toList();
    write(tenant, c, FEED, name, changed, gone, new FeedValidators(fetched.etag(), fetched.lastModified()).encode());
    return new Imported(List.of(FEED), null);
  }

  /** The validators of a feed's last fetch, kept as the feed calendar's sync token. */
  record FeedValidators(String etag, String lastModified) {
    static final FeedValidators NONE = new FeedValidators(null, null);

    String encode() {
      return (etag == null ? "" : etag) + "\n" + (lastModified == null ? "" : lastModified);
    }

    static FeedValidators decode(String token) {
      if (token == null) {
        return NONE;
      }
      int cut = token.indexOf('\n');
      String etag = cut < 0 ? token : token.substring(0, cut);
      String modified = cut < 0 ? "" : token.substring(cut + 1);
      return new FeedValidators(etag.isEmpty() ? null : etag, modified.isEmpty() ? null : modified);
    }
  }

  /** CalDAV: import the chosen calendars by sync-collection or ETags, export. */
  private Imported syncCalDav(TenantId tenant, Connection c, Window w) throws ProviderRefusal {
    String password = connections.password(tenant, c.id()).orElseThrow();
    CredentialsAccounts.Account account = new CredentialsAccounts.Account(URI.create(c.serverUrl()), URI.create(c.principalUrl()),
        URI.create(c.calendarHomeUrl()));
    List<CredentialsAccounts.Calendar> calendars = accounts.calendars(account, c.username(), password).stream()
        .filter(CredentialsAccounts.Calendar::events).toList();
    String exportCalendar = exportStore.calendar(tenant, c.id());
    List<CredentialsAccounts.Calendar> chosen = checkedChoice(c, calendars, exportCalendar);
    String email = c.username().contains("@") ? c.username() : null;
    for (CredentialsAccounts.Calendar calendar : chosen) {
      calDavCalendar(tenant, c, account, password, calendar, email, w);
    }
    if (exports(c)) {
      String target = exportTarget(tenant, c, calendars, exportCalendar, calDavCreation(accounts, account, c.id(), c.username(), password));
      if (target == null) {
        return null;
      }
      exporting.export(tenant, c, Exporting.calDav(accounts, account, target, c.username(), password), w.from(), w.to());
    }
    return new Imported(chosen.stream().map(CredentialsAccounts.Calendar::id).toList(), c.username());
  }

  /** The calendars to import (never Horae's own export calendar); a configured calendar that is gone is a refusal. */
  private static List<CredentialsAccounts.Calendar> checkedChoice(Connection c, List<CredentialsAccounts.Calendar> calendars, String exportCalendar)
      throws ProviderRefusal {
    List<CredentialsAccounts.Calendar> chosen = chosen(c, calendars.stream().filter(cal -> !cal.id().equals(exportCalendar)).toList());
    List<String> missing = configured(c).stream().filter(cal -> calendars.stream().noneMatch(known -> known.id().equals(cal))).toList();
    if (!missing.isEmpty()) {
      throw new ProviderRefusal(ProviderRefusal.Reason.CALENDAR_DELETED, "the imported calendar " + missing.get(0) + " is gone");
    }
    return chosen;
  }

  private void calDavCalendar(TenantId tenant, Connection c, CredentialsAccounts.Account account, String password,
      CredentialsAccounts.Calendar calendar, String email, Window w) throws ProviderRefusal {
    UUID id = c.id();
    Map<String, String> known = store.etags(tenant, id, calendar.id());
    String token = w.full() ? null : store.syncToken(tenant, id, calendar.id());
    String syncToken = token != null && token.startsWith(CTAG) ? null : token;
    CredentialsAccounts.Delta delta = accounts.changes(account, calendar.id(), syncToken, c.username(), password);
    String ctag = delta == null ? accounts.ctag(account, calendar.id(), c.username(), password) : null;
    Map<String, String> remote;
    Set<String> removed = new java.util.HashSet<>();
    if (delta != null && !delta.full()) {
      // RFC 6578: only what changed since the token
      remote = delta.changed();
      removed.addAll(delta.removed());
    } else if (delta == null && !w.full() && token != null && token.startsWith(CTAG) && token.equals(CTAG + ctag)) {
      return; // no sync-collection, and the CTag says nothing changed
    } else {
      // a first or restarted sync-collection lists everything; without sync-collection, compare every ETag
      remote = delta != null ? delta.changed() : accounts.etags(account, calendar.id(), c.username(), password);
      for (String href : known.keySet()) {
        if (!remote.containsKey(href)) {
          removed.add(href);
        }
      }
    }
    List<String> changed = new ArrayList<>();
    remote.forEach((href, etag) -> {
      if (!etag.equals(known.get(href))) {
        changed.add(href);
      }
    });
    String nextToken = delta != null ? delta.syncToken() : ctag == null ? null : CTAG + ctag;
    // objects the listing brought along are not fetched again
    Map<String, String> fetched = new java.util.HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String href : changed) {
      String text = delta == null ? null : delta.data().get(href);
      if (text != null) {
        fetched.put(href, text);
      } else {
        missing.add(href);
      }
    }
    if (!missing.isEmpty()) {
      fetched.putAll(accounts.fetch(account, calendar.id(), missing, c.username(), password));
    }
    // expanded before any transaction; written in chunks, so no transaction (and no row lock) lasts long
    List<ImportStore.ImportedObject> objects = new ArrayList<>();
    fetched.forEach((href, text) -> objects.add(new ImportStore.ImportedObject(href, remote.get(href), IcsBusy.of(text, w.from(), w.to(), email, w.zone()))));
    write(tenant, c, calendar.id(), calendar.name(), objects, removed, nextToken);
  }

  private static final int WRITE_CHUNK = 1000;

  /**
   * Writes a calendar's changed and removed objects in transactions of at most {@value #WRITE_CHUNK}
   * objects, each checking that this node still holds the lease; the sync token goes with the last,
   * so a sync cut short is repeated from the old token.
   */
  private void write(TenantId tenant, Connection c, String calendarId, String calendarName, List<ImportStore.ImportedObject> objects,
      java.util.Collection<String> removed, String nextToken) throws ProviderRefusal {
    int chunks = Math.max(1, (objects.size() + WRITE_CHUNK - 1) / WRITE_CHUNK);
    for (int i = 0; i < chunks; i++) {
      List<ImportStore.ImportedObject> chunk = objects.subList(i * WRITE_CHUNK, Math.min(objects.size(), (i + 1) * WRITE_CHUNK));
      boolean last = i == chunks - 1;
      boolean held = Boolean.TRUE.equals(transactions.execute(status -> {
        if (!connections.holdsLease(tenant, c.id(), node.id())) {
          return false;
        }
        store.replaceAll(tenant, c, calendarId, calendarName, chunk);
        if (last) {
          store.removeAll(tenant, c.id(), removed);
          store.syncToken(tenant, c.id(), calendarId, nextToken);
        }
        return true;
      }));
      if (!held) {
        log.warn("Sync of connection {} lost its lease while writing; the holder's sync stands", c.id());
        throw new ProviderRefusal(ProviderRefusal.Reason.INTERRUPTED, "the lease was lost");
      }
    }
  }

  static boolean exports(Connection c) {
    return c.syncConfig().get("syncToCalendar") instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("enabled"));
  }

  /**
   * How a provider makes the dedicated export calendar and finds it again from its claim: a CalDAV
   * collection at a URL derived from the connection id, or an OAuth provider's calendar by name.
   */
  interface CalendarCreation {
    /** What to claim for a new calendar named {@code name}. */
    String identity(String name);

    /** The id of the calendar the claim names among {@code calendars}; null when it is not there. */
    String find(String claim, List<CredentialsAccounts.Calendar> calendars);

    /** Makes the calendar the claim names; answers its id, or null when something is there already. */
    String create(String claim, String name) throws ProviderRefusal;

    /** The account's calendars now. */
    List<CredentialsAccounts.Calendar> list() throws ProviderRefusal;
  }

  /** The dedicated calendar of a CalDAV account: the collection {@code horae-<connection id>/} in its calendar home. */
  static CalendarCreation calDavCreation(CredentialsAccounts accounts, CredentialsAccounts.Account account, UUID connection, String username,
      String password) {
    return new CalendarCreation() {
      @Override
      public String identity(String name) {
        return account.calendarHome().resolve("horae-" + connection + "/").toString();
      }

      @Override
      public String find(String claim, List<CredentialsAccounts.Calendar> calendars) {
        String path = URI.create(claim).getPath();
        return calendars.stream().map(CredentialsAccounts.Calendar::id).filter(id -> URI.create(id).getPath().equals(path)).findFirst().orElse(null);
      }

      @Override
      public String create(String claim, String name) throws ProviderRefusal {
        return accounts.createCalendar(account, URI.create(claim), name, username, password) ? claim : null;
      }

      @Override
      public List<CredentialsAccounts.Calendar> list() throws ProviderRefusal {
        return accounts.calendars(account, username, password);
      }
    };
  }

  /** The dedicated calendar of an OAuth account: the one carrying the claimed name (providers choose the ids). */
  static CalendarCreation oauthCreation(OAuthAccounts accounts, OAuthAccounts.Session session) {
    return new CalendarCreation() {
      @Override
      public String identity(String name) {
        return name;
      }

      @Override
      public String find(String claim, List<CredentialsAccounts.Calendar> calendars) {
        return calendars.stream().filter(cal -> !cal.primary() && claim.equals(cal.name())).map(CredentialsAccounts.Calendar::id)
            .min(java.util.Comparator.naturalOrder()).orElse(null);
      }

      @Override
      public String create(String claim, String name) throws ProviderRefusal {
        return accounts.createCalendar(session, claim);
      }

      @Override
      public List<CredentialsAccounts.Calendar> list() throws ProviderRefusal {
        return accounts.calendars(session);
      }
    };
  }

  /** The export calendar: the primary one, or the dedicated one (created once); null after recording a creation failure. */
  private String exportTarget(TenantId tenant, Connection c, List<CredentialsAccounts.Calendar> calendars, String existing, CalendarCreation creation)
      throws ProviderRefusal {
    Map<?, ?> config = (Map<?, ?>) c.syncConfig().get("syncToCalendar");
    if (config.get("primaryCalendar") != null) {
      return primary(calendars.stream().filter(cal -> !cal.id().equals(existing)).toList()).map(CredentialsAccounts.Calendar::id).orElse(null);
    }
    if (existing != null) {
      return existing;
    }
    String name = "Horae: " + schedules.get(tenant, c.scheduleId()).name();
    // claimed first: a creation retried after a crash or by another node finds the calendar the first one made
    String claim = transactions.execute(status -> exportStore.claimCalendar(tenant, c.id(), creation.identity(name)));
    try {
      String found = creation.find(claim, calendars);
      if (found == null) {
        found = creation.create(claim, name);
      }
      if (found == null) {
        found = creation.find(claim, creation.list());
      }
      if (found == null) {
        throw new ProviderRefusal(ProviderRefusal.Reason.NOT_A_CALENDAR_SERVER, "something other than a calendar is at " + claim);
      }
      String made = found;
      return transactions.execute(status -> exportStore.calendar(tenant, c.id(), made));
    } catch (ProviderRefusal e) {
      if (e.reason() == ProviderRefusal.Reason.BAD_CREDENTIALS || e.reason() == ProviderRefusal.Reason.RATE_LIMITED
          || e.reason() == ProviderRefusal.Reason.UNREACHABLE) {
        throw e;
      }
      transactions.executeWithoutResult(status -> {
        connections.status(tenant, c.id(), ConnectionStatus.ERROR, ConnectionErrorReason.EXTERNAL_CALENDAR_CREATION_FAILED, Instants.truncate(clock.instant()), false, null);
        outbox.record(tenant, DomainEvent.action(Connecting.FQDN, "error", c.id().toString(), null,
            Map.of("connection", ConnectionView.of(connections.find(tenant, c.id(), false).orElseThrow()), "detail", e.getMessage())));
      });
      return null;
    }
  }

  /** The account's primary calendar: the one the provider marks primary, else (CalDAV has none) the first by id. */
  static java.util.Optional<CredentialsAccounts.Calendar> primary(List<CredentialsAccounts.Calendar> calendars) {
    return calendars.stream().filter(CredentialsAccounts.Calendar::primary).findFirst()
        .or(() -> calendars.stream().min(java.util.Comparator.comparing(CredentialsAccounts.Calendar::id)));
  }

  /** The calendar ids the sync config names for import (none for the primary calendar). */
  static List<String> configured(Connection c) {
    List<String> ids = new ArrayList<>();
    if (c.syncConfig().get("listEventFromCalendars") instanceof Map<?, ?> config && Boolean.TRUE.equals(config.get("enabled"))
        && config.get("calendars") instanceof Map<?, ?> listed && listed.get("calendars") instanceof List<?> items) {
      for (Object item : items) {
        if (item instanceof Map<?, ?> m && m.get("id") != null) {
          ids.add(String.valueOf(m.get("id")));
        }
      }
    }
    return ids;
  }

  /** The calendars the sync config imports from: the first (primary) one, or those it lists; none when import is off. */
  static List<CredentialsAccounts.Calendar> chosen(Connection c, List<CredentialsAccounts.Calendar> calendars) {
    Object importing = c.syncConfig().get("listEventFromCalendars");
    if (!(importing instanceof Map<?, ?> config) || !Boolean.TRUE.equals(config.get("enabled"))) {
      return List.of();
    }
    if (config.get("calendars") instanceof Map<?, ?> listed && listed.get("calendars") instanceof List<?> items && !items.isEmpty()) {
      Set<String> ids = new java.util.HashSet<>();
      for (Object item : items) {
        if (item instanceof Map<?, ?> m && m.get("id") != null) {
          ids.add(String.valueOf(m.get("id")));
        }
      }
      return calendars.stream().filter(cal -> ids.contains(cal.id())).toList();
    }
    return primary(calendars).stream().toList();
  }
}
