package dev.horae.tenant;

import java.util.List;
import java.util.Optional;

/**
 * The one rule that says which scope an API call needs, by its path and method: the request filter
 * enforces it and the OpenAPI document publishes it, so the two cannot disagree. Reads are GET and
 * HEAD, and the POST queries and counts ({@code …/query}, {@code …/count}); everything else writes.
 */
final class RequiredScope {
  private record Surface(String prefix, Scope read) {}

  private static final List<Surface> SURFACES = List.of(
      new Surface("/calendar/v3/", Scope.CALENDAR_READ),
      new Surface("/bookings/v2/external-calendars/", Scope.EXTERNAL_CALENDARS_READ),
      new Surface("/setup/v1/resources", Scope.RESOURCES_READ),
      new Surface("/bookings/v2/resources", Scope.RESOURCES_READ),
      new Surface("/bookings/v2/bulk/resources", Scope.RESOURCES_READ),
      new Surface("/setup/v1/services", Scope.RESOURCES_READ),
      new Surface("/consumer/v1/availability", Scope.RESOURCES_READ),
      new Surface("/consumer/v1/appointments", Scope.APPOINTMENTS_READ),
      new Surface("/v1/webhooks", Scope.WEBHOOKS_READ),
      new Surface("/v1/changes", Scope.WEBHOOKS_READ),
      new Surface("/v1/api-keys", Scope.KEYS_READ),
      new Surface("/v1/notification", Scope.NOTIFICATIONS_READ),
      new Surface("/v1/calendar-feeds", Scope.CALENDAR_READ),
      new Surface("/dav", Scope.CALENDAR_READ));

  /** The path every valid key may call, whatever its scopes: the key's own description. */
  static final String CURRENT_KEY = "/v1/api-keys/current";

  private RequiredScope() {}

  /** The scope a call needs, or empty when any valid key may make it (its own description, an unknown path). */
  static Optional<Scope> of(String method, String path) {
    if (path.equals(CURRENT_KEY)) {
      return Optional.empty();
    }
    for (Surface s : SURFACES) {
      if (path.startsWith(s.prefix())) {
        return Optional.of(reads(method, path) ? s.read() : s.read().writeOfSurface());
      }
    }
    return Optional.empty();
  }

  private static boolean reads(String method, String path) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("PROPFIND") || method.equals("REPORT")
        || (method.equals("POST") && (path.endsWith("/query") || path.endsWith("/count")));
  }
}
