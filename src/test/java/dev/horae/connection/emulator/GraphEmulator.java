package dev.horae.connection.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
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
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful emulator of the Microsoft Graph v1.0 calendar endpoints and the Microsoft identity
 * platform token endpoint, as far as Horae uses them, following the published reference: {@code
 * /me/calendars} (paged by {@code @odata.nextLink}), {@code calendarView/delta} (the window fixed by
 * the first request; pages of {@code Prefer: odata.maxpagesize}; {@code @odata.deltaLink} on the
 * last page; later rounds return what changed, deletions and events that left the window as {@code
 * @removed}; expired delta links answered 410 {@code SyncStateNotFound}), events (creation
 * deduplicated by {@code transactionId}, {@code @odata.etag} with {@code If-Match} → 412),
 * subscriptions (the validation handshake on the notification and lifecycle URLs before creation,
 * the 4,230-minute limit, PATCH renewal, DELETE), change notifications with {@code clientState},
 * lifecycle notifications on request, 429 with {@code Retry-After}, and a limit of 4 concurrent
 * requests per mailbox (a fifth is answered 429 {@code MailboxConcurrency}).
 */
public final class GraphEmulator extends EmulatedServer {
  public static final String CLIENT_ID = "horae-graph-client";
  public static final String CLIENT_SECRET = "horae-graph-secret";
  private static final DateTimeFormatter GRAPH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.0000000'");

  private final AtomicLong sequence = new AtomicLong(100);
  private final Map<String, Cal> calendars = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> events = new ConcurrentHashMap<>(); // id → event (with "_calendar", "_seq", "_deleted")
  private final Map<String, String> codes = new ConcurrentHashMap<>();
  private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
  private final List<String> issued = new CopyOnWriteArrayList<>();
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final List<AtomicInteger> throttles = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final ExecutorService notifier = Executors.newSingleThreadExecutor();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile long minimumDeltaSequence;
  private volatile long latencyMillis;
  private volatile String retryAfter = "1";
  private final AtomicInteger dropCreates = new AtomicInteger();
  private volatile Instant lastThrottled;
  private volatile Instant resumed;

  record Cal(String id, String name, boolean isDefault) {}

  public record Subscription(String id, String calendarId, String notificationUrl, String lifecycleUrl, String clientState, Instant expires) {}

  public GraphEmulator() {
    calendars.put("AAMkCalendar", new Cal("AAMkCalendar", "Calendar", true));
  }

