package dev.horae.api;

import dev.horae.shared.TextLimits;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * What the OpenAPI document promises beyond what springdoc reads off the controllers: a stable,
 * meaningful {@code operationId} per operation, tags with descriptions, and the problem answers
 * every operation can give, as RFC 9457 problem details with the Wix {@code details} extension.
 *
 * <p>An operation missing from {@link #OPERATIONS} stops the document from being served (the
 * suite fetches it), so a new endpoint cannot ship as {@code create_9}.
 */
@Configuration(proxyBeanMethods = false)
class ApiContract {
  static final String PROBLEM = "Problem";

  /** {@code "METHOD path"} → (operationId, tag). */
  static final Map<String, String[]> OPERATIONS = new LinkedHashMap<>();

  /**
   * What an operation does, for the operations whose description is not otherwise written (the
   * others carry their scope, added by the access rules). The suite's lint of the document fails
   * while an operation has no description.
   */
  static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

  private static void op(String method, String path, String id, String tag) {
    OPERATIONS.put(method + " " + path, new String[] {id, tag});
  }

  private static void op(String method, String path, String id, String tag, String description) {
    op(method, path, id, tag);
    DESCRIPTIONS.put(method + " " + path, description);
  }

  static {
    String s = "Schedules", e = "Events", p = "Participations", x = "External calendars", r = "Resources",
        sv = "Services", a = "Appointments", av = "Availability", w = "Webhooks", c = "Changes", k = "API keys",
        ad = "Admin", n = "Notifications", f = "Calendar feeds";
    op("POST", "/calendar/v3/schedules", "createSchedule", s);
    op("GET", "/calendar/v3/schedules/{id}", "getSchedule", s);
    op("PATCH", "/calendar/v3/schedules/{id}", "updateSchedule", s);
    op("POST", "/calendar/v3/schedules/{id}/cancel", "cancelSchedule", s);
    op("POST", "/calendar/v3/schedules/query", "querySchedules", s);
    op("POST", "/calendar/v3/events", "createEvent", e);
    op("GET", "/calendar/v3/events", "listEvents", e);
    op("GET", "/calendar/v3/events/{id}", "getEvent", e);
    op("PATCH", "/calendar/v3/events/{id}", "updateEvent", e);
    op("POST", "/calendar/v3/events/{id}/cancel", "cancelEvent", e);
    op("POST", "/calendar/v3/events/{id}/split", "splitRecurringEvent", e);
    op("POST", "/calendar/v3/events/{id}/restore-defaults", "restoreEventDefaults", e);
    op("POST", "/calendar/v3/events/query", "queryEvents", e);
    op("GET", "/calendar/v3/events/view", "getEventsView", e);
    op("POST", "/calendar/v3/bulk/events/create", "bulkCreateEvents", e);
    op("POST", "/calendar/v3/bulk/events/update", "bulkUpdateEvents", e);
    op("POST", "/calendar/v3/bulk/events/cancel", "bulkCancelEvents", e);
    op("POST", "/calendar/v3/participations", "createParticipation", p);
    op("GET", "/calendar/v3/participations/{id}", "getParticipation", p);
    op("PATCH", "/calendar/v3/participations/{id}", "updateParticipation", p);
    op("DELETE", "/calendar/v3/participations/{id}", "deleteParticipation", p);
    op("POST", "/calendar/v3/participations/query", "queryParticipations", p);
    op("GET", "/bookings/v2/external-calendars/providers", "listProviders", x);
    op("POST", "/bookings/v2/external-calendars/connections:connectByOAuth", "connectByOAuth", x);
    op("POST", "/bookings/v2/external-calendars/connections:connectByCredentials", "connectByCredentials", x);
    op("POST", "/bookings/v2/external-calendars/connections:connectByUrl", "connectByUrl", x,
        "Horae's addition: subscribes a schedule to an ICS feed (`https://` or `webcal://`) as read-only busy time. The feed is fetched "
            + "once to check it; its address is kept sealed (it carries the feed's secret) and shown as scheme, host and file name only.");
    op("GET", "/bookings/v2/external-calendars/oauth/callback", "completeOAuth", x,
        "Where Google or Microsoft send the user back after consent. Needs no key: the signed, expiring `state` names the tenant "
            + "and schedule. Redirects to the connect request's `redirectUrl`.");
    op("GET", "/bookings/v2/external-calendars/connections", "listConnections", x);
    op("GET", "/bookings/v2/external-calendars/connections/{id}", "getConnection", x);
    op("GET", "/bookings/v2/external-calendars/connections/{id}/calendars", "listConnectionCalendars", x);
    op("PATCH", "/bookings/v2/external-calendars/connections/{id}/sync-config", "updateSyncConfig", x);
    op("POST", "/bookings/v2/external-calendars/connections/{id}/sync", "syncConnection", x);
    op("POST", "/bookings/v2/external-calendars/connections/{id}/disconnect", "disconnectConnection", x);
    op("GET", "/bookings/v2/external-calendars/events", "listExternalEvents", x);
    op("POST", "/bookings/v2/external-calendars/push/google", "receiveGooglePush", x,
        "Google Calendar push notifications (`X-Goog-Channel-Token` authenticates them, no key): marks the channel's calendar "
            + "for an immediate incremental sync.");
    op("POST", "/bookings/v2/external-calendars/push/microsoft", "receiveMicrosoftPush", x,
        "Microsoft Graph change notifications and their `validationToken` handshake (the subscription's `clientState` "
            + "authenticates them, no key): marks the subscription's calendar for an immediate delta sync.");
    op("POST", "/bookings/v2/resources", "createBookingsResource", r, "Create Resource (Bookings Resources V2): a resource with its own events schedule.");
    op("GET", "/bookings/v2/resources/{resourceId}", "getBookingsResource", r, "Get Resource (Bookings Resources V2).");
    op("PATCH", "/bookings/v2/resources/{resourceId}", "updateBookingsResource", r,
        "Update Resource (Bookings Resources V2): needs the revision read; fields absent or outside fieldMask keep their value.");
    op("DELETE", "/bookings/v2/resources/{resourceId}", "deleteBookingsResource", r,
        "Delete Resource (Bookings Resources V2): a soft delete, recoverable with PUT /setup/v1/resources/{id}/recover.");
    op("POST", "/bookings/v2/resources/query", "queryBookingsResources", r, "Query Resources (Bookings Resources V2): filter, sort, cursor paging.");
    op("POST", "/bookings/v2/resources/count", "countBookingsResources", r, "Count Resources (Bookings Resources V2) matching a filter.");
    op("POST", "/bookings/v2/bulk/resources/create", "bulkCreateBookingsResources", r, "Bulk Create Resources: up to 50, each succeeding or failing on its own.");
    op("POST", "/bookings/v2/bulk/resources/update", "bulkUpdateBookingsResources", r, "Bulk Update Resources: up to 50, each with its revision.");
    op("POST", "/bookings/v2/bulk/resources/delete", "bulkDeleteBookingsResources", r, "Bulk Delete Resources: up to 50 ids.");
    op("POST", "/setup/v1/resources", "createResource", r);
    op("GET", "/setup/v1/resources", "listResources", r);
    op("GET", "/setup/v1/resources/{id}", "getResource", r);
    op("PUT", "/setup/v1/resources/{id}", "updateResource", r);
    op("DELETE", "/setup/v1/resources/{id}", "deleteResource", r);
    op("PUT", "/setup/v1/resources/{id}/recover", "recoverResource", r);
    op("POST", "/setup/v1/resources/bulk", "bulkCreateResources", r);
    op("PUT", "/setup/v1/resources/bulk", "bulkUpdateResources", r);
    op("GET", "/setup/v1/resources/{id}/calendar/auth/google/{email}", "getResourceGoogleAuthUrl", r);
    op("GET", "/setup/v1/resources/{id}/calendar/auth/outlook/{email}", "getResourceOutlookAuthUrl", r);
    op("POST", "/setup/v1/services", "createService", sv);
    op("GET", "/setup/v1/services", "listServices", sv);
    op("GET", "/setup/v1/services/{id}", "getService", sv);
    op("PUT", "/setup/v1/services/{id}", "updateService", sv);
    op("POST", "/consumer/v1/appointments", "createAppointment", a);
    op("GET", "/consumer/v1/appointments", "listAppointments", a);
    op("GET", "/consumer/v1/appointments/{id}", "getAppointment", a);
    op("DELETE", "/consumer/v1/appointments/{id}", "deleteAppointment", a);
    op("PUT", "/consumer/v1/appointments/{id}/reserve", "reserveAppointment", a);
    op("PUT", "/consumer/v1/appointments/{id}/book", "bookAppointment", a);
    op("PUT", "/consumer/v1/appointments/{id}/reschedule", "rescheduleAppointment", a);
    op("PUT", "/consumer/v1/appointments/{id}/cancel", "cancelAppointment", a);
    op("GET", "/consumer/v1/availability/{serviceId}/{startDate}/{endDate}", "getAvailability", av);
    op("GET", "/consumer/v1/availability/{serviceId}/{startDate}/{endDate}/unavailable", "getUnavailability", av);
    op("POST", "/v1/webhooks", "createWebhook", w);
    op("GET", "/v1/webhooks", "listWebhooks", w);
    op("GET", "/v1/webhooks/{id}", "getWebhook", w);
    op("PATCH", "/v1/webhooks/{id}", "updateWebhook", w);
    op("DELETE", "/v1/webhooks/{id}", "deleteWebhook", w);
    op("POST", "/v1/webhooks/{id}/secrets", "rotateWebhookSecret", w);
    op("DELETE", "/v1/webhooks/{id}/secrets/{secretId}", "deleteWebhookSecret", w);
    op("POST", "/v1/webhooks/{id}/replay", "replayWebhookRange", w);
    op("GET", "/v1/webhooks/{id}/deliveries", "listWebhookDeliveries", w);
    op("POST", "/v1/webhooks/{id}/deliveries/{deliveryId}/replay", "replayWebhookDelivery", w);
    op("GET", "/v1/changes", "listChanges", c);
    op("GET", "/v1/notifications", "listNotifications", n,
        "The notification log, newest first: every message participant notifications wrote, with its status (QUEUED, SENT, NOT_SENT, FAILED) and attempts.");
    op("GET", "/v1/notifications/{id}", "getNotification", n,
        "One message as it was written: recipient, subject, text and HTML parts, the iCalendar part (METHOD, UID, SEQUENCE), and how sending went.");
    op("GET", "/v1/notification-settings", "getNotificationSettings", n,
        "Who the tenant's messages come from: sender name, from and reply-to addresses, with the service's defaults filled in.");
    op("POST", "/v1/notification-settings/inbound-token", "rotateInboundToken", n,
        "Makes the tenant's inbound token anew (the old one stops working) and answers it once, with the URL replies are posted to.");
    op("POST", "/inbound/v1/replies/{tenantId}", "receiveReply", n,
        "One inbound email as raw MIME, from an MTA pipe or a mail-to-webhook service, authenticated by the tenant's inbound token"
            + " (X-Horae-Inbound-Token or ?token=). An iMIP METHOD:REPLY to an invitation Horae sent updates that participation's reply;"
            + " anything else is IGNORED with its reason and changes nothing.");
    op("GET", "/v1/notification-templates/{kind}", "getNotificationTemplate", n,
        "The wording of one kind of message (INVITATION, UPDATE, CANCELLATION): the tenant's Mustache templates, or the default.");
    op("PUT", "/v1/notification-templates/{kind}", "setNotificationTemplate", n,
        "Sets the tenant's subject, text and HTML templates (Mustache) for one kind of message; a template that does not compile is a 400.");
    op("DELETE", "/v1/notification-templates/{kind}", "resetNotificationTemplate", n, "Back to the default wording for one kind of message.");
    op("PATCH", "/v1/notification-settings", "updateNotificationSettings", n,
        "Sets the sender name, from and reply-to addresses of the tenant's messages; a null member takes the service's default.");
    op("POST", "/v1/calendar-feeds", "createCalendarFeed", f,
        "Horae's addition: a secret ICS feed URL of one schedule (a resource's schedule too) for any calendar app to subscribe to: FULL"
            + " (titles, locations, notes, attendees) or BUSY (times only, the default), over pastDays (0..365, 30) and futureDays (1..730, 365)"
            + " around today in the schedule's zone. At most 10 per schedule.");
    op("GET", "/v1/calendar-feeds", "listCalendarFeeds", f, "The feeds of one schedule, oldest first, each with its URL.");
    op("GET", "/v1/calendar-feeds/{id}", "getCalendarFeed", f, "One feed, with its URL (anyone holding the URL can read the feed).");
    op("PATCH", "/v1/calendar-feeds/{id}", "updateCalendarFeed", f,
        "Changes a feed's name, privacy or window at the revision read; members left out keep their value, the URL stays.");
    op("POST", "/v1/calendar-feeds/{id}/rotate-token", "rotateCalendarFeedToken", f,
        "A new secret URL for the feed; the old one answers 404 from now on (subscribers must subscribe again).");
    op("DELETE", "/v1/calendar-feeds/{id}", "deleteCalendarFeed", f, "Revokes the feed: its URL answers 404 from now on.");
    op("GET", "/feeds/v1/{token}.ics", "readCalendarFeed", f,
        "The feed itself (RFC 5545), for calendar apps: needs no key, the token in the URL is the secret. One VEVENT per occurrence;"
            + " cancelled occurrences are left out, so subscribers drop them. `ETag` and `If-None-Match` give a 304 when nothing changed;"
            + " `Cache-Control: private, max-age` is HORAE_FEEDS_REFRESH_INTERVAL.");
    op("POST", "/v1/api-keys", "createApiKey", k);
    op("GET", "/v1/api-keys", "listApiKeys", k);
    op("GET", "/v1/api-keys/current", "getCurrentApiKey", k,
        "The key the request was sent with: its tenant, scopes and expiry. Any valid key may call it.");
    op("GET", "/v1/api-keys/{id}", "getApiKey", k);
    op("DELETE", "/v1/api-keys/{id}", "revokeApiKey", k);
    op("POST", "/v1/api-keys/{id}/rotate", "rotateApiKey", k);
    op("POST", "/admin/v1/tenants", "createTenant", ad, "Creates a tenant and its first API key, shown only in this answer.");
    op("GET", "/admin/v1/tenants", "listTenants", ad, "Lists the tenants, oldest first, a page at a time.");
    op("GET", "/admin/v1/tenants/{id}", "getTenant", ad, "A tenant, with its status and limits (`DELETING` while it is being erased).");
    op("PATCH", "/admin/v1/tenants/{id}", "updateTenant", ad, "Changes a tenant's name, external id or limits, at the revision given.");
    op("DELETE", "/admin/v1/tenants/{id}", "deleteTenant", ad,
        "Refuses the tenant at once and erases its data in the background; `GET` shows the progress until it is gone (then 404).");
    op("POST", "/admin/v1/tenants/{id}/suspend", "suspendTenant", ad, "Suspends a tenant: its keys are answered 403 until it is resumed; its data is kept.");
    op("POST", "/admin/v1/tenants/{id}/resume", "resumeTenant", ad, "Resumes a suspended tenant.");
    op("GET", "/admin/v1/tenants/{id}/audit", "getTenantAudit", ad, "The tenant's audit trail: its tenant and API key changes, oldest first.");
    op("GET", "/admin/v1/tenants/{id}/api-keys", "listTenantApiKeys", ad, "The tenant's API keys (never their secrets).");
    op("POST", "/admin/v1/tenants/{id}/api-keys", "createTenantApiKey", ad, "Creates an API key for the tenant, shown only in this answer.");
    op("POST", "/admin/v1/tenants/{id}/api-keys/{keyId}/rotate", "rotateTenantApiKey", ad,
        "Replaces a tenant's key with a new one; the old one keeps working for the overlap given.");
    op("DELETE", "/admin/v1/tenants/{id}/api-keys/{keyId}", "revokeTenantApiKey", ad, "Revokes a tenant's key at once.");
  }

