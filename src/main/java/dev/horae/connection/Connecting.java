package dev.horae.connection;

import dev.horae.connection.account.Calendar;
import dev.horae.connection.account.CalendarAccount;
import dev.horae.connection.account.CalendarAccounts;
import dev.horae.connection.account.CredentialsConnector;
import dev.horae.connection.account.ExportCalendar;
import dev.horae.connection.account.FeedConnector;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.connection.export.ExportStore;
import dev.horae.connection.push.PushChannels;
import dev.horae.connection.sync.ImportStore;
import dev.horae.connection.sync.SyncLeases;
import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;
import dev.horae.schedule.FindingSchedules;
import dev.horae.schedule.Schedule;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.OutboundPolicy;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import dev.horae.shared.Violations;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connect By Credentials, List Calendars and Disconnect. The server is asked before anything is
 * stored (discovery checks the password), outside any database transaction; a refusal stores
 * nothing. For iCloud the server is known ({@code horae.caldav.icloud-url}) and a refused password
 * is explained as needing an app-specific password.
 */
@Component
class Connecting {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final ConnectionRepository connections;
  private final ExportStore exportStore;
  private final ImportStore store;
  private final CredentialsConnector calDav;
  private final CalendarAccounts accounts;
  private final PushChannels push;
  private final FindingSchedules schedules;
  private final OutboundPolicy outbound;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final String icloudUrl;

  private final SyncLeases leases;
  private final FeedConnector feeds;

  Connecting(ConnectionRepository connections, ExportStore exportStore, ImportStore store, CredentialsConnector calDav, CalendarAccounts accounts,
      PushChannels push, FindingSchedules schedules, OutboundPolicy outbound,
      Outbox outbox, TransactionTemplate transactions, Clock clock, CalDavProperties calDavSettings,
      SyncLeases leases, FeedConnector feeds) {
    this.leases = leases;
    this.feeds = feeds;
    this.connections = connections;
    this.exportStore = exportStore;
    this.store = store;
    this.calDav = calDav;
    this.accounts = accounts;
    this.push = push;
    this.schedules = schedules;
    this.outbound = outbound;
    this.outbox = outbox;
    this.transactions = transactions;
    this.clock = clock;
    this.icloudUrl = calDavSettings.icloudUrl().toString();
  }

  Connection connectByCredentials(TenantId tenant, String scheduleId, String providerId, String email, String password, String serverUrl) {
    Violations v = new Violations();
    UUID schedule = scheduleId == null ? null : Uuids.parse(scheduleId).orElse(null);
    v.check(schedule != null, "scheduleId", scheduleId == null ? "is required" : "must be a GUID");
    Provider provider = providerId == null ? null : Provider.byId(providerId).orElse(null);
    v.check(provider != null, "providerId", providerId == null ? "is required" : "is not a provider of GET /providers");
    if (provider != null && !provider.connectsBy(Provider.ConnectMethod.CREDENTIALS)) {
      v.add("providerId", provider.connectsBy(Provider.ConnectMethod.URL) ? "an ICS feed connects by its address: use connections:connectByUrl"
          : provider.name() + " connects by OAuth: use connections:connectByOAuth");
    }
    boolean icloud = provider != null && provider.id().equals(Provider.APPLE);
    v.check(email != null && !email.isBlank() && email.length() <= 320, "email", "is required (the account's sign-in name)");
    if (icloud && email != null) {
      v.check(EMAIL.matcher(email).matches(), "email", "must be the Apple ID's email address");
    }
    v.check(password != null && !password.isEmpty() && password.length() <= 1024, "password", "is required");
    if (provider != null && provider.id().equals(Provider.CALDAV)) {
      v.check(serverUrl != null && !serverUrl.isBlank(), "serverUrl", "is required for a CalDAV server (its address, e.g. https://caldav.example.com)");
    }
    if (icloud) {
      v.check(serverUrl == null, "serverUrl", "must not be given for iCloud: its server is known");
    }
    v.throwIfAny();
    Schedule owner = transactions.execute(status -> schedules.getActiveAndHold(tenant, schedule));
    URI server = outbound.check(icloud ? icloudUrl : serverUrl, "serverUrl");
    CredentialsConnector.Location account;
    try {
      account = calDav.discover(server, email, password);
    } catch (ProviderRefusal e) {
      throw refused(e, icloud);
    }
    Instant now = Instants.truncate(clock.instant());
    Connection c = new Connection(Ids.newUuid(), provider.id(), provider.calendarType(), schedule, null, owner.appId(), null, email,
        ConnectionStatus.CONNECTED, ConnectionErrorReason.UNDEFINED, Connection.defaultSyncConfig(), account.server().toString(), account.principal().toString(),
        account.calendarHome().toString(), null, null, 0, null, null, now, now);
    transactions.executeWithoutResult(status -> {
      schedules.getActiveAndHold(tenant, schedule);
      connections.insert(tenant, c, password);
      outbox.record(tenant, DomainEvent.action(ConnectionView.FQDN, "connected", c.id().toString(), null, Map.of("connection", ConnectionView.of(c))));
    });
    return c;
  }

