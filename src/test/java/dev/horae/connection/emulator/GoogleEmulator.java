package dev.horae.connection.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * A stateful emulator of the Google Calendar API v3 and Google's OAuth token and revocation
 * endpoints, as far as Horae uses them, following the published reference: {@code calendarList.list},
 * {@code calendars.insert}, {@code events.list} (pages of {@code maxResults}, {@code nextPageToken}
 * on every page but the last, {@code nextSyncToken} only on the last; {@code syncToken} returning
 * every change since, deletions as {@code status: cancelled}; {@code syncToken} refused together
 * with {@code timeMin}; expired tokens answered 410 {@code fullSyncRequired}; {@code
 * privateExtendedProperty} filters), {@code events.get/insert/update/delete} (client-chosen ids
 * checked as base32hex, 409 {@code duplicate}, ETags with {@code If-Match} → 412, 410 {@code deleted}
 * for a second delete), {@code events.watch} (a {@code sync} notification first, then {@code exists}
 * on every change, with the channel's token) and {@code channels.stop}. Access tokens expire, refresh
 * tokens can be revoked ({@code invalid_grant}), and rate limits can be switched on (429 or 403
 * {@code rateLimitExceeded}).
 */
public final class GoogleEmulator extends EmulatedServer {
  public static final String CLIENT_ID = "horae-google-client";
  public static final String CLIENT_SECRET = "horae-google-secret";
  private static final Pattern BASE32HEX_ID = Pattern.compile("[a-v0-9]{5,1024}");

  private final AtomicLong sequence = new AtomicLong(1000);
  private final Map<String, Cal> calendars = new ConcurrentHashMap<>();
  private final Map<String, String> codes = new ConcurrentHashMap<>(); // code → PKCE challenge
  private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>(); // token → revoked
  private final List<String> issued = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, Watch> channels = new ConcurrentHashMap<>();
  private final List<Throttle> throttles = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicInteger dropInserts = new AtomicInteger();
  private final ExecutorService notifier = Executors.newSingleThreadExecutor();
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile long minimumSyncSequence;
  public final String email;

  static final class Cal {
    final String id;
    final String summary;
    final boolean primary;
    final Map<String, Ev> events = new ConcurrentHashMap<>();

    Cal(String id, String summary, boolean primary) {
      this.id = id;
      this.summary = summary;
      this.primary = primary;
    }
  }

  static final class Ev {
    ObjectNode body;
    long sequence;
  }

  public record Watch(String id, String calendarId, String resourceId, String address, String token, long expiration, AtomicInteger messages) {}

  record Throttle(int status, String reason, String retryAfter, AtomicInteger remaining) {}

  public GoogleEmulator(String email) {
    this.email = email;
    calendars.put(email, new Cal(email, email, true));
  }

  // ---- the test's side: what a user does in Google Calendar, and faults ----

  /** The settings pointing Horae at this emulator, as Spring property names ({@link Emulators} hands them on). */
  public Map<String, String> settings(int port) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    out.put("server.port", String.valueOf(port));
    out.put("horae.public-url", "http://127.0.0.1:" + port);
    out.put("horae.oauth.google.client-id", CLIENT_ID);
    out.put("horae.oauth.google.client-secret", CLIENT_SECRET);
    out.put("horae.oauth.google.authorize-url", baseUrl() + "/o/oauth2/v2/auth");
    out.put("horae.oauth.google.token-url", baseUrl() + "/token");
    out.put("horae.oauth.google.revoke-url", baseUrl() + "/revoke");
    out.put("horae.google.api-url", baseUrl());
    out.put("horae.google.page-size", "2"); // every listing spans pages
    out.put("horae.google.retry-base", "PT0.02S");
    out.put("horae.google.retry-cap", "PT0.1S");
    return out;
  }

  public String addCalendar(String summary) {
    String id = UUID.randomUUID().toString().replace("-", "") + "@group.calendar.google.com";
    calendars.put(id, new Cal(id, summary, false));
    return id;
  }

  /** Stores an event as given (an {@code id} in it is kept), as if the user made it; answers its id. */
  public String put(String calendarId, ObjectNode event) {
    Cal cal = calendars.get(calendarId);
    String id = event.has("id") ? event.get("id").asString() : "e" + UUID.randomUUID().toString().replace("-", "");
    event.put("id", id);
    event.put("kind", "calendar#event");
    if (!event.has("status")) {
      event.put("status", "confirmed");
    }
    if (!event.has("iCalUID")) {
      event.put("iCalUID", (event.has("recurringEventId") ? event.get("recurringEventId").asString() : id) + "@google.com");
    }
    store(cal, id, event);
    return id;
  }

  public void change(String calendarId, String id, Consumer<ObjectNode> edit) {
    Cal cal = calendars.get(calendarId);
    ObjectNode body = cal.events.get(id).body.deepCopy();
    edit.accept(body);
    store(cal, id, body);
  }

  /** Deletes as Google does: the event stays, cancelled; deleting a series cancels its exceptions too. */
  public void delete(String calendarId, String id) {
    change(calendarId, id, e -> e.put("status", "cancelled"));
    for (Ev ev : calendars.get(calendarId).events.values()) {
      if (id.equals(ev.body.path("recurringEventId").asString(null)) && !"cancelled".equals(ev.body.path("status").asString(""))) {
        change(calendarId, ev.body.get("id").asString(), e -> e.put("status", "cancelled"));
      }
    }
  }

  public List<ObjectNode> events(String calendarId) {
    return calendars.get(calendarId).events.values().stream().map(e -> e.body).sorted(Comparator.comparing(e -> e.get("id").asString())).toList();
  }

  public List<String> calendarIds() {
    return new ArrayList<>(calendars.keySet());
  }

  /** The ids of the calendars the user sees with this name (summary). */
  public List<String> calendarsNamed(String summary) {
    return calendars.values().stream().filter(c -> summary.equals(c.summary)).map(c -> c.id).toList();
  }

  /** Every sync token issued so far stops working (410). */
  public void expireSyncTokens() {
    minimumSyncSequence = sequence.get() + 1;
  }

  public void expireAccessTokens() {
    accessTokens.replaceAll((token, expires) -> Instant.EPOCH);
  }

  /** The user removes Horae's access in their Google account. */
  public void revokeGrants() {
    refreshTokens.replaceAll((token, revoked) -> true);
    accessTokens.clear();
  }

  /** The next {@code n} API calls are refused with {@code status} (429, or 403 with reason rateLimitExceeded). */
  public void throttle(int n, int status, String retryAfter) {
    throttles.add(new Throttle(status, "rateLimitExceeded", retryAfter, new AtomicInteger(n)));
  }

  /** The next {@code n} inserts are made but their answer is lost (the connection drops). */
  public void dropInsertAnswers(int n) {
    dropInserts.set(n);
  }

  public Map<String, Watch> channels() {
    return Map.copyOf(channels);
  }

  public boolean revoked(String refreshToken) {
    return Boolean.TRUE.equals(refreshTokens.get(refreshToken));
  }

  /** Refresh tokens in the order they were issued. */
  public List<String> refreshTokens() {
    return new ArrayList<>(issued);
  }

  /** The user removes this one grant. */
  public void revokeGrant(String refreshToken) {
    refreshTokens.put(refreshToken, true);
  }

  public void clearThrottles() {
    throttles.clear();
  }

  /** The user consents: a code for this PKCE challenge. */
  public void issueCode(String code, String challenge) {
    codes.put(code, challenge);
  }

  public static ObjectNode event(String summary, Instant start, Instant end, String zone) {
    ObjectNode e = JSON.createObjectNode();
    e.put("summary", summary);
    e.set("start", dateTime(start, zone));
    e.set("end", dateTime(end, zone));
    return e;
  }

  public static ObjectNode dateTime(Instant at, String zone) {
    ObjectNode t = JSON.createObjectNode();
    java.time.ZoneId z = zone == null ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(zone);
    t.put("dateTime", java.time.OffsetDateTime.ofInstant(at, z).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    if (zone != null) {
      t.put("timeZone", zone);
    }
    return t;
  }

  public static ObjectNode date(java.time.LocalDate day) {
    ObjectNode t = JSON.createObjectNode();
    t.put("date", day.toString());
    return t;
  }

  private void store(Cal cal, String id, ObjectNode body) {
    long seq = sequence.incrementAndGet();
    body.put("etag", "\"" + (3_180_000_000_000_000L + seq) + "\"");
    body.put("updated", Instant.now().toString());
    Ev ev = cal.events.computeIfAbsent(id, k -> new Ev());
    synchronized (ev) {
      ev.body = body;
      ev.sequence = seq;
    }
    notifyWatchers(cal.id);
  }

  private void notifyWatchers(String calendarId) {
    for (Watch w : channels.values()) {
      if (w.calendarId().equals(calendarId)) {
        notifier.execute(() -> notifyOne(w, "exists"));
      }
    }
  }

  private void notifyOne(Watch w, String state) {
    try {
      http.send(HttpRequest.newBuilder(URI.create(w.address())).timeout(java.time.Duration.ofSeconds(5))
          .header("X-Goog-Channel-ID", w.id()).header("X-Goog-Channel-Token", w.token())
          .header("X-Goog-Channel-Expiration", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
              java.time.ZonedDateTime.ofInstant(Instant.ofEpochMilli(w.expiration()), java.time.ZoneOffset.UTC)))
          .header("X-Goog-Resource-ID", w.resourceId()).header("X-Goog-Resource-URI", baseUrl() + "/calendar/v3/calendars/" + w.calendarId() + "/events")
          .header("X-Goog-Resource-State", state).header("X-Goog-Message-Number", String.valueOf(w.messages().incrementAndGet()))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // Google retries with backoff; the emulator gives up: polling covers it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- the provider's side ----


  private static final Pattern EVENTS = Pattern.compile("/calendar/v3/calendars/([^/]+)/events(?:/([^/]+))?");

  @Override
  void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String method = x.getRequestMethod();
    if (path.equals("/token")) {
      token(x);
      return;
    }
    if (path.startsWith("/o/oauth2/v2/auth")) {
      consent(x, "/o/oauth2/v2/auth", CLIENT_ID, "Sign in with Google", email, this::issueCode);
      return;
    }
    if (path.equals("/revoke")) {
      Map<String, List<String>> form = params(body(x));
      String token = first(form, "token");
      if (token != null && refreshTokens.containsKey(token)) {
        refreshTokens.put(token, true);
        send(x, 200, "{}");
      } else {
        send(x, 400, "{\"error\":\"invalid_token\"}");
      }
      return;
    }
    if (!authorized(x)) {
      error(x, 401, "authError", "Request had invalid authentication credentials.");
      return;
    }
    for (Throttle t : throttles) {
      if (t.remaining().getAndDecrement() > 0) {
        if (t.retryAfter() != null) {
          x.getResponseHeaders().set("Retry-After", t.retryAfter());
        }
        error(x, t.status(), t.reason(), "Rate Limit Exceeded");
        return;
      }
    }
    Map<String, List<String>> q = params(x.getRequestURI().getRawQuery());
    if (path.equals("/calendar/v3/users/me/calendarList") && method.equals("GET")) {
      ObjectNode out = JSON.createObjectNode();
      out.put("kind", "calendar#calendarList");
      ArrayNode items = out.putArray("items");
      calendars.values().stream().sorted(Comparator.comparing(c -> c.id)).forEach(c -> {
        ObjectNode entry = items.addObject();
        entry.put("kind", "calendar#calendarListEntry");
        entry.put("id", c.id);
        entry.put("summary", c.summary);
        entry.put("accessRole", "owner");
        if (c.primary) {
          entry.put("primary", true);
        }
      });
      send(x, 200, out);
      return;
    }
    if (path.equals("/calendar/v3/calendars") && method.equals("POST")) {
      JsonNode in = JSON.readTree(body(x));
      String id = addCalendar(in.path("summary").asString("Untitled"));
      ObjectNode out = JSON.createObjectNode();
      out.put("kind", "calendar#calendar");
      out.put("id", id);
      out.put("summary", calendars.get(id).summary);
      send(x, 200, out);
      return;
    }
    if (path.equals("/calendar/v3/channels/stop") && method.equals("POST")) {
      JsonNode in = JSON.readTree(body(x));
      Watch w = channels.get(in.path("id").asString(""));
      if (w == null || !w.resourceId().equals(in.path("resourceId").asString(""))) {
        error(x, 404, "notFound", "Channel '" + in.path("id").asString("") + "' not found for project");
        return;
      }
      channels.remove(w.id());
      send(x, 204, (String) null);
      return;
    }
    Matcher m = EVENTS.matcher(path);
    if (path.endsWith("/events/watch") && method.equals("POST")) {
      String calendarId = java.net.URLDecoder.decode(path.substring("/calendar/v3/calendars/".length(), path.length() - "/events/watch".length()), StandardCharsets.UTF_8);
      watch(x, calendarId);
      return;
    }
    if (!m.matches()) {
      error(x, 404, "notFound", "Not Found");
      return;
    }
    Cal cal = calendars.get(java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
    if (cal == null) {
      error(x, 404, "notFound", "Not Found");
      return;
    }
    String eventId = m.group(2);
    switch (method) {
      case "GET" -> {
        if (eventId == null) {
          list(x, cal, q);
        } else {
          Ev ev = cal.events.get(eventId);
          if (ev == null) {
            error(x, 404, "notFound", "Not Found");
          } else {
            send(x, 200, ev.body);
          }
        }
      }
      case "POST" -> insert(x, cal);
      case "PUT" -> update(x, cal, eventId);
      case "DELETE" -> {
        Ev ev = cal.events.get(eventId);
        if (ev == null) {
          error(x, 404, "notFound", "Not Found");
        } else if ("cancelled".equals(ev.body.path("status").asString(""))) {
          error(x, 410, "deleted", "Resource has been deleted");
        } else if (!ifMatch(x, ev)) {
          error(x, 412, "conditionNotMet", "Precondition Failed");
        } else {
          delete(cal.id, eventId);
          send(x, 204, (String) null);
        }
      }
      default -> error(x, 405, "methodNotAllowed", "Method not allowed");
    }
  }

  private boolean authorized(HttpExchange x) {
    String header = x.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    Instant expires = accessTokens.get(header.substring(7));
    return expires != null && expires.isAfter(Instant.now());
  }

  private static boolean ifMatch(HttpExchange x, Ev ev) {
    String ifMatch = x.getRequestHeaders().getFirst("If-Match");
    return ifMatch == null || ifMatch.equals(ev.body.get("etag").asString());
  }

  private void list(HttpExchange x, Cal cal, Map<String, List<String>> q) throws IOException {
    String syncToken = first(q, "syncToken");
    String pageToken = first(q, "pageToken");
    if ("true".equals(first(q, "singleEvents"))) {
      error(x, 400, "invalid", "singleEvents=true is not emulated");
      return;
    }
    if (syncToken != null && (q.containsKey("timeMin") || q.containsKey("timeMax") || q.containsKey("updatedMin") || q.containsKey("q")
        || q.containsKey("orderBy") || q.containsKey("iCalUID") || q.containsKey("privateExtendedProperty"))) {
      error(x, 400, "invalid", "Sync token cannot be used with other query parameters.");
      return;
    }
    long since = -1;
    long snapshot;
    int offset = 0;
    if (pageToken != null) {
      String[] p = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8).split(":");
      since = Long.parseLong(p[0]);
      snapshot = Long.parseLong(p[1]);
      offset = Integer.parseInt(p[2]);
    } else {
      snapshot = sequence.get();
      if (syncToken != null) {
        long tokenSequence;
        try {
          String[] t = new String(Base64.getUrlDecoder().decode(syncToken), StandardCharsets.UTF_8).split(":");
          tokenSequence = t[0].equals(cal.id) ? Long.parseLong(t[1]) : -2;
        } catch (RuntimeException bad) {
          tokenSequence = -2;
        }
        if (tokenSequence == -2) {
          error(x, 400, "invalid", "Invalid sync token value.");
          return;
        }
        if (tokenSequence < minimumSyncSequence) {
          error(x, 410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
          return;
        }
        since = tokenSequence;
      }
    }
    boolean incremental = since >= 0;
    boolean showDeleted = "true".equals(first(q, "showDeleted"));
    Instant timeMin = first(q, "timeMin") == null ? null : java.time.OffsetDateTime.parse(first(q, "timeMin")).toInstant();
    String property = first(q, "privateExtendedProperty");
    int max = Math.min(2500, first(q, "maxResults") == null ? 250 : Integer.parseInt(first(q, "maxResults")));
    List<ObjectNode> matching = new ArrayList<>();
    long from = since;
    cal.events.values().stream().sorted(Comparator.comparing(e -> e.body.get("id").asString())).forEach(ev -> {
      ObjectNode b = ev.body;
      boolean cancelled = "cancelled".equals(b.path("status").asString(""));
      if (incremental) {
        if (ev.sequence > from) {
          matching.add(b);
        }
        return;
      }
      if (cancelled && !showDeleted && !b.has("recurringEventId")) {
        return; // deleted events only with showDeleted; cancelled occurrences of a series always
      }
      if (timeMin != null && !b.has("recurrence") && !b.has("recurringEventId") && b.has("end") && end(b).isBefore(timeMin.plusMillis(1))) {
        return;
      }
      if (property != null) {
        String[] kv = property.split("=", 2);
        JsonNode value = b.path("extendedProperties").path("private").path(kv[0]);
        if (value.isMissingNode() || !value.asString().equals(kv[1])) {
          return;
        }
      }
      matching.add(b);
    });
    ObjectNode out = JSON.createObjectNode();
    out.put("kind", "calendar#events");
    out.put("summary", cal.summary);
    ArrayNode items = out.putArray("items");
    for (int i = offset; i < Math.min(matching.size(), offset + max); i++) {
      items.add(matching.get(i));
    }
    if (offset + max < matching.size()) {
      out.put("nextPageToken", Base64.getUrlEncoder().encodeToString((since + ":" + snapshot + ":" + (offset + max)).getBytes(StandardCharsets.UTF_8)));
    } else if (property == null) {
      out.put("nextSyncToken", Base64.getUrlEncoder().encodeToString((cal.id + ":" + snapshot).getBytes(StandardCharsets.UTF_8)));
    }
    send(x, 200, out);
  }

  private static Instant end(JsonNode b) {
    JsonNode end = b.get("end");
    if (end.has("date")) {
      return java.time.LocalDate.parse(end.get("date").asString()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }
    return java.time.OffsetDateTime.parse(end.get("dateTime").asString()).toInstant();
  }

  private void insert(HttpExchange x, Cal cal) throws IOException {
    ObjectNode in = (ObjectNode) JSON.readTree(body(x));
    if (in.has("id")) {
      String id = in.get("id").asString();
      if (!BASE32HEX_ID.matcher(id).matches()) {
        error(x, 400, "invalid", "Invalid resource id value.");
        return;
      }
      if (cal.events.containsKey(id)) {
        error(x, 409, "duplicate", "The requested identifier already exists.");
        return;
      }
    }
    String id = put(cal.id, in);
    if (dropInserts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      x.getResponseHeaders().set("Content-Type", "application/json");
      x.sendResponseHeaders(200, 1000);
      x.getResponseBody().write("{\"kind\":".getBytes(StandardCharsets.UTF_8)); // cut off mid-answer
      x.getResponseBody().flush();
      return;
    }
    send(x, 200, cal.events.get(id).body);
  }

  private void update(HttpExchange x, Cal cal, String eventId) throws IOException {
    Ev ev = cal.events.get(eventId);
    if (ev == null) {
      error(x, 404, "notFound", "Not Found");
      return;
    }
    if (!ifMatch(x, ev)) {
      error(x, 412, "conditionNotMet", "Precondition Failed");
      return;
    }
    ObjectNode in = (ObjectNode) JSON.readTree(body(x));
    in.put("id", eventId);
    in.put("kind", "calendar#event");
    in.put("iCalUID", ev.body.path("iCalUID").asString(eventId + "@google.com"));
    if (!in.has("status")) {
      in.put("status", "confirmed");
    }
    store(cal, eventId, in);
    send(x, 200, cal.events.get(eventId).body);
  }

  private void watch(HttpExchange x, String calendarId) throws IOException {
    if (!calendars.containsKey(calendarId)) {
      error(x, 404, "notFound", "Not Found");
      return;
    }
    JsonNode in = JSON.readTree(body(x));
    if (!"web_hook".equals(in.path("type").asString("")) || in.path("address").asString("").isEmpty() || in.path("id").asString("").isEmpty()) {
      error(x, 400, "invalid", "Invalid channel");
      return;
    }
    // a channel id is at most 64 characters of [A-Za-z0-9-_+/=]; a token at most 256 characters
    if (!in.get("id").asString().matches("[A-Za-z0-9\\-_+/=]{1,64}") || in.path("token").asString("").length() > 256) {
      error(x, 400, "invalid", "Invalid channel id or token");
      return;
    }
    if (channels.containsKey(in.get("id").asString())) {
      error(x, 400, "channelIdNotUnique", "Channel id not unique");
      return;
    }
    long maxExpiration = Instant.now().plus(java.time.Duration.ofDays(7)).toEpochMilli(); // Google caps event channels at a week
    long expiration = Math.min(in.path("expiration").asLong(maxExpiration), maxExpiration);
    Watch w = new Watch(in.get("id").asString(), calendarId, "r" + UUID.randomUUID().toString().replace("-", ""), in.get("address").asString(),
        in.path("token").asString(null), expiration, new AtomicInteger(-1));
    channels.put(w.id(), w);
    ObjectNode out = JSON.createObjectNode();
    out.put("kind", "api#channel");
    out.put("id", w.id());
    out.put("resourceId", w.resourceId());
    out.put("resourceUri", baseUrl() + "/calendar/v3/calendars/" + calendarId + "/events?alt=json");
    if (w.token() != null) {
      out.put("token", w.token());
    }
    out.put("expiration", String.valueOf(expiration));
    send(x, 200, out);
    notifier.execute(() -> notifyOne(w, "sync"));
  }

  private void token(HttpExchange x) throws IOException {
    Map<String, List<String>> form = params(body(x));
    if (!CLIENT_ID.equals(first(form, "client_id")) || !CLIENT_SECRET.equals(first(form, "client_secret"))) {
      send(x, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Unauthorized\"}");
      return;
    }
    String grant = first(form, "grant_type");
    String refresh;
    if ("authorization_code".equals(grant)) {
      String challenge = codes.remove(first(form, "code") == null ? "" : first(form, "code"));
      if (challenge == null || !challenge.equals(s256(first(form, "code_verifier")))) {
        send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}");
        return;
      }
      refresh = "1//" + UUID.randomUUID();
      refreshTokens.put(refresh, false);
      issued.add(refresh);
    } else if ("refresh_token".equals(grant)) {
      refresh = first(form, "refresh_token");
      if (refresh == null || !Boolean.FALSE.equals(refreshTokens.get(refresh))) {
        send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}");
        return;
      }
    } else {
      send(x, 400, "{\"error\":\"unsupported_grant_type\"}");
      return;
    }
    String access = "ya29." + UUID.randomUUID();
    accessTokens.put(access, Instant.now().plusSeconds(3599));
    ObjectNode out = JSON.createObjectNode();
    out.put("access_token", access);
    out.put("expires_in", 3599);
    out.put("token_type", "Bearer");
    out.put("scope", "https://www.googleapis.com/auth/calendar");
    if ("authorization_code".equals(grant)) {
      out.put("refresh_token", refresh); // Google sends a refresh token only with the code exchange
    }
    send(x, 200, out);
  }

  private static void error(HttpExchange x, int code, String reason, String message) throws IOException {
    ObjectNode error = JSON.createObjectNode();
    ObjectNode inner = error.putObject("error");
    ArrayNode errors = inner.putArray("errors");
    ObjectNode one = errors.addObject();
    one.put("domain", code == 403 || code == 429 ? "usageLimits" : "global");
    one.put("reason", reason);
    one.put("message", message);
    inner.put("code", code);
    inner.put("message", message);
    send(x, code, error);
  }

  @Override
  public void close() {
    notifier.shutdownNow();
    super.close();
  }
}
