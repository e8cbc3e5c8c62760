package dev.horae.connection;

import dev.horae.connection.sync.ImportStore;
import dev.horae.connection.sync.Syncing;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.TextLimits;
import dev.horae.shared.Uuids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /bookings/v2/external-calendars}: providers, connect by credentials, connections, calendars, disconnect. */
@RestController
@RequestMapping(path = "/bookings/v2/external-calendars", produces = "application/json")
class ConnectionController {
  private final Connecting connecting;
  private final ConnectingByOAuth oauth;
  private final ConnectionRepository connections;
  private final Syncing syncing;
  private final ImportStore store;
  private final dev.horae.shared.query.Cursors cursors;

  ConnectionController(Connecting connecting, ConnectingByOAuth oauth, ConnectionRepository connections, Syncing syncing, ImportStore store,
      dev.horae.shared.query.Cursors cursors) {
    this.connecting = connecting;
    this.oauth = oauth;
    this.connections = connections;
    this.syncing = syncing;
    this.store = store;
    this.cursors = cursors;
  }

  record SyncConfigRequest(java.util.Map<String, Object> syncConfig, Object fieldMask) {}

  /** One busy block; {@code connectionId} (Horae's addition) names the connection it was imported by. */
  record ExternalEvent(String scheduleId, String calendarType, String calendarName, String title, String start, String end,
      boolean allDay, String scheduleOwnerId, String connectionId) {}

  /** Horae's addition to {@code failedProviderIds}: which connections failed, of which provider, and why. */
  record FailedConnection(String connectionId, String providerId, String scheduleId, ConnectionErrorReason errorReason) {}

  record PagingMetadata(int count, java.util.Map<String, String> cursors, boolean hasNext) {}

  record EventsResponse(List<ExternalEvent> events, PagingMetadata pagingMetadata, List<String> failedProviderIds,
      List<FailedConnection> failedConnections) {}

  record EventsPosition(String start, long id, String from, String to) {}

  @org.springframework.web.bind.annotation.PatchMapping(path = "/connections/{id}/sync-config", consumes = "application/json")
  ConnectionResponse updateSyncConfig(TenantId tenant, @PathVariable String id, @Valid @RequestBody SyncConfigRequest body) {
    return new ConnectionResponse(ConnectionView.of(connecting.updateSyncConfig(tenant, id(id), body.syncConfig())));
  }

  /** Horae's addition: sync this connection now (the periodic job does it every few minutes anyway). */
  @PostMapping("/connections/{id}/sync")
  ConnectionResponse sync(TenantId tenant, @PathVariable String id) {
    return new ConnectionResponse(ConnectionView.of(syncing.sync(tenant, id(id))));
  }

