package dev.horae.connection.caldav;

import dev.horae.shared.SafeXml;

import dev.horae.connection.account.Calendar;
import dev.horae.connection.account.CredentialsConnector.Location;
import dev.horae.connection.account.CredentialsConnector;
import dev.horae.connection.account.Outgoing;
import dev.horae.connection.account.ProviderRefusal.Reason;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.shared.OutboundHttp;
import dev.horae.shared.OutboundPolicy;
import dev.horae.shared.Rejection;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * CalDAV discovery and calendar listing over plain HTTP (RFC 4791, RFC 6764): {@code
 * /.well-known/caldav}, then {@code current-user-principal}, {@code calendar-home-set}, and a
 * Depth 1 PROPFIND of the home. Redirects are followed by hand (at most 5), each target passing the
 * SSRF policy, and credentials are sent only to the origin they were given for. XML is parsed
 * without DOCTYPEs ({@link SafeXml}).
 */
@Component
public class CalDavAccounts implements CredentialsConnector {
  /**
   * What changed since {@code syncToken} (RFC 6578 sync-collection): {@code full} when there was no
   * token or the server no longer accepts it (then {@code changed} lists every object). {@code data}:
   * the iCalendar text of changed objects the server sent with the listing, by href; those missing
   * are fetched with a multiget.
   */
  record Delta(String syncToken, boolean full, java.util.Map<String, String> changed, java.util.Set<String> removed, java.util.Map<String, String> data) {
    Delta {
      data = data == null ? java.util.Map.of() : data;
    }
  }
  static final String DAV = "DAV:";
  static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
  static final String CALENDARSERVER = "http://calendarserver.org/ns/";
  private static final int MAX_REDIRECTS = 5;

  private final OutboundPolicy outbound;
  private final OutboundHttp.Client http;

  private final boolean useSyncCollection;
  private final int maxAnswer;

  CalDavAccounts(OutboundPolicy outbound, OutboundHttp outboundHttp,
      dev.horae.connection.CalDavProperties settings) {
    this.outbound = outbound;
    this.useSyncCollection = settings.syncCollection();
    this.maxAnswer = settings.maxAnswerBytes();
    this.http = outboundHttp.client(Duration.ofSeconds(10), 32);
  }

  /** Closes the connection pool with the application. */
  @jakarta.annotation.PreDestroy
  void close() throws IOException {
    http.close();
  }

  @Override
  public Location discover(URI server, String username, String password) throws ProviderRefusal {
    URI principal = null;
    try {
      principal = principal(server.resolve("/.well-known/caldav"), server, username, password);
    } catch (ProviderRefusal e) {
      if (e.reason() == Reason.BAD_CREDENTIALS) {
        throw e;
      }
    }
    if (principal == null) {
      principal = principal(server, server, username, password);
    }
    if (principal == null) {
      throw new ProviderRefusal(Reason.NOT_A_CALENDAR_SERVER, server + " does not name a current-user-principal: not a CalDAV server?");
    }
    Document home = propfind(principal, server, username, password, "0",
        "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\"><d:prop><c:calendar-home-set/></d:prop></d:propfind>").document;
    String href = firstHref(home, CALDAV, "calendar-home-set");
    if (href == null) {
      throw new ProviderRefusal(Reason.NOT_A_CALENDAR_SERVER, "the principal " + principal + " has no calendar-home-set");
    }
    return new Location(server, principal, principal.resolve(href));
  }

  List<Calendar> calendars(Location account, String username, String password) throws ProviderRefusal {
    Document listing = propfind(account.calendarHome(), account.server(), username, password, "1",
        "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\"><d:prop><d:resourcetype/><d:displayname/>"
            + "<c:supported-calendar-component-set/></d:prop></d:propfind>").document;
    List<Calendar> out = new ArrayList<>();
    NodeList responses = listing.getElementsByTagNameNS(DAV, "response");
    for (int i = 0; i < responses.getLength(); i++) {
      Element response = (Element) responses.item(i);
      Element type = first(response, DAV, "resourcetype");
      if (type == null || first(type, CALDAV, "calendar") == null) {
        continue;
      }
      String href = text(first(response, DAV, "href"));
      Element name = first(response, DAV, "displayname");
      Element components = first(response, CALDAV, "supported-calendar-component-set");
      boolean events = components == null || hasComponent(components, "VEVENT");
      String id = account.calendarHome().resolve(href).toString();
      out.add(new Calendar(id, name == null || text(name).isBlank() ? lastSegment(href) : text(name), events));
    }
    return out;
  }