  /**
   * Connect By URL (Horae's addition): subscribes the schedule to an ICS feed as read-only busy
   * time. {@code webcal://} is read as https. The feed is fetched once through the outbound guard
   * to check it is one; its address is kept sealed like a password (feed addresses carry their
   * secret), and shown only as scheme, host and file name. Import is on from the start.
   */
  Connection connectByUrl(TenantId tenant, String scheduleId, String providerId, String url) {
    Violations v = new Violations();
    UUID schedule = scheduleId == null ? null : Uuids.parse(scheduleId).orElse(null);
    v.check(schedule != null, "scheduleId", scheduleId == null ? "is required" : "must be a GUID");
    v.check(providerId == null || providerId.equals(Provider.ICS_FEED), "providerId", "must be the ICS feed provider (" + Provider.ICS_FEED
        + ") or left out; other providers connect by OAuth or by credentials");
    v.check(url != null && !url.isBlank(), "url", "is required (the feed's https:// or webcal:// address)");
    v.throwIfAny();
    Schedule owner = transactions.execute(status -> schedules.getActiveAndHold(tenant, schedule));
    URI feed = feeds.address(url, "url");
    try {
      feeds.check(feed);
    } catch (ProviderRefusal e) {
      throw switch (e.reason()) {
        case TOO_LARGE -> Rejection.unprocessable("FEED_TOO_LARGE", "url", e.getMessage());
        case NOT_A_CALENDAR_SERVER -> Rejection.unprocessable("NOT_AN_ICS_FEED", "url", e.getMessage());
        case BAD_CREDENTIALS, CALENDAR_DELETED -> Rejection.unprocessable("FEED_REFUSED", "url", e.getMessage());
        default -> refused(e, false);
      };
    }
    Provider provider = Provider.byId(Provider.ICS_FEED).orElseThrow();
    Instant now = Instants.truncate(clock.instant());
    Map<String, Object> config = new java.util.LinkedHashMap<>(Connection.defaultSyncConfig());
    config.put("listEventFromCalendars", Map.of("enabled", true, "primaryCalendar", Map.of(), "calendars", Map.of("calendars", List.of())));
    Connection c = new Connection(Ids.newUuid(), provider.id(), provider.calendarType(), schedule, null, owner.appId(), null, "feed",
        ConnectionStatus.CONNECTED, ConnectionErrorReason.UNDEFINED, config, feeds.shown(feed), null, null, null, null, 0, null, null, now, now);
    transactions.executeWithoutResult(status -> {
      schedules.getActiveAndHold(tenant, schedule);
      connections.insert(tenant, c, feed.toString());
      outbox.record(tenant, DomainEvent.action(ConnectionView.FQDN, "connected", c.id().toString(), null, Map.of("connection", ConnectionView.of(c))));
    });
    return c;
  }

  List<Calendar> calendars(TenantId tenant, UUID id) {
    Connection c = connections.find(tenant, id, false).orElseThrow(() -> Rejection.notFound("Connection", id));
    if (c.status() == ConnectionStatus.DISCONNECTED) {
      throw Rejection.failedPrecondition("CONNECTION_ALREADY_DISCONNECTED", "Connection " + id + " is disconnected");
    }
    try {
      return accounts.open(tenant, c).calendars();
    } catch (ProviderRefusal e) {
      boolean oauth = Provider.byId(c.providerId()).map(p -> p.connectsBy(Provider.ConnectMethod.OAUTH)).orElse(false);
      throw oauth && e.reason() == ProviderRefusal.Reason.BAD_CREDENTIALS
          ? Rejection.unprocessable("TOKEN_REVOKED", "the provider no longer accepts Horae's access (" + e.getMessage() + "): connect the account again")
          : refused(e, c.providerId().equals(Provider.APPLE));
    }
  }