  /** Aggregated List Events: imported busy time of the tenant's connections. */
  @GetMapping("/events")
  EventsResponse events(TenantId tenant, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) List<String> scheduleIds, @RequestParam(required = false) List<String> userIds,
      @RequestParam(required = false) Boolean allDay, @RequestParam(required = false) List<String> fieldsets,
      @RequestParam(name = "cursorPaging.limit", required = false) Integer limit,
      @RequestParam(name = "cursorPaging.cursor", required = false) String cursor,
      @RequestParam(required = false) Boolean partialFailure) {
    java.time.Instant after = null;
    long afterId = 0;
    if (cursor != null) {
      EventsPosition p = cursors.decode(cursor, EventsPosition.class, "cursorPaging.cursor");
      after = java.time.Instant.parse(p.start());
      afterId = p.id();
      from = p.from();
      to = p.to();
    }
    if (from == null || to == null) {
      throw Rejection.invalid(from == null ? "from" : "to", "is required (RFC 3339)");
    }
    java.time.Instant start = instant(from, "from");
    java.time.Instant end = instant(to, "to");
    if (!start.isBefore(end)) {
      throw Rejection.invalid("to", "must be after from");
    }
    List<UUID> schedules = new ArrayList<>();
    if (scheduleIds != null) {
      if (scheduleIds.size() > 100) {
        throw Rejection.invalid("scheduleIds", "may list at most 100");
      }
      for (String s : scheduleIds) {
        schedules.add(Uuids.parse(s).orElseThrow(() -> Rejection.invalid("scheduleIds", "must be GUIDs, not '" + s + "'")));
      }
    }
    List<String> users = userIds == null ? List.of() : userIds;
    if (users.size() > 100) {
      throw Rejection.invalid("userIds", "may list at most 100");
    }
    boolean pi = fieldsets != null && fieldsets.contains("OWN_PI");
    if (fieldsets != null && !fieldsets.stream().allMatch(f -> f.equals("OWN_PI") || f.equals("NO_PI"))) {
      throw Rejection.invalid("fieldsets", "must be NO_PI or OWN_PI");
    }
    int n = limit == null ? 100 : limit;
    if (n < 1 || n > 1000) {
      throw Rejection.invalid("cursorPaging.limit", "must be 1..1000");
    }
    List<FailedConnection> failed = store.failing(tenant, schedules).stream().map(f -> new FailedConnection(f.connectionId().toString(),
        f.providerId(), f.scheduleId().toString(), f.errorReason())).toList();
    List<String> failing = failed.stream().map(FailedConnection::providerId).distinct().toList();
    if (!failing.isEmpty() && !Boolean.TRUE.equals(partialFailure)) {
      throw Rejection.failedPrecondition("CONNECTION_IN_ERROR", "connections " + failed.stream().map(FailedConnection::connectionId).toList()
          + " (providers " + failing + ") are in error, so their busy time may be stale;"
          + " pass partialFailure=true to get the rest with failedProviderIds and failedConnections");
    }
    List<ImportStore.Row> rows = store.busy(tenant, schedules, users, start, end, allDay, after, afterId, n + 1);
    boolean hasNext = rows.size() > n;
    List<ImportStore.Row> page = hasNext ? rows.subList(0, n) : rows;
    List<ExternalEvent> events = page.stream().map(r -> new ExternalEvent(r.scheduleId().toString(), r.calendarType(),
        pi ? r.calendarName() : null, pi ? r.title() : null, r.start().toString(), r.end().toString(), r.allDay(), r.userId(),
        r.connectionId().toString())).toList();
    java.util.Map<String, String> next = new java.util.HashMap<>();
    if (hasNext) {
      ImportStore.Row last = page.get(page.size() - 1);
      next.put("next", cursors.encode(new EventsPosition(last.start().toString(), last.id(), from, to)));
    }
    return new EventsResponse(events, new PagingMetadata(events.size(), next, hasNext), failing, failed);
  }

  private static java.time.Instant instant(String value, String field) {
    try {
      java.time.Instant parsed = java.time.OffsetDateTime.parse(value).toInstant();
      if (!Instants.inRange(parsed)) {
        throw Rejection.invalid(field, Instants.outOfRange());
      }
      return parsed;
    } catch (java.time.format.DateTimeParseException e) {
      throw Rejection.invalid(field, "must be an RFC 3339 date-time, e.g. 2026-01-01T00:00:00Z");
    }
  }

  record ProvidersResponse(List<Provider> providers) {}

  record ConnectByCredentialsRequest(
      @Size(max = TextLimits.ID) String scheduleId,
      @Size(max = TextLimits.TOKEN) String providerId,
      @Size(max = TextLimits.EMAIL) String email,
      @Size(max = TextLimits.PASSWORD) String password,
      @Size(max = TextLimits.URL) String serverUrl) {
    @Override
    public String toString() {
      return "ConnectByCredentialsRequest[scheduleId=" + scheduleId + ", providerId=" + providerId + ", serverUrl=" + serverUrl
          + ", email=***, password=***]";
    }
  }

  record ConnectionResponse(ConnectionView connection) {}

  record ConnectionsResponse(List<ConnectionView> connections, List<String> failedProviderIds) {}

  record CalendarView(String id, String name) {}

  record CalendarsResponse(List<CalendarView> calendars) {}

  record ConnectByOAuthRequest(
      @Size(max = TextLimits.ID) String scheduleId,
      @Size(max = TextLimits.TOKEN) String providerId,
      @Size(max = TextLimits.URL) String redirectUrl) {}

  record OAuthUrlResponse(String oauthUrl) {}

  @PostMapping(path = "/connections:connectByOAuth", consumes = "application/json")
  OAuthUrlResponse connectByOAuth(TenantId tenant, @Valid @RequestBody ConnectByOAuthRequest body) {
    return new OAuthUrlResponse(oauth.start(tenant, body.scheduleId(), body.providerId(), body.redirectUrl()));
  }

  /** Where the provider sends the user back; public (the signed, single-use state authenticates it). */
  @GetMapping("/oauth/callback")
  org.springframework.http.ResponseEntity<Void> oauthCallback(@RequestParam(required = false) String state,
      @RequestParam(required = false) String code, @RequestParam(required = false) String error) {
    java.net.URI target = oauth.complete(state, code, error)
        .orElseThrow(() -> Rejection.invalid("state", "is not a state this Horae issued"));
    return org.springframework.http.ResponseEntity.status(org.springframework.http.HttpStatus.FOUND).location(target).build();
  }

  @GetMapping("/providers")
  ProvidersResponse providers() {
    return new ProvidersResponse(Provider.ALL);
  }

  @PostMapping(path = "/connections:connectByCredentials", consumes = "application/json")
  ConnectionResponse connectByCredentials(TenantId tenant, @Valid @RequestBody ConnectByCredentialsRequest body) {
    return new ConnectionResponse(ConnectionView.of(connecting.connectByCredentials(tenant, body.scheduleId(), body.providerId(),
        body.email(), body.password(), body.serverUrl())));
  }

  /** Connect By URL (Horae's addition): an ICS feed, {@code https://} or {@code webcal://}, as read-only busy time. */
  record ConnectByUrlRequest(
      @Size(max = TextLimits.ID) String scheduleId,
      @Size(max = TextLimits.TOKEN) String providerId,
      @Size(max = TextLimits.URL) String url) {
    @Override
    public String toString() { // a feed's address carries its secret
      return "ConnectByUrlRequest[scheduleId=" + scheduleId + ", providerId=" + providerId + ", url=***]";
    }
  }

  @PostMapping(path = "/connections:connectByUrl", consumes = "application/json")
  ConnectionResponse connectByUrl(TenantId tenant, @Valid @RequestBody ConnectByUrlRequest body) {
    return new ConnectionResponse(ConnectionView.of(connecting.connectByUrl(tenant, body.scheduleId(), body.providerId(), body.url())));
  }

  @GetMapping("/connections/{id}")
  ConnectionResponse get(TenantId tenant, @PathVariable String id) {
    UUID connectionId = id(id);
    return new ConnectionResponse(ConnectionView.of(connections.find(tenant, connectionId, false).orElseThrow(() -> Rejection.notFound("Connection", id))));
  }

  @GetMapping("/connections")
  ConnectionsResponse list(TenantId tenant, @RequestParam(required = false) List<String> scheduleIds,
      @RequestParam(required = false) Boolean partialFailure) {
    List<UUID> ids = new ArrayList<>();
    if (scheduleIds != null) {
      for (int i = 0; i < scheduleIds.size(); i++) {
        String s = scheduleIds.get(i);
        ids.add(Uuids.parse(s).orElseThrow(() -> Rejection.invalid("scheduleIds", "must be GUIDs, not '" + s + "'")));
      }
    }
    return new ConnectionsResponse(connections.findAll(tenant, ids).stream().map(ConnectionView::of).toList(), List.of());
  }

  @GetMapping("/connections/{id}/calendars")
  CalendarsResponse calendars(TenantId tenant, @PathVariable String id) {
    return new CalendarsResponse(connecting.calendars(tenant, id(id)).stream()
        .filter(dev.horae.connection.account.Calendar::events).map(c -> new CalendarView(c.id(), c.name())).toList());
  }

  @PostMapping("/connections/{id}/disconnect")
  ConnectionResponse disconnect(TenantId tenant, @PathVariable String id) {
    return new ConnectionResponse(ConnectionView.of(connecting.disconnect(tenant, id(id))));
  }

  private static UUID id(String id) {
    return Uuids.parse(id).orElseThrow(() -> Rejection.notFound("Connection", id));
  }
}