  boolean createCalendar(Location account, URI url, String name, String username, String password) throws ProviderRefusal {
    String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\"><d:set><d:prop>"
        + "<d:displayname>" + xmlEscape(name) + "</d:displayname><c:supported-calendar-component-set><c:comp name=\"VEVENT\"/>"
        + "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>";
    OutboundHttp.Answer r = exchange("MKCALENDAR", url, account, username, password, body, "application/xml; charset=utf-8", java.util.Map.of());
    if (r.status() == 201) {
      return true;
    }
    // RFC 4791 §5.3.1: a resource at the URL already (DAV:resource-must-be-null), which servers answer 405, 403 or 409
    if (r.status() == 405 || r.status() == 403 || r.status() == 409) {
      return false;
    }
    throw new ProviderRefusal(Reason.NOT_A_CALENDAR_SERVER, "MKCALENDAR answered " + r.status());
  }

  String put(Location account, String href, Outgoing event, String ifMatch, String username, String password) throws ProviderRefusal {
    OutboundHttp.Answer r = exchange("PUT", URI.create(href), account, username, password, IcsWriter.write(event),
        "text/calendar; charset=utf-8", ifMatch == null ? java.util.Map.of("If-None-Match", "*") : java.util.Map.of("If-Match", ifMatch));
    if (r.status() == 412) {
      throw new ProviderRefusal(Reason.PRECONDITION_FAILED, "PUT " + URI.create(href).getPath() + ": precondition failed");
    }
    if (r.status() != 201 && r.status() != 204 && r.status() != 200) {
      throw new ProviderRefusal(Reason.NOT_A_CALENDAR_SERVER, "PUT " + URI.create(href).getPath() + " answered " + r.status());
    }
    return r.header("ETag").orElse(null);
  }

  void delete(Location account, String href, String ifMatch, String username, String password) throws ProviderRefusal {
    OutboundHttp.Answer r = exchange("DELETE", URI.create(href), account, username, password, null, null,
        ifMatch == null ? java.util.Map.of() : java.util.Map.of("If-Match", ifMatch));
    if (r.status() == 412) {
      throw new ProviderRefusal(Reason.PRECONDITION_FAILED, "DELETE " + URI.create(href).getPath() + ": precondition failed");
    }
    if (r.status() >= 300 && r.status() != 404 && r.status() != 410) {
      throw new ProviderRefusal(Reason.NOT_A_CALENDAR_SERVER, "DELETE " + URI.create(href).getPath() + " answered " + r.status());
    }
  }

  String etag(Location account, String href, String username, String password) throws ProviderRefusal {
    OutboundHttp.Answer r = exchange("PROPFIND", URI.create(href), account, username, password,
        "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:prop></d:propfind>", "application/xml; charset=utf-8", java.util.Map.of("Depth", "0"));
    if (r.status() == 404 || r.status() == 410) {
      return null;
    }
    try {
      NodeList etags = SafeXml.parse(r.body()).getElementsByTagNameNS(DAV, "getetag");
      return etags.getLength() == 0 ? null : text(etags.item(0)).strip();
    } catch (IOException e) {
      throw new ProviderRefusal(Reason.NOT_A_CALENDAR_SERVER, e.getMessage());
    }
  }

  /** One request to a URL inside the account (no redirects), with the policy and credential rules of every call. */
  private OutboundHttp.Answer exchange(String method, URI url, Location account, String username, String password, String body,
      String contentType, java.util.Map<String, String> headers) throws ProviderRefusal {
    // PROPFIND, DELETE and PUT (conditional) are safe to send again; MKCALENDAR is not
    OutboundHttp.Answer response = send(method, url, account.server(), username, password, headers, body, contentType, Duration.ofSeconds(30),
        method.equals("PROPFIND") || method.equals("DELETE") || method.equals("PUT"), "the calendar points to");
    if (response.status() == 403) {
      throw new ProviderRefusal(Reason.BAD_CREDENTIALS, "the server refused the username or password (" + response.status() + ")");
    }
    return response;
  }