  /**
   * Disconnect holds the sync lease (waiting for a running sync to end), so no sync writes a copy
   * after the copies are removed.
   */
  Connection disconnect(TenantId tenant, UUID id) {
    connections.find(tenant, id, false).orElseThrow(() -> Rejection.notFound("Connection", id));
    return leases.exclusively(tenant, id, () -> disconnectHeld(tenant, id));
  }

  private Connection disconnectHeld(TenantId tenant, UUID id) {
    removeExports(tenant, id);
    return transactions.execute(status -> {
      Connection c = connections.find(tenant, id, true).orElseThrow(() -> Rejection.notFound("Connection", id));
      if (c.status() == ConnectionStatus.DISCONNECTED) {
        throw Rejection.failedPrecondition("CONNECTION_ALREADY_DISCONNECTED", "Connection " + id + " is already disconnected");
      }
      Instant now = Instants.truncate(clock.instant());
      connections.disconnect(tenant, id, now);
      store.keepOnly(tenant, id, List.of()); // imported busy time goes with the connection
      Connection after = connections.find(tenant, id, false).orElseThrow();
      outbox.record(tenant, DomainEvent.action(ConnectionView.FQDN, "disconnected", id.toString(), null, Map.of("connection", ConnectionView.of(after))));
      return after;
    });
  }