  static final Map<String, String> TAGS = new LinkedHashMap<>();

  static {
    TAGS.put("Schedules", "Calendar V3 schedules: whose time it is (a person, a room, a service), with defaults for its events.");
    TAGS.put("Events", "Calendar V3 events: one-off and recurring (RFC 5545) events of a schedule, their instances and queries.");
    TAGS.put("Participations", "Calendar V3 participations: who takes part in an event or a whole schedule.");
    TAGS.put("External calendars", "Google, Microsoft, CalDAV (iCloud and others) calendars connected to a schedule: "
        + "their busy time imported, bookings exported.");
    TAGS.put("Resources", "Bookings Resources V2 and OnSched-shaped resources: people, rooms and equipment with working hours.");
    TAGS.put("Services", "OnSched-shaped services: what can be booked, for how long, on which resources.");
    TAGS.put("Appointments", "OnSched-shaped appointments: reserve, book, reschedule and cancel, never double-booked.");
    TAGS.put("Availability", "When a service's resources are really free, external busy time included, and why a slot is missing.");
    TAGS.put("Webhooks", "Signed (Standard Webhooks) deliveries of every change, with their log, secrets and replays.");
    TAGS.put("Changes", "The pull feed: every change of the tenant, in order, from a cursor.");
    TAGS.put("Notifications", "Participant notifications: the email messages (iMIP invitations and cancellations) changes sent, and who sends them.");
    TAGS.put("Calendar feeds", "Horae's addition: secret ICS feed URLs of schedules, full or busy-only, for any calendar app to subscribe to.");
    TAGS.put("API keys", "The tenant's own keys: scoped, expiring, rotated with an overlap.");
    TAGS.put("Admin", "The operator's API (Authorization: Bearer <HORAE_ADMIN_API_KEY>): tenants and their keys.");
  }