  Delta changes(Location account, String calendarId, String syncToken, String username, String password) throws ProviderRefusal {
    if (!useSyncCollection) {
      return null;
    }
    Delta delta = syncCollection(account, calendarId, syncToken, username, password);
    if (delta == INVALID_TOKEN) {
      return syncCollection(account, calendarId, null, username, password); // the server forgot the token: start over
    }
    return delta;
  }

  private static final Delta INVALID_TOKEN = new Delta(null, true, java.util.Map.of(), java.util.Set.of(), null);

  private Delta syncCollection(Location account, String calendarId, String syncToken, String username, String password) throws ProviderRefusal {
    try {
      return syncCollection(account, calendarId, syncToken, username, password, true);
    } catch (ProviderRefusal e) {
      if (e.reason() != Reason.TOO_LARGE) {
        throw e;
      }
      // the objects with the listing are more than Horae reads in one answer: the listing alone, then multigets
      return syncCollection(account, calendarId, syncToken, username, password, false);
    }
  }

  /**
   * One sync-collection REPORT. With {@code withData} it asks for {@code calendar-data} beside each
   * ETag (RFC 6578 §3.2 lets any property be asked for), so a first import is one request instead of
   * one listing and a multiget per 100 objects.
   */
  private Delta syncCollection(Location account, String calendarId, String syncToken, String username, String password, boolean withData)
      throws ProviderRefusal {
    URI url = URI.create(calendarId);
    String body = "<d:sync-collection xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\"><d:sync-token>" + (syncToken == null ? "" : xmlEscape(syncToken))
        + "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/>" + (withData ? "<c:calendar-data/>" : "")
        + "</d:prop></d:sync-collection>";
    OutboundHttp.Answer response = send("REPORT", url, account.server(), username, password, java.util.Map.of("Depth", "1"), body,
        "application/xml; charset=utf-8", Duration.ofSeconds(withData ? 60 : 30), true,
        "the calendar points to");
    int status = response.status();
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if ((status == 403 || status == 409) && text.contains("valid-sync-token")) {
      return syncToken == null ? null : INVALID_TOKEN;
    }
    if (status == 403 && !text.contains("supported-report")) {
      throw new ProviderRefusal(Reason.BAD_CREDENTIALS, "the server refused the username or password (" + status + ")");
    }
    if (status == 404 || status == 410) {
      throw new ProviderRefusal(Reason.CALENDAR_DELETED, "the calendar " + url.getPath() + " is gone (" + status + ")");
    }
    if (status != 207) {
      return null; // no sync-collection here: the caller compares ETags instead
    }
    Document d;
    try {
      d = SafeXml.parse(response.body());
    } catch (IOException e) {
      return null;
    }
    java.util.Map<String, String> changed = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> data = new java.util.HashMap<>();
    java.util.Set<String> removed = new java.util.HashSet<>();
    NodeList responses = d.getElementsByTagNameNS(DAV, "response");
    for (int i = 0; i < responses.getLength(); i++) {
      Element r = (Element) responses.item(i);
      String href = url.resolve(text(first(r, DAV, "href")).strip()).getPath();
      if (href.equals(url.getPath())) {
        continue;
      }
      Element etag = first(r, DAV, "getetag");
      Element statusLine = first(r, DAV, "status");
      boolean gone = statusLine != null && first(r, DAV, "propstat") == null && text(statusLine).contains("404");
      if (gone) {
        removed.add(href);
      } else if (etag != null) {
        changed.put(href, text(etag).strip());
        Element ics = withData ? first(r, CALDAV, "calendar-data") : null;
        if (ics != null && !text(ics).isBlank()) {
          data.put(href, text(ics));
        }
      }
    }
    NodeList token = d.getElementsByTagNameNS(DAV, "sync-token");
    String next = token.getLength() == 0 ? null : text(token.item(token.getLength() - 1)).strip();
    return new Delta(next, syncToken == null, changed, removed, data);
  }