  /**
   * Update Sync Config (last write wins, as in v2). Import: {@code enabled} with {@code
   * primaryCalendar: {}} or {@code calendars: {calendars: [{id, name}]}}. Export: {@code enabled}
   * with {@code primaryCalendar: {}} or {@code dedicatedCalendar: {}} (the default).
   */
  Connection updateSyncConfig(TenantId tenant, UUID id, Map<String, Object> syncConfig) {
    if (syncConfig == null) {
      throw Rejection.invalid("syncConfig", "is required");
    }
    Violations v = new Violations();
    Map<String, Object> next = new java.util.LinkedHashMap<>();
    Object importing = syncConfig.get("listEventFromCalendars");
    if (importing != null) {
      if (!(importing instanceof Map<?, ?> m)) {
        v.add("syncConfig.listEventFromCalendars", "must be an object");
      } else {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("enabled", Boolean.TRUE.equals(m.get("enabled")));
        boolean primary = m.get("primaryCalendar") != null;
        boolean specific = m.get("calendars") != null;
        v.check(!(primary && specific), "syncConfig.listEventFromCalendars", "give primaryCalendar or calendars, not both");
        if (specific) {
          if (m.get("calendars") instanceof Map<?, ?> list && list.get("calendars") instanceof List<?> items) {
            List<Map<String, Object>> calendars = new java.util.ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
              if (items.get(i) instanceof Map<?, ?> item && item.get("id") instanceof String calendarId) {
                calendars.add(item.get("name") == null ? Map.of("id", calendarId) : Map.of("id", calendarId, "name", String.valueOf(item.get("name"))));
              } else {
                v.add("syncConfig.listEventFromCalendars.calendars.calendars[" + i + "].id", "is required");
              }
            }
            out.put("calendars", Map.of("calendars", calendars));
          } else {
            v.add("syncConfig.listEventFromCalendars.calendars.calendars", "must be a list of {id, name}");
          }
        } else {
          out.put("primaryCalendar", Map.of());
          out.put("calendars", Map.of("calendars", List.of()));
        }
        next.put("listEventFromCalendars", out);
      }
    }
    Object exporting = syncConfig.get("syncToCalendar");
    if (exporting != null) {
      if (!(exporting instanceof Map<?, ?> m)) {
        v.add("syncConfig.syncToCalendar", "must be an object");
      } else {
        boolean primary = m.get("primaryCalendar") != null;
        v.check(!(primary && m.get("dedicatedCalendar") != null), "syncConfig.syncToCalendar", "give primaryCalendar or dedicatedCalendar, not both");
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("enabled", Boolean.TRUE.equals(m.get("enabled")));
        out.put(primary ? "primaryCalendar" : "dedicatedCalendar", Map.of());
        next.put("syncToCalendar", out);
      }
    }
    v.throwIfAny();
    return transactions.execute(status -> {
      Connection c = connections.find(tenant, id, true).orElseThrow(() -> Rejection.notFound("Connection", id));
      if (c.status() == ConnectionStatus.DISCONNECTED) {
        throw Rejection.failedPrecondition("CONNECTION_ALREADY_DISCONNECTED", "Connection " + id + " is disconnected");
      }
      Map<String, Object> merged = new java.util.LinkedHashMap<>(c.syncConfig());
      merged.putAll(next);
      if (!Provider.byId(c.providerId()).map(Provider::takesCopies).orElse(true) && next.get("syncToCalendar") instanceof Map<?, ?> export
          && Boolean.TRUE.equals(export.get("enabled"))) {
        throw Rejection.invalid("syncConfig.syncToCalendar.enabled", "an ICS feed is read-only: export is NOT_SUPPORTED (see List Providers)");
      }
      connections.syncConfig(tenant, id, merged, Instants.truncate(clock.instant()));
      return connections.find(tenant, id, false).orElseThrow();
    });
  }

  /**
   * Disconnect deletes what Horae wrote to the external calendar, stops push channels and revokes
   * the OAuth grant where the provider allows it; a failure there does not stop the disconnect.
   */
  private void removeExports(TenantId tenant, UUID id) {
    Connection c = connections.find(tenant, id, false).orElse(null);
    if (c == null || c.status() == ConnectionStatus.DISCONNECTED) {
      return;
    }
    CalendarAccount account;
    try {
      account = accounts.open(tenant, c);
    } catch (ProviderRefusal noCredentials) {
      account = null; // nothing to reach the account with: the copies stay out there, the connection still ends
    }
    if (account != null) {
      account.push().ifPresent(channels -> push.stopAll(tenant, id, channels));
      java.util.Collection<ExportStore.Exported> copies = exportStore.all(tenant, id).values();
      if (!copies.isEmpty()) {
        try {
          String dedicated = exportStore.calendar(tenant, id);
          String calendar = dedicated != null ? dedicated : Calendar.primary(account.calendars()).map(Calendar::id).orElse(null);
          ExportCalendar target = calendar == null ? null : account.exportTo(calendar);
          for (ExportStore.Exported e : target == null ? List.<ExportStore.Exported>of() : copies) {
            try {
              target.delete(e.href());
            } catch (ProviderRefusal ignored) {
              // unreachable or refused: the copy stays out there, the connection still ends
            }
          }
        } catch (ProviderRefusal revokedOrUnreachable) {
          // the copies stay out there; the connection still ends
        }
      }
      account.revoke();
    }
    exportStore.removeAll(tenant, id);
  }

  private static Rejection refused(ProviderRefusal e, boolean icloud) {
    return switch (e.reason()) {
      case BAD_CREDENTIALS -> Rejection.unprocessable("BAD_CREDENTIALS", "password", icloud
          ? "Apple refused the Apple ID or password. iCloud needs an app-specific password: create one at appleid.apple.com"
              + " (Sign-In and Security → App-Specific Passwords) and use it instead of the Apple ID password"
          : "the server refused the username or password");
      case UNREACHABLE -> Rejection.unprocessable("SERVER_UNREACHABLE", "serverUrl", e.getMessage());
      case NOT_A_CALENDAR_SERVER -> Rejection.unprocessable("NOT_A_CALDAV_SERVER", "serverUrl", e.getMessage());
      case CALENDAR_DELETED -> Rejection.unprocessable("EXTERNAL_CALENDAR_DELETED", "serverUrl", e.getMessage());
      case PRECONDITION_FAILED -> Rejection.conflict("EXTERNAL_CHANGED", e.getMessage());
      case RATE_LIMITED, SYNC_TOKEN_EXPIRED -> Rejection.unprocessable("PROVIDER_BUSY", e.getMessage());
      case TOO_LARGE -> Rejection.unprocessable("PROVIDER_ANSWER_TOO_LARGE", e.getMessage());
      case INTERRUPTED -> Rejection.unavailable("SHUTTING_DOWN", "This node is shutting down; send the request again");
    };
  }
}
