package dev.horae.connection;

import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
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
  private final ConnectionRepository connections;

  ConnectionController(Connecting connecting, ConnectionRepository connections) {
    this.connecting = connecting;
    this.connections = connections;
  }

  record ProvidersResponse(List<Provider> providers) {}

  record ConnectByCredentialsRequest(String scheduleId, String providerId, String email, String password, String serverUrl) {}

  record ConnectionResponse(ConnectionView connection) {}

  record ConnectionsResponse(List<ConnectionView> connections, List<String> failedProviderIds) {}

  record CalendarView(String id, String name) {}

  record CalendarsResponse(List<CalendarView> calendars) {}

  @GetMapping("/providers")
  ProvidersResponse providers() {
    return new ProvidersResponse(Provider.ALL);
  }

  @PostMapping(path = "/connections:connectByCredentials", consumes = "application/json")
  ConnectionResponse connectByCredentials(TenantId tenant, @RequestBody ConnectByCredentialsRequest body) {
    return new ConnectionResponse(ConnectionView.of(connecting.connectByCredentials(tenant, body.scheduleId(), body.providerId(),
        body.email(), body.password(), body.serverUrl())));
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
        .filter(CredentialsAccounts.Calendar::events).map(c -> new CalendarView(c.id(), c.name())).toList());
  }

  @PostMapping("/connections/{id}/disconnect")
  ConnectionResponse disconnect(TenantId tenant, @PathVariable String id) {
    return new ConnectionResponse(ConnectionView.of(connecting.disconnect(tenant, id(id))));
  }

  private static UUID id(String id) {
    return Uuids.parse(id).orElseThrow(() -> Rejection.notFound("Connection", id));
  }
}