  String ctag(Location account, String calendarId, String username, String password) throws ProviderRefusal {
    Document d = propfind(URI.create(calendarId), account.server(), username, password, "0",
        "<d:propfind xmlns:d=\"DAV:\" xmlns:cs=\"" + CALENDARSERVER + "\"><d:prop><cs:getctag/></d:prop></d:propfind>").document;
    NodeList ctags = d.getElementsByTagNameNS(CALENDARSERVER, "getctag");
    return ctags.getLength() == 0 || text(ctags.item(0)).isBlank() ? null : text(ctags.item(0)).strip();
  }

  java.util.Map<String, String> etags(Location account, String calendarId, String username, String password) throws ProviderRefusal {
    Document listing = propfind(URI.create(calendarId), account.server(), username, password, "1",
        "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>").document;
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    URI base = URI.create(calendarId);
    NodeList responses = listing.getElementsByTagNameNS(DAV, "response");
    for (int i = 0; i < responses.getLength(); i++) {
      Element response = (Element) responses.item(i);
      String href = base.resolve(text(first(response, DAV, "href")).strip()).getPath();
      Element etag = first(response, DAV, "getetag");
      Element type = first(response, DAV, "resourcetype");
      boolean collection = type != null && first(type, DAV, "collection") != null;
      if (!collection && etag != null && !href.equals(base.getPath())) {
        out.put(href, text(etag).strip());
      }
    }
    return out;
  }

  java.util.Map<String, String> fetch(Location account, String calendarId, java.util.Collection<String> hrefs, String username, String password)
      throws ProviderRefusal {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    List<String> all = new ArrayList<>(hrefs);
    for (int from = 0; from < all.size(); from += 100) {
      StringBuilder body = new StringBuilder("<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\"><d:prop><d:getetag/><c:calendar-data/></d:prop>");
      for (String href : all.subList(from, Math.min(all.size(), from + 100))) {
        body.append("<d:href>").append(xmlEscape(href)).append("</d:href>");
      }
      body.append("</c:calendar-multiget>");
      Document result = request("REPORT", URI.create(calendarId), account.server(), username, password, "1", body.toString()).document;
      NodeList responses = result.getElementsByTagNameNS(DAV, "response");
      for (int i = 0; i < responses.getLength(); i++) {
        Element response = (Element) responses.item(i);
        Element data = first(response, CALDAV, "calendar-data");
        if (data != null) {
          out.put(URI.create(calendarId).resolve(text(first(response, DAV, "href")).strip()).getPath(), text(data));
        }
      }
    }
    return out;
  }

  private static String xmlEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private URI principal(URI url, URI origin, String username, String password) throws ProviderRefusal {
    Response r = propfind(url, origin, username, password, "0",
        "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:current-user-principal/></d:prop></d:propfind>");
    String href = firstHref(r.document, DAV, "current-user-principal");
    return href == null ? null : r.url.resolve(href);
  }

  private record Response(URI url, Document document) {}

  private Response propfind(URI url, URI origin, String username, String password, String depth, String body) throws ProviderRefusal {
    return request("PROPFIND", url, origin, username, password, depth, body);
  }