  /** The ids the examples use; {@code OpenApiExamplesIT} puts real ones in their place and sends every example. */
  static final String EXAMPLE_SCHEDULE = "2f3c7a52-1d1e-4c59-9a3e-5d8f0b6a1c01";
  static final String EXAMPLE_EVENT = "7b1e2d3c-4f5a-4b6c-8d7e-9f0a1b2c3d02";
  static final String EXAMPLE_SERVICE = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e03";
  static final String EXAMPLE_RESOURCE = "9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c04";

  /** operationId → an example request body: a working call, in the spelling a client should use. */
  static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

  static {
    EXAMPLES.put("createSchedule", """
        {"schedule": {"name": "Dr. Ada Lovelace", "timeZone": "Europe/Berlin", "defaultCapacity": 1, "externalId": "staff-17"}}""");
    EXAMPLES.put("createEvent", """
        {"event": {"scheduleId": "%s", "title": "Weekly check-in", "type": "APPOINTMENT",
          "start": {"localDate": "2027-01-04T10:00:00"}, "end": {"localDate": "2027-01-04T10:30:00"},
          "recurrenceRule": {"frequency": "WEEKLY", "days": ["MONDAY"]},
          "location": {"type": "CUSTOM", "name": "Room 3"}}}""".formatted(EXAMPLE_SCHEDULE));
    EXAMPLES.put("queryEvents", """
        {"fromLocalDate": "2027-01-01T00:00:00", "toLocalDate": "2027-02-01T00:00:00", "timeZone": "Europe/Berlin",
          "query": {"filter": {"scheduleId": "%s"}, "cursorPaging": {"limit": 50}}}""".formatted(EXAMPLE_SCHEDULE));
    EXAMPLES.put("createParticipation", """
        {"participation": {"eventId": "%s", "participant": {"name": "Grace Hopper", "email": "grace@example.com"},
          "partySize": 1, "status": "CONFIRMED"}}""".formatted(EXAMPLE_EVENT));
    EXAMPLES.put("createWebhook", """
        {"url": "https://hooks.example.com/horae", "eventTypes": ["wix.calendar.v3.event.created", "wix.calendar.v3.event.updated"]}""");
    EXAMPLES.put("createService", """
        {"name": "Consultation", "description": "A first talk", "duration": 30, "bufferAfter": 10, "bookingLimit": 1}""");
    EXAMPLES.put("createResource", """
        {"name": "Room 3", "email": "room3@example.com", "timezoneIana": "Europe/Berlin", "serviceIds": ["%s"],
          "availability": {"mon": {"startTime": 900, "endTime": 1700}, "tue": {"startTime": 900, "endTime": 1700}}}"""
        .formatted(EXAMPLE_SERVICE));
    EXAMPLES.put("createAppointment", """
        {"serviceId": "%s", "resourceId": "%s", "startDateTime": "2027-01-05T10:00:00+01:00",
          "endDateTime": "2027-01-05T10:30:00+01:00", "name": "Grace Hopper", "email": "grace@example.com"}"""
        .formatted(EXAMPLE_SERVICE, EXAMPLE_RESOURCE));
  }

