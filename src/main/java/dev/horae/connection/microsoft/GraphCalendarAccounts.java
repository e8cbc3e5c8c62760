package dev.horae.connection.microsoft;

import dev.horae.connection.Provider;
import dev.horae.connection.account.Calendar;
import dev.horae.connection.account.CalendarAccount.Channel;
import dev.horae.connection.account.Change;
import dev.horae.connection.account.Changes;
import dev.horae.connection.account.IcsLines;
import dev.horae.connection.account.Outgoing;
import dev.horae.connection.account.ProviderRefusal.Reason;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.connection.account.Written;
import dev.horae.connection.oauth.OAuthAccounts;
import dev.horae.connection.oauth.ProviderCalls.Gone;
import dev.horae.connection.oauth.ProviderCalls;
import dev.horae.connection.oauth.ProviderSlots;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Microsoft Graph v1.0 over plain HTTP (the Graph SDK is 74 MB; Horae needs a dozen calls), base
 * URL from configuration ({@code horae.microsoft.graph-url}). Sync: {@code
 * /me/calendars/{id}/calendarView/delta} over the sync window (occurrences come expanded by
 * Graph), every {@code @odata.nextLink} followed, the {@code @odata.deltaLink} kept as the cursor;
 * the window is fixed by the first request, so Horae re-baselines (a fresh delta round over the
 * moved window) at each full sync (daily); a 410 or {@code syncStateNotFound} is {@link
 * Reason#SYNC_TOKEN_EXPIRED}. Times are asked for in UTC ({@code Prefer: outlook.timezone}). Busy:
 * {@code showAs} free or workingElsewhere is free, as are cancelled and self-declined events; {@code
 * oof} follows {@code horae.microsoft.out-of-office} (BUSY). Writes: creation carries a {@code
 * transactionId} derived from the Horae event, so Graph answers a retried POST with the event it
 * made; updates are PATCH with {@code If-Match}. At most {@code horae.microsoft.max-concurrent} (4)
 * requests run at once per mailbox across all nodes ({@link ProviderSlots}),
 * as Graph's Outlook limits allow; 429 and 503/504 are retried
 * after {@code Retry-After} (or a jittered backoff), then {@link Reason#RATE_LIMITED}.
 */
@Component
public class GraphCalendarAccounts implements OAuthAccounts {
  private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  /** Graph's longest subscription on Outlook events: 4,230 minutes. */
  private static final Duration MAX_SUBSCRIPTION = Duration.ofMinutes(4230);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
  private final JsonMapper json;
  private final java.time.Clock clock;
  private final String base;
  private final int pageSize;
  private final ProviderCalls calls;
  private final int maxConcurrent;
  private final boolean outOfOfficeBusy;
  private final ProviderSlots slots;
  /** A request's slot is held at most this long (its timeout and a margin), should its node die holding it. */
  private static final Duration SLOT_HOLD = Duration.ofSeconds(45);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  public GraphCalendarAccounts(JsonMapper json, java.time.Clock clock, MicrosoftProperties settings, ProviderSlots slots) {
    this.slots = slots;
    this.json = json;
    this.clock = clock;
    String graphUrl = settings.graphUrl();
    this.base = graphUrl.endsWith("/") ? graphUrl.substring(0, graphUrl.length() - 1) : graphUrl;
    this.pageSize = settings.pageSize();
    this.calls = new ProviderCalls("Microsoft Graph", new ProviderCalls.Policy(settings.retryAttempts(), settings.retryBase(), settings.retryCap()),
        new ProviderCalls.Reading() {
          @Override
          public ProviderRefusal refusal(String provider, ProviderCalls.Answered a) { // an expired delta link may come as 400 with its code
            return a.code().equalsIgnoreCase("syncStateNotFound") || a.code().equalsIgnoreCase("resyncRequired")
                ? new ProviderRefusal(Reason.SYNC_TOKEN_EXPIRED, "Microsoft Graph: the delta link expired (" + a.status() + " " + a.code() + ")") : null;
          }
        }, clock);
    this.maxConcurrent = settings.maxConcurrent();
    this.outOfOfficeBusy = settings.outOfOffice() == dev.horae.connection.OutOfOffice.BUSY;
  }

  @Override
  public String providerId() {
    return Provider.MICROSOFT;
  }

  @Override
  public List<Calendar> calendars(Session session) throws ProviderRefusal {
    List<Calendar> out = new ArrayList<>();
    String next = base + "/me/calendars?$top=100";
    while (next != null) {
      JsonNode page = call(session, "GET", next, null, null, Map.of());
      for (JsonNode c : page.path("value")) {
        out.add(new Calendar(c.get("id").asString(), c.path("name").asString(null), true, c.path("isDefaultCalendar").asBoolean(false)));
      }
      next = page.path("@odata.nextLink").asString(null);
    }
    return out;
  }

  @Override
  public Changes changes(Session session, String calendarId, String cursor, Instant from, Instant to) throws ProviderRefusal {
    String next = cursor != null ? cursor
        : base + "/me/calendars/" + path(calendarId) + "/calendarView/delta?startDateTime=" + utc(from) + "&endDateTime=" + utc(to);
    Map<String, String> prefer = Map.of("Prefer", "outlook.timezone=\"UTC\", odata.maxpagesize=" + pageSize);
    List<Change> items = new ArrayList<>();
    String deltaLink = null;
    while (next != null) {
      JsonNode page = call(session, "GET", next, null, null, prefer);
      for (JsonNode e : page.path("value")) {
        items.add(item(e));
      }
      next = page.path("@odata.nextLink").asString(null);
      deltaLink = page.path("@odata.deltaLink").asString(null);
    }
    return new Changes(items, deltaLink, cursor == null);
  }

  Change item(JsonNode e) {
    String id = e.get("id").asString();
    if (e.has("@removed")) {
      return new Change.Removed(id, id);
    }
    String etag = e.has("@odata.etag") ? e.get("@odata.etag").asString() : e.path("changeKey").asString("");
    boolean allDay = e.path("isAllDay").asBoolean(false);
    IcsLines v = new IcsLines().begin("VEVENT").text("UID", e.path("iCalUId").asString(id));
    time(v, "DTSTART", e.get("start"), allDay);
    time(v, "DTEND", e.get("end"), allDay);
    if (e.hasNonNull("subject")) {
      v.text("SUMMARY", e.get("subject").asString());
    }
    v.property("TRANSP", busy(e) ? "OPAQUE" : "TRANSPARENT");
    return new Change.Member(id, etag, id, v.end("VEVENT").toString());
  }

  private boolean busy(JsonNode e) {
    String showAs = e.path("showAs").asString("busy");
    if (e.path("isCancelled").asBoolean(false) || showAs.equals("free") || showAs.equals("workingElsewhere")) {
      return false;
    }
    if (showAs.equals("oof") && !outOfOfficeBusy) {
      return false;
    }
    return !"declined".equals(e.path("responseStatus").path("response").asString(""));
  }

  /** Graph's dateTimeTimeZone in UTC (asked for by Prefer), as an iCalendar UTC time, or a date for all-day events. */
  private static void time(IcsLines v, String name, JsonNode t, boolean allDay) {
    String raw = t.get("dateTime").asString();
    LocalDateTime local = LocalDateTime.parse(raw.length() > 19 ? raw.substring(0, 19) : raw);
    if (allDay) {
      v.date(name, local.toLocalDate());
      return;
    }
    String zone = t.path("timeZone").asString("UTC");
    v.utc(name, zone.equals("UTC") ? local.toInstant(ZoneOffset.UTC) : local.atZone(java.time.ZoneId.of(zone)).toInstant());
  }


  @Override
  public String createCalendar(Session session, String name) throws ProviderRefusal {
    ObjectNode body = json.createObjectNode();
    body.put("name", name);
    return call(session, "POST", base + "/me/calendars", body, null, Map.of()).get("id").asString();
  }

  @Override
  public String ref(String eventId) {
    return null; // Graph assigns ids; the transactionId keeps a retried creation single
  }

  @Override
  public Written put(Session session, String calendarId, String ref, Outgoing e, String ifMatch) throws ProviderRefusal {
    ObjectNode body = json.createObjectNode();
    body.put("subject", e.title() == null ? "" : e.title());
    body.put("isAllDay", e.allDay());
    body.put("showAs", e.transparent() ? "free" : "busy");
    body.set("start", when(e.allDay() ? e.firstDay().atStartOfDay() : LocalDateTime.ofInstant(e.start(), ZoneOffset.UTC)));
    body.set("end", when(e.allDay() ? e.endDay().atStartOfDay() : LocalDateTime.ofInstant(e.end(), ZoneOffset.UTC)));
    JsonNode written;
    if (ref == null) {
      body.put("transactionId", "horae-" + e.eventId());
      written = call(session, "POST", base + "/me/calendars/" + path(calendarId) + "/events", body, null, Map.of());
    } else {
      written = call(session, "PATCH", base + "/me/events/" + path(ref), body, ifMatch, Map.of());
    }
    return new Written(written.get("id").asString(), written.path("@odata.etag").asString(null));
  }

  private ObjectNode when(LocalDateTime utc) {
    ObjectNode t = json.createObjectNode();
    t.put("dateTime", utc.format(GRAPH_TIME));
    t.put("timeZone", "UTC");
    return t;
  }

  @Override
  public String etag(Session session, String calendarId, String ref) throws ProviderRefusal {
    try {
      return call(session, "GET", base + "/me/events/" + path(ref) + "?$select=id", null, null, Map.of()).path("@odata.etag").asString(null);
    } catch (Gone gone) {
      return null;
    }
  }

  @Override
  public void delete(Session session, String calendarId, String ref) throws ProviderRefusal {
    try {
      call(session, "DELETE", base + "/me/events/" + path(ref), null, null, Map.of());
    } catch (Gone gone) {
      // deleted already
    }
  }

  @Override
  public Map<String, String> exported(Session session, String calendarId) throws ProviderRefusal {
    Map<String, String> out = new HashMap<>();
    String next = base + "/me/calendars/" + path(calendarId) + "/events?$select=id&$top=" + pageSize;
    while (next != null) {
      JsonNode page = call(session, "GET", next, null, null, Map.of());
      for (JsonNode e : page.path("value")) {
        out.put(e.get("id").asString(), e.path("@odata.etag").asString(null));
      }
      next = page.path("@odata.nextLink").asString(null);
    }
    return out;
  }

  @Override
  public Channel watch(Session session, String calendarId, String channelId, String address, String token, Instant expires) throws ProviderRefusal {
    Instant until = min(expires, clock.instant().plus(MAX_SUBSCRIPTION).minusSeconds(60));
    ObjectNode body = json.createObjectNode();
    body.put("changeType", "created,updated,deleted");
    body.put("notificationUrl", address);
    body.put("lifecycleNotificationUrl", address);
    body.put("resource", "me/calendars/" + calendarId + "/events");
    body.put("expirationDateTime", until.toString());
    body.put("clientState", token);
    JsonNode made = call(session, "POST", base + "/subscriptions", body, null, Map.of());
    return new Channel(channelId, made.get("id").asString(), Instant.parse(made.path("expirationDateTime").asString(until.toString())));
  }

  @Override
  public Channel renew(Session session, Channel channel, Instant expires) throws ProviderRefusal {
    Instant until = min(expires, clock.instant().plus(MAX_SUBSCRIPTION).minusSeconds(60));
    ObjectNode body = json.createObjectNode();
    body.put("expirationDateTime", until.toString());
    JsonNode renewed = call(session, "PATCH", base + "/subscriptions/" + path(channel.resourceId()), body, null, Map.of());
    return new Channel(channel.id(), channel.resourceId(), Instant.parse(renewed.path("expirationDateTime").asString(until.toString())));
  }

  @Override
  public void unwatch(Session session, Channel channel) throws ProviderRefusal {
    try {
      call(session, "DELETE", base + "/subscriptions/" + path(channel.resourceId()), null, null, Map.of());
    } catch (Gone gone) {
      // expired or removed already
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static String utc(Instant at) {
    return LocalDateTime.ofInstant(at, ZoneOffset.UTC).format(GRAPH_TIME) + "Z";
  }

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode call(Session session, String method, String url, JsonNode body, String ifMatch, Map<String, String> headers) throws ProviderRefusal {
    return calls.call(session, token -> {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
          .header("Authorization", "Bearer " + token).header("Accept", "application/json");
      headers.forEach(request::header);
      if (ifMatch != null) {
        request.header("If-Match", ifMatch);
      }
      request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      HttpResponse<String> r;
      // Graph's limit per mailbox holds across every node: a slot in PostgreSQL for each request
      try (ProviderSlots.Slot slot = slots.acquire("microsoft", session.key(), maxConcurrent, SLOT_HOLD, TIMEOUT)) {
        r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderRefusal(Reason.INTERRUPTED, "interrupted");
      }
      int status = r.statusCode();
      if (status >= 200 && status < 300) {
        return r.body() == null || r.body().isBlank() ? json.createObjectNode() : json.readTree(r.body());
      }
      throw new ProviderCalls.Answered(status, errorCode(r.body()), r.headers().firstValue("Retry-After").orElse(null));
    });
  }

  private String errorCode(String body) {
    try {
      return json.readTree(body).path("error").path("code").asString("");
    } catch (RuntimeException notJson) {
      return "";
    }
  }


}