  /** The settings pointing Horae at this emulator, as Spring property names ({@link Emulators} hands them on). */
  public Map<String, String> settings(int port) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    out.put("server.port", String.valueOf(port));
    out.put("horae.public-url", "http://127.0.0.1:" + port);
    out.put("horae.oauth.microsoft.client-id", CLIENT_ID);
    out.put("horae.oauth.microsoft.client-secret", CLIENT_SECRET);
    out.put("horae.oauth.microsoft.authorize-url", baseUrl() + "/common/oauth2/v2.0/authorize");
    out.put("horae.oauth.microsoft.token-url", baseUrl() + "/common/oauth2/v2.0/token");
    out.put("horae.microsoft.graph-url", baseUrl() + "/v1.0");
    out.put("horae.microsoft.page-size", "2");
    out.put("horae.microsoft.retry-base", "PT0.02S");
    out.put("horae.microsoft.retry-cap", "PT3S");
    return out;
  }

  public String defaultCalendar() {
    return "AAMkCalendar";
  }

  // ---- the test's side ----

  public String addCalendar(String name) {
    String id = "AAMk" + UUID.randomUUID().toString().replace("-", "");
    calendars.put(id, new Cal(id, name, false));
    return id;
  }

  public static ObjectNode event(String subject, Instant start, Instant end) {
    ObjectNode e = JSON.createObjectNode();
    e.put("subject", subject);
    e.set("start", when(start));
    e.set("end", when(end));
    e.put("isAllDay", false);
    e.put("showAs", "busy");
    e.put("isCancelled", false);
    e.put("type", "singleInstance");
    return e;
  }

  public static ObjectNode when(Instant at) {
    ObjectNode t = JSON.createObjectNode();
    t.put("dateTime", LocalDateTime.ofInstant(at, ZoneOffset.UTC).format(GRAPH));
    t.put("timeZone", "UTC");
    return t;
  }

  /** Stores an event as if the user made it in Outlook; answers its id. */
  public String put(String calendarId, ObjectNode event) {
    String id = event.has("id") ? event.get("id").asString() : "AAMkEv" + UUID.randomUUID().toString().replace("-", "");
    event.put("id", id);
    if (!event.has("iCalUId")) {
      event.put("iCalUId", "040000008200E00074C5B7101A82E008" + id.hashCode());
    }
    event.put("_calendar", calendarId);
    store(id, event);
    return id;
  }

  public void change(String id, Consumer<ObjectNode> edit) {
    ObjectNode copy = (ObjectNode) events.get(id).deepCopy();
    edit.accept(copy);
    store(id, copy);
  }

  public void delete(String id) {
    change(id, e -> e.put("_deleted", true));
  }

  public List<JsonNode> events(String calendarId) {
    return events.values().stream().filter(e -> e.get("_calendar").asString().equals(calendarId) && !e.path("_deleted").asBoolean(false))
        .sorted(Comparator.comparing(e -> e.get("id").asString())).toList();
  }

  public void expireDeltaLinks() {
    minimumDeltaSequence = sequence.get() + 1;
  }

  public void expireAccessTokens() {
    accessTokens.replaceAll((t, e) -> Instant.EPOCH);
  }

  public void revokeGrant(String refreshToken) {
    refreshTokens.put(refreshToken, true);
  }

  public List<String> refreshTokens() {
    return new ArrayList<>(issued);
  }

  /** The next {@code n} API calls are answered 429 with {@code Retry-After}. */
  public void throttle(int n, String retryAfterSeconds) {
    retryAfter = retryAfterSeconds;
    throttles.add(new AtomicInteger(n));
  }

  public void clearThrottles() {
    throttles.clear();
  }

  /** How long after the last 429 the next call came (null if none came yet). */
  public Duration waitedAfterThrottle() {
    return lastThrottled == null || resumed == null ? null : Duration.between(lastThrottled, resumed);
  }

  /** The next {@code n} event creations are made but their answer is lost (the connection drops). */
  public void dropCreateAnswers(int n) {
    dropCreates.set(n);
  }

  /** Each API call takes this long (to make concurrency visible). */
  public void latency(long millis) {
    latencyMillis = millis;
  }

  public int maxConcurrentRequests() {
    return maxInFlight.get();
  }

  public void resetConcurrency() {
    maxInFlight.set(0);
  }

  public Map<String, Subscription> subscriptions() {
    return Map.copyOf(subscriptions);
  }

  /** Graph sends a lifecycle notification ({@code reauthorizationRequired}, {@code subscriptionRemoved}, {@code missed}); answers the status Horae gave. */
  public int lifecycle(String subscriptionId, String event) {
    Subscription s = subscriptions.get(subscriptionId);
    if (event.equals("subscriptionRemoved")) {
      subscriptions.remove(subscriptionId);
    }
    ObjectNode n = JSON.createObjectNode();
    ObjectNode one = n.putArray("value").addObject();
    one.put("subscriptionId", s.id());
    one.put("subscriptionExpirationDateTime", s.expires().toString());
    one.put("tenantId", "tenant-1");
    one.put("clientState", s.clientState());
    one.put("lifecycleEvent", event);
    return post(s.lifecycleUrl(), JSON.writeValueAsString(n));
  }

  public void issueCode(String code, String challenge) {
    codes.put(code, challenge);
  }

  public boolean revoked(String refreshToken) {
    return Boolean.TRUE.equals(refreshTokens.get(refreshToken));
  }

  private void store(String id, ObjectNode event) {
    long seq = sequence.incrementAndGet();
    String changeKey = Base64.getEncoder().encodeToString(("ck" + seq).getBytes(StandardCharsets.UTF_8));
    event.put("_seq", seq);
    event.put("changeKey", changeKey);
    event.put("@odata.etag", "W/\"" + changeKey + "\"");
    event.put("lastModifiedDateTime", Instant.now().toString());
    events.put(id, event);
    String calendarId = event.get("_calendar").asString();
    for (Subscription s : subscriptions.values()) {
      if (s.calendarId().equals(calendarId)) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode one = n.putArray("value").addObject();
        one.put("subscriptionId", s.id());
        one.put("subscriptionExpirationDateTime", s.expires().toString());
        one.put("changeType", event.path("_deleted").asBoolean(false) ? "deleted" : "updated");
        one.put("resource", "Users/user-1/Events/" + id);
        one.putObject("resourceData").put("id", id);
        one.put("clientState", s.clientState());
        one.put("tenantId", "tenant-1");
        notifier.execute(() -> post(s.notificationUrl(), JSON.writeValueAsString(n)));
      }
    }
  }

  private int post(String url, String body) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  // ---- the provider's side ----

  private static final Pattern CALENDAR = Pattern.compile("/v1\\.0/me/calendars/([^/]+)/(calendarView/delta|events)");
  private static final Pattern EVENT = Pattern.compile("/v1\\.0/me/events/([^/]+)");
  private static final Pattern SUBSCRIPTION = Pattern.compile("/v1\\.0/subscriptions/([^/]+)");

  @Override
  void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String method = x.getRequestMethod();
    if (path.startsWith("/common/oauth2/v2.0/authorize")) {
      consent(x, "/common/oauth2/v2.0/authorize", CLIENT_ID, "Sign in to your Microsoft account", "the signed-in account", this::issueCode);
      return;
    }
    if (path.endsWith("/oauth2/v2.0/token")) {
      token(x);
      return;
    }
    if (!authorized(x)) {
      error(x, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
      return;
    }
    int now = inFlight.incrementAndGet();
    try {
      maxInFlight.accumulateAndGet(now, Math::max);
      if (now > 4) {
        x.getResponseHeaders().set("Retry-After", "1");
        error(x, 429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.");
        return;
      }
      if (latencyMillis > 0) {
        Thread.sleep(latencyMillis);
      }
      for (AtomicInteger t : throttles) {
        if (t.getAndDecrement() > 0) {
          x.getResponseHeaders().set("Retry-After", retryAfter);
          lastThrottled = Instant.now();
          resumed = null;
          error(x, 429, "TooManyRequests", "Too many requests");
          return;
        }
      }
      if (lastThrottled != null && resumed == null) {
        resumed = Instant.now();
      }
      api(x, path, method);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void api(HttpExchange x, String path, String method) throws IOException {
    Map<String, List<String>> q = params(x.getRequestURI().getRawQuery());
    if (path.equals("/v1.0/me/calendars")) {
      if (method.equals("POST")) {
        String id = addCalendar(JSON.readTree(body(x)).path("name").asString("Calendar"));
        ObjectNode out = JSON.createObjectNode();
        out.put("id", id);
        out.put("name", calendars.get(id).name());
        send(x, 201, out);
        return;
      }
      int top = first(q, "$top") == null ? 10 : Integer.parseInt(first(q, "$top"));
      int skip = first(q, "$skip") == null ? 0 : Integer.parseInt(first(q, "$skip"));
      List<Cal> all = calendars.values().stream().sorted(Comparator.comparing(Cal::id)).toList();
      ObjectNode out = JSON.createObjectNode();
      ArrayNode value = out.putArray("value");
      for (int i = skip; i < Math.min(all.size(), skip + top); i++) {
        ObjectNode c = value.addObject();
        c.put("id", all.get(i).id());
        c.put("name", all.get(i).name());
        c.put("isDefaultCalendar", all.get(i).isDefault());
        c.put("canEdit", true);
      }
      if (skip + top < all.size()) {
        out.put("@odata.nextLink", baseUrl() + "/v1.0/me/calendars?$top=" + top + "&$skip=" + (skip + top));
      }
      send(x, 200, out);
      return;
    }
    if (path.equals("/v1.0/subscriptions") && method.equals("POST")) {
      subscribe(x);
      return;
    }
    Matcher sub = SUBSCRIPTION.matcher(path);
    if (sub.matches()) {
      Subscription s = subscriptions.get(sub.group(1));
      if (s == null) {
        error(x, 404, "ResourceNotFound", "The object was not found.");
      } else if (method.equals("DELETE")) {
        subscriptions.remove(s.id());
        send(x, 204, (String) null);
      } else if (method.equals("PATCH")) {
        Instant expires = Instant.parse(JSON.readTree(body(x)).get("expirationDateTime").asString());
        if (expires.isAfter(Instant.now().plus(Duration.ofMinutes(4230)))) {
          error(x, 400, "ExtensionError", "Subscription expiration can only be 4230 minutes in the future.");
          return;
        }
        Subscription renewed = new Subscription(s.id(), s.calendarId(), s.notificationUrl(), s.lifecycleUrl(), s.clientState(), expires);
        subscriptions.put(s.id(), renewed);
        send(x, 200, subscriptionJson(renewed));
      }
      return;
    }
    Matcher cal = CALENDAR.matcher(path);
    if (cal.matches()) {
      String calendarId = URLDecoder.decode(cal.group(1), StandardCharsets.UTF_8);
      if (!calendars.containsKey(calendarId)) {
        error(x, 404, "ErrorItemNotFound", "The specified object was not found in the store.");
        return;
      }
      if (cal.group(2).equals("calendarView/delta")) {
        delta(x, calendarId, q);
      } else if (method.equals("POST")) {
        create(x, calendarId);
      } else {
        list(x, calendarId, q);
      }
      return;
    }
    Matcher ev = EVENT.matcher(path);
    if (ev.matches()) {
      JsonNode e = events.get(URLDecoder.decode(ev.group(1), StandardCharsets.UTF_8));
      if (e == null || e.path("_deleted").asBoolean(false)) {
        error(x, 404, "ErrorItemNotFound", "The specified object was not found in the store.");
        return;
      }
      String ifMatch = x.getRequestHeaders().getFirst("If-Match");
      switch (method) {
        case "GET" -> send(x, 200, visible(e));
        case "DELETE" -> {
          delete(e.get("id").asString());
          send(x, 204, (String) null);
        }
        case "PATCH" -> {
          if (ifMatch != null && !ifMatch.equals(e.get("@odata.etag").asString())) {
            error(x, 412, "ErrorIrresolvableConflict", "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.");
            return;
          }
          ObjectNode patch = (ObjectNode) JSON.readTree(body(x));
          change(e.get("id").asString(), target -> patch.properties().forEach(p -> target.set(p.getKey(), p.getValue())));
          send(x, 200, visible(events.get(e.get("id").asString())));
        }
        default -> error(x, 405, "MethodNotAllowed", "Method not allowed");
      }
      return;
    }
    error(x, 400, "BadRequest", "Resource not found for the segment.");
  }

  private void delta(HttpExchange x, String calendarId, Map<String, List<String>> q) throws IOException {
    int pageSize = 100;
    String prefer = String.join(",", x.getRequestHeaders().getOrDefault("Prefer", List.of()));
    Matcher m = Pattern.compile("odata\\.maxpagesize=(\\d+)").matcher(prefer);
    if (m.find()) {
      pageSize = Integer.parseInt(m.group(1));
    }
    long since;
    Instant from;
    Instant to;
    int offset = 0;
    long snapshot;
    if (first(q, "$deltatoken") != null) {
      String[] t = decode(first(q, "$deltatoken"));
      since = Long.parseLong(t[0]);
      from = Instant.parse(t[1]);
      to = Instant.parse(t[2]);
      if (since < minimumDeltaSequence) {
        error(x, 410, "SyncStateNotFound", "The sync state generation is not found. The delta token is expired and data must be synchronized again.");
        return;
      }
      snapshot = sequence.get();
    } else if (first(q, "$skiptoken") != null) {
      String[] t = decode(first(q, "$skiptoken"));
      since = Long.parseLong(t[0]);
      from = Instant.parse(t[1]);
      to = Instant.parse(t[2]);
      offset = Integer.parseInt(t[3]);
      snapshot = Long.parseLong(t[4]);
    } else {
      if (first(q, "startDateTime") == null || first(q, "endDateTime") == null) {
        error(x, 400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
        return;
      }
      since = -1;
      from = Instant.parse(first(q, "startDateTime"));
      to = Instant.parse(first(q, "endDateTime"));
      snapshot = sequence.get();
    }
    List<ObjectNode> rows = new ArrayList<>();
    long after = since;
    events.values().stream().filter(e -> e.get("_calendar").asString().equals(calendarId))
        .sorted(Comparator.comparing(e -> e.get("id").asString())).forEach(e -> {
          boolean inWindow = !e.path("_deleted").asBoolean(false) && instant(e.get("end")).isAfter(from) && instant(e.get("start")).isBefore(to);
          if (after < 0) {
            if (inWindow) {
              rows.add(visible(e));
            }
          } else if (e.get("_seq").asLong() > after) {
            if (inWindow) {
              rows.add(visible(e));
            } else {
              ObjectNode removed = JSON.createObjectNode();
              removed.put("@odata.type", "#microsoft.graph.event");
              removed.put("id", e.get("id").asString());
              removed.putObject("@removed").put("reason", "deleted");
              rows.add(removed);
            }
          }
        });
    ObjectNode out = JSON.createObjectNode();
    ArrayNode value = out.putArray("value");
    for (int i = offset; i < Math.min(rows.size(), offset + pageSize); i++) {
      value.add(rows.get(i));
    }
    String link = baseUrl() + "/v1.0/me/calendars/" + calendarId + "/calendarView/delta?";
    if (offset + pageSize < rows.size()) {
      out.put("@odata.nextLink", link + "$skiptoken=" + encode(since + "|" + from + "|" + to + "|" + (offset + pageSize) + "|" + snapshot));
    } else {
      out.put("@odata.deltaLink", link + "$deltatoken=" + encode(snapshot + "|" + from + "|" + to));
    }
    send(x, 200, out);
  }

  private void list(HttpExchange x, String calendarId, Map<String, List<String>> q) throws IOException {
    int top = first(q, "$top") == null ? 10 : Integer.parseInt(first(q, "$top"));
    int skip = first(q, "$skip") == null ? 0 : Integer.parseInt(first(q, "$skip"));
    List<JsonNode> all = events(calendarId);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode value = out.putArray("value");
    for (int i = skip; i < Math.min(all.size(), skip + top); i++) {
      value.add(visible(all.get(i)));
    }
    if (skip + top < all.size()) {
      out.put("@odata.nextLink", baseUrl() + "/v1.0/me/calendars/" + calendarId + "/events?$top=" + top + "&$skip=" + (skip + top));
    }
    send(x, 200, out);
  }

  private void create(HttpExchange x, String calendarId) throws IOException {
    ObjectNode in = (ObjectNode) JSON.readTree(body(x));
    String transaction = in.path("transactionId").asString(null);
    if (transaction != null) {
      for (JsonNode e : events.values()) {
        if (transaction.equals(e.path("transactionId").asString(null)) && !e.path("_deleted").asBoolean(false)) {
          send(x, 201, visible(e)); // a retried POST: the event made the first time
          return;
        }
      }
    }
    in.remove("id");
    if (!in.has("type")) {
      in.put("type", "singleInstance");
    }
    String id = put(calendarId, in);
    if (dropCreates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      x.getResponseHeaders().set("Content-Type", "application/json");
      x.sendResponseHeaders(201, 1000);
      x.getResponseBody().write("{\"id\":".getBytes(StandardCharsets.UTF_8)); // cut off mid-answer
      x.getResponseBody().flush();
      return;
    }
    send(x, 201, visible(events.get(id)));
  }

  private void subscribe(HttpExchange x) throws IOException {
    JsonNode in = JSON.readTree(body(x));
    Instant expires = Instant.parse(in.get("expirationDateTime").asString());
    if (expires.isAfter(Instant.now().plus(Duration.ofMinutes(4230)))) {
      error(x, 400, "ExtensionError", "Subscription expiration can only be 4230 minutes in the future.");
      return;
    }
    if (in.path("clientState").asString("").length() > 128) { // "The maximum length is 128 characters."
      error(x, 400, "InvalidRequest", "clientState exceeds the maximum length of 128 characters.");
      return;
    }
    Matcher resource = Pattern.compile("me/calendars/([^/]+)/events").matcher(in.path("resource").asString(""));
    if (!resource.matches() || !calendars.containsKey(resource.group(1))) {
      error(x, 400, "InvalidRequest", "Invalid resource");
      return;
    }
    for (String url : List.of(in.get("notificationUrl").asString(), in.path("lifecycleNotificationUrl").asString(in.get("notificationUrl").asString()))) {
      String challenge = "Validation: Testing client application reachability for subscription Request-Id: " + UUID.randomUUID();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + (url.contains("?") ? "&" : "?") + "validationToken="
            + java.net.URLEncoder.encode(challenge, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !challenge.equals(r.body()) || !r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain")) {
          error(x, 400, "ValidationError", "Subscription validation request failed. Response must exactly match validationToken query parameter.");
          return;
        }
      } catch (IOException | InterruptedException e) {
        error(x, 400, "ValidationError", "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.");
        return;
      }
    }
    Subscription s = new Subscription(UUID.randomUUID().toString(), resource.group(1), in.get("notificationUrl").asString(),
        in.path("lifecycleNotificationUrl").asString(in.get("notificationUrl").asString()), in.path("clientState").asString(null), expires);
    subscriptions.put(s.id(), s);
    send(x, 201, subscriptionJson(s));
  }

  private static ObjectNode subscriptionJson(Subscription s) {
    ObjectNode out = JSON.createObjectNode();
    out.put("id", s.id());
    out.put("resource", "me/calendars/" + s.calendarId() + "/events");
    out.put("changeType", "created,updated,deleted");
    out.put("notificationUrl", s.notificationUrl());
    out.put("expirationDateTime", s.expires().toString());
    if (s.clientState() != null) {
      out.put("clientState", s.clientState());
    }
    return out;
  }

  private static ObjectNode visible(JsonNode e) {
    ObjectNode copy = (ObjectNode) e.deepCopy();
    copy.remove("_calendar");
    copy.remove("_seq");
    copy.remove("_deleted");
    return copy;
  }

  private static Instant instant(JsonNode t) {
    String raw = t.get("dateTime").asString();
    return LocalDateTime.parse(raw.length() > 19 ? raw.substring(0, 19) : raw).toInstant(ZoneOffset.UTC);
  }

  private static String encode(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String s) {
    return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8).split("\\|");
  }

  private boolean authorized(HttpExchange x) {
    String header = x.getRequestHeaders().getFirst("Authorization");
    Instant expires = header == null || !header.startsWith("Bearer ") ? null : accessTokens.get(header.substring(7));
    return expires != null && expires.isAfter(Instant.now());
  }

  private void token(HttpExchange x) throws IOException {
    Map<String, List<String>> form = params(body(x));
    if (!CLIENT_ID.equals(first(form, "client_id")) || !CLIENT_SECRET.equals(first(form, "client_secret"))) {
      send(x, 401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}");
      return;
    }
    String grant = first(form, "grant_type");
    if ("authorization_code".equals(grant)) {
      String challenge = codes.remove(first(form, "code") == null ? "" : first(form, "code"));
      if (challenge == null || !challenge.equals(s256(first(form, "code_verifier")))) {
        send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.\"}");
        return;
      }
    } else if ("refresh_token".equals(grant)) {
      String refresh = first(form, "refresh_token");
      if (refresh == null || !Boolean.FALSE.equals(refreshTokens.get(refresh))) {
        send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS50173: The provided grant has expired due to it being revoked.\"}");
        return;
      }
    } else {
      send(x, 400, "{\"error\":\"unsupported_grant_type\"}");
      return;
    }
    String refresh = "M.C5" + UUID.randomUUID(); // Microsoft rotates refresh tokens on every use
    refreshTokens.put(refresh, false);
    issued.add(refresh);
    String access = "EwB" + UUID.randomUUID();
    accessTokens.put(access, Instant.now().plusSeconds(3600));
    ObjectNode out = JSON.createObjectNode();
    out.put("token_type", "Bearer");
    out.put("scope", "Calendars.ReadWrite offline_access");
    out.put("expires_in", 3600);
    out.put("access_token", access);
    out.put("refresh_token", refresh);
    send(x, 200, out);
  }

  private static void error(HttpExchange x, int status, String code, String message) throws IOException {
    ObjectNode out = JSON.createObjectNode();
    ObjectNode error = out.putObject("error");
    error.put("code", code);
    error.put("message", message);
    send(x, status, out);
  }

  @Override
  public void close() {
    notifier.shutdownNow();
    super.close();
  }
}