  /** Each problem status with what it means, in the order the document lists them. */
  private static final Map<String, String> STATUSES = new TreeMap<>(Map.ofEntries(
      Map.entry("400", "The request is invalid; `details.validationError.fieldViolations` names each field and its problem"),
      Map.entry("401", "No API key, or one that is unknown, revoked or expired"),
      Map.entry("403", "The key lacks the operation's scope, or its tenant is suspended"),
      Map.entry("404", "No such entity in the caller's tenant"),
      Map.entry("409", "The entity changed since the given revision, or the change conflicts with another"),
      Map.entry("413", "The body is larger than the configured limit (HORAE_MAX_BODY_BYTES)"),
      Map.entry("415", "The body is not `application/json`"),
      Map.entry("422", "The request is well-formed but cannot be carried out (e.g. an Idempotency-Key reused with another body)"),
      Map.entry("428", "A precondition the operation needs is not met"),
      Map.entry("429", "Too many requests; `Retry-After` says when to try again"),
      Map.entry("500", "An unexpected failure; nothing was changed"),
      Map.entry("503", "PostgreSQL is unreachable or the node is stopping; `Retry-After` says when to try again")));

  @Bean
  @Order(100) // after the access rules have set each operation's security
  OpenApiCustomizer horaeContract() {
    return openApi -> {
      Components components = openApi.getComponents();
      components.addSchemas(PROBLEM, problemSchema());
      STATUSES.forEach((status, description) -> {
        ApiResponse response = new ApiResponse().description(description)
            .content(new Content().addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref(PROBLEM))));
        if (status.equals("429") || status.equals("503")) {
          response.addHeaderObject("Retry-After",
              new Header().description("Seconds to wait before trying again").schema(new IntegerSchema()));
        }
        components.addResponses("Problem" + status, response);
      });
      if (components.getSchemas() != null) {
        components.getSchemas().values().forEach(ApiContract::anyValues);
      }
      requestSchemas(openApi).forEach(name -> nullableMembers(components.getSchemas().get(name)));
      openApi.setTags(TAGS.entrySet().stream().map(t -> new Tag().name(t.getKey()).description(t.getValue())).toList());
      if (openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
        String[] named = OPERATIONS.get(method.name() + " " + path);
        if (named == null) {
          throw new IllegalStateException("No operationId for " + method + " " + path + " in ApiContract.OPERATIONS");
        }
        parameterLimits(operation);
        operation.setOperationId(named[0]);
        example(operation, EXAMPLES.get(named[0]));
        operation.setTags(List.of(named[1]));
        String description = DESCRIPTIONS.get(method.name() + " " + path);
        if (description != null) {
          operation.setDescription(operation.getDescription() == null ? description : description + "\n\n" + operation.getDescription());
        }
        problems(path, method, operation);
      }));
    };
  }

  /**
   * Every text parameter's longest value: the {@code Idempotency-Key} header's own limit, and
   * {@link TextLimits#PARAMETER} for any other that states none (the {@code HostileText} filter
   * holds them to it).
   */
  private static void parameterLimits(Operation operation) {
    if (operation.getParameters() == null) {
      return;
    }
    for (Parameter parameter : operation.getParameters()) {
      Schema<?> schema = parameter.getSchema();
      if (schema != null && schema.getItems() != null) {
        schema = schema.getItems();
      }
      if (schema != null && isString(schema) && schema.getMaxLength() == null && schema.getEnum() == null) {
        schema.setMaxLength(Idempotency.HEADER.equalsIgnoreCase(parameter.getName()) ? TextLimits.IDEMPOTENCY_KEY : TextLimits.PARAMETER);
      }
    }
  }

  private static void example(Operation operation, String json) {
    if (json == null || operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
      return;
    }
    MediaType media = operation.getRequestBody().getContent().get("application/json");
    if (media != null) {
      try {
        media.setExample(io.swagger.v3.core.util.Json.mapper().readValue(json, Object.class));
      } catch (java.io.IOException e) {
        throw new IllegalStateException("The example of " + operation.getOperationId() + " is not JSON", e);
      }
    }
  }

  private static boolean isString(Schema<?> s) {
    return "string".equals(s.getType()) || (s.getTypes() != null && s.getTypes().contains("string"));
  }

  private static void problems(String path, PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses = operation.getResponses();
    boolean keyed = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
    boolean write = method != PathItem.HttpMethod.GET;
    boolean body = operation.getRequestBody() != null;
    for (String status : STATUSES.keySet()) {
      boolean applies = switch (status) {
        case "401", "403" -> keyed;
        case "409" -> write;
        case "413", "415" -> body;
        default -> true;
      };
      if (applies && !responses.containsKey(status)) {
        responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/Problem" + status));
      }
    }
  }

  /**
   * A {@code Map<String, Object>} member (extendedFields, options, participantNotification) holds
   * any JSON value under each key; springdoc declares each value an object. Such a value schema
   * (an object with nothing else said of it) becomes "any value".
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void anyValues(Schema<?> schema) {
    if (schema == null) {
      return;
    }
    if (schema.getAdditionalProperties() instanceof Schema<?> values) {
      if (bareObject(values)) {
        ((Schema) schema).setAdditionalProperties(Boolean.TRUE);
      } else {
        anyValues(values);
      }
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(ApiContract::anyValues);
    }
    anyValues(schema.getItems());
  }

  /**
   * The names of the schemas a request body can hold, directly or nested. Their members may be sent
   * as {@code null}: on create it is the same as leaving them out, in an update with a field mask
   * it clears them.
   */
  private static java.util.Set<String> requestSchemas(OpenAPI openApi) {
    java.util.Set<String> found = new java.util.TreeSet<>();
    if (openApi.getPaths() == null || openApi.getComponents().getSchemas() == null) {
      return found;
    }
    java.util.Deque<Schema<?>> todo = new java.util.ArrayDeque<>();
    openApi.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
      if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
        op.getRequestBody().getContent().values().forEach(media -> {
          if (media.getSchema() != null) {
            todo.add(media.getSchema());
          }
        });
      }
    }));
    while (!todo.isEmpty()) {
      Schema<?> s = todo.pop();
      if (s.get$ref() != null) {
        String name = s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1);
        Schema<?> named = openApi.getComponents().getSchemas().get(name);
        if (named != null && found.add(name)) {
          todo.add(named);
        }
        continue;
      }
      if (s.getProperties() != null) {
        s.getProperties().values().forEach(todo::add);
      }
      if (s.getItems() != null) {
        todo.add(s.getItems());
      }
      if (s.getAdditionalProperties() instanceof Schema<?> values) {
        todo.add(values);
      }
    }
    return found;
  }

  /** Adds {@code null} to the types of each member that is not a reference. */
  private static void nullableMembers(Schema<?> schema) {
    if (schema.getProperties() == null) {
      return;
    }
    schema.getProperties().values().forEach(member -> {
      if (member.get$ref() == null) {
        java.util.Set<String> types = new java.util.LinkedHashSet<>();
        if (member.getTypes() != null) {
          types.addAll(member.getTypes());
        } else if (member.getType() != null) {
          types.add(member.getType());
        }
        if (!types.isEmpty()) {
          types.add("null");
          member.setTypes(types);
        }
      }
    });
  }

  private static boolean bareObject(Schema<?> s) {
    boolean object = "object".equals(s.getType()) || (s.getTypes() != null && s.getTypes().equals(java.util.Set.of("object")));
    return object && s.get$ref() == null && s.getProperties() == null && s.getAdditionalProperties() == null;
  }

  private static Schema<?> problemSchema() {
    Schema<?> violation = new ObjectSchema()
        .addProperty("field", new StringSchema().description("The field's path, e.g. `event.resources[0].name`"))
        .addProperty("description", new StringSchema());
    violation.setRequired(List.of("field", "description"));
    Schema<?> details = new ObjectSchema()
        .description("The Wix error shape, so that clients written for the vendor APIs keep working")
        .addProperty("applicationError", new ObjectSchema()
            .addProperty("code", new StringSchema())
            .addProperty("description", new StringSchema())
            .addProperty("data", new ObjectSchema()))
        .addProperty("validationError", new ObjectSchema()
            .addProperty("fieldViolations", new ArraySchema().items(violation)));
    Schema<?> problem = new ObjectSchema()
        .description("An RFC 9457 problem detail")
        .addProperty("type", new StringSchema().format("uri").description("https://horae.dev/problems/<code>"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema())
        .addProperty("code", new StringSchema().description("A stable, machine-readable code, e.g. `INVALID_ARGUMENT`, `NOT_FOUND`"))
        .addProperty("errors", new ArraySchema().items(violation))
        .addProperty("details", details);
    problem.setRequired(List.of("type", "title", "status", "detail", "code"));
    return problem;
  }
}