  private Response request(String method, URI url, URI origin, String username, String password, String depth, String body) throws ProviderRefusal {
    URI target = url;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      OutboundHttp.Answer response = send(method, target, origin, username, password, java.util.Map.of("Depth", depth), body,
          "application/xml; charset=utf-8", Duration.ofSeconds(20), true, "the server (or a redirect) points to");
      int status = response.status();
      if (status == 403) {
        throw new ProviderRefusal(Reason.BAD_CREDENTIALS, "the server refused the username or password (" + status + ")");
      }
      if (status >= 300 && status < 400 && response.header("Location").isPresent()) {
        target = stripUserInfo(target.resolve(response.header("Location").get()));
        continue;
      }
      if (status == 404 || status == 410) {
        throw new ProviderRefusal(Reason.CALENDAR_DELETED, method + " " + target.getPath() + " answered " + status);
      }
      if (status != 207) {
        throw new ProviderRefusal(Reason.NOT_A_CALENDAR_SERVER, method + " " + target.getPath() + " answered " + status + ", not 207 Multi-Status");
      }
      try {
        return new Response(target, SafeXml.parse(response.body()));
      } catch (IOException e) {
        throw new ProviderRefusal(Reason.NOT_A_CALENDAR_SERVER, e.getMessage());
      }
    }
    throw new ProviderRefusal(Reason.UNREACHABLE, "more than " + MAX_REDIRECTS + " redirects from " + url.getHost());
  }

  /**
   * The one way a request leaves for a CalDAV server: through the outbound guard (its resolver
   * refuses addresses Horae does not call; every redirect hop comes through here too), with the
   * credentials only when the URL is on {@code origin}, the server the user gave them for; sent
   * once more on an I/O failure when {@code repeatable} (servers close idle connections the client
   * may reuse). A 401 is {@link Reason#BAD_CREDENTIALS}, whatever the request.
   */
  private OutboundHttp.Answer send(String method, URI url, URI origin, String username, String password, java.util.Map<String, String> headers,
      String body, String contentType, Duration timeout, boolean repeatable, String refusedAs) throws ProviderRefusal {
    OutboundHttp.Answer answer = send(method, url, sameOrigin(url, origin) ? withLogin(headers, username, password) : headers, body, contentType, timeout,
        repeatable, refusedAs);
    if (answer.status() == 401) {
      throw new ProviderRefusal(Reason.BAD_CREDENTIALS, "the server refused the username or password (401)");
    }
    return answer;
  }

  private static java.util.Map<String, String> withLogin(java.util.Map<String, String> headers, String username, String password) {
    java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.put("Authorization", basic(username, password));
    return all;
  }

  private OutboundHttp.Answer send(String method, URI url, java.util.Map<String, String> headers, String body, String contentType,
      Duration timeout, boolean repeatable, String refusedAs) throws ProviderRefusal {
    try {
      outbound.parse(url.toString(), "serverUrl");
    } catch (Rejection e) {
      throw new ProviderRefusal(Reason.UNREACHABLE, refusedAs + " a URL Horae does not call: " + url);
    }
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    for (int attempt = 0; ; attempt++) {
      try {
        return http.exchange(method, url, headers, bytes, contentType, timeout, maxAnswer);
      } catch (OutboundPolicy.Refused e) {
        throw new ProviderRefusal(Reason.UNREACHABLE, refusedAs + " an address Horae does not call: " + url.getHost());
      } catch (OutboundHttp.TooLarge e) { // asking again would read the same
        throw new ProviderRefusal(Reason.TOO_LARGE, url.getPath() + ": " + e.getMessage());
      } catch (java.io.InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new ProviderRefusal(Reason.INTERRUPTED, "interrupted");
        }
        if (!repeatable || attempt > 0) {
          throw new ProviderRefusal(Reason.UNREACHABLE, "could not reach " + url.getHost() + ": " + e.getClass().getSimpleName());
        }
      } catch (IOException e) {
        if (!repeatable || attempt > 0) {
          throw new ProviderRefusal(Reason.UNREACHABLE, "could not reach " + url.getHost() + ": " + e.getClass().getSimpleName());
        }
      }
    }
  }

  private static String basic(String username, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static URI stripUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment());
    } catch (java.net.URISyntaxException e) {
      return uri;
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static String firstHref(Document d, String ns, String property) {
    NodeList found = d.getElementsByTagNameNS(ns, property);
    for (int i = 0; i < found.getLength(); i++) {
      Element href = first((Element) found.item(i), DAV, "href");
      if (href != null && !text(href).isBlank()) {
        return text(href).strip();
      }
    }
    return null;
  }

  private static boolean hasComponent(Element set, String name) {
    NodeList comps = set.getElementsByTagNameNS(CALDAV, "comp");
    for (int i = 0; i < comps.getLength(); i++) {
      if (name.equalsIgnoreCase(((Element) comps.item(i)).getAttribute("name"))) {
        return true;
      }
    }
    return false;
  }

  private static Element first(Element parent, String ns, String local) {
    NodeList list = parent.getElementsByTagNameNS(ns, local);
    return list.getLength() == 0 ? null : (Element) list.item(0);
  }

  private static String text(Node n) {
    return n == null ? "" : n.getTextContent();
  }

  private static String lastSegment(String href) {
    String trimmed = href.endsWith("/") ? href.substring(0, href.length() - 1) : href;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
