package dev.horae.dav;

import dev.horae.event.Event;
import dev.horae.schedule.Schedule;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.tenant.Caller;
import dev.horae.tenant.Scope;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.UriUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Horae's CalDAV server (RFC 4791, RFC 6578, RFC 6764) at {@code /dav/}: the principal
 * {@code /dav/principal/}, the calendar home {@code /dav/calendars/}, one calendar per active
 * schedule at {@code /dav/calendars/<schedule id>/}, and its objects under it. The request filter
 * has authenticated the key (HTTP Basic, the key as password) and checked its scope (reads need
 * {@code calendar:read}, writes {@code calendar:write}) before a request gets here.
 */
final class DavServlet extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(DavServlet.class);
  static final String ROOT = "/dav/";
  static final String PRINCIPAL = "/dav/principal/";
  static final String HOME = "/dav/calendars/";
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String ALLOW = "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, REPORT";
  /** Hrefs one calendar-multiget may name. */
  static final int MAX_HREFS = 1000;

  private final transient CalDav dav;
  private final int maxBody;

  DavServlet(CalDav dav, int maxBody) {
    this.dav = dav;
    this.maxBody = maxBody;
  }

  /** Where a request points. */
  private sealed interface Target {}

  private record Root() implements Target {}

  private record Principal() implements Target {}

  private record Home() implements Target {}

  private record Calendar(UUID id) implements Target {}

  private record Member(UUID calendar, String name) implements Target {}

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/.well-known/caldav") || path.equals("/.well-known/caldav/")) {
      response.setStatus(301);
      response.setHeader("Location", request.getContextPath() + ROOT);
      return;
    }
    try {
      Caller caller = (Caller) request.getAttribute(Caller.class.getName());
      if (caller == null) {
        throw new DavProblem(401, null, "authentication is required");
      }
      Target target = target(path);
      UUID reached = target instanceof Calendar c ? c.id() : target instanceof Member m ? m.calendar() : null;
      if (reached != null && !caller.reach().reaches(reached)) {
        throw new DavProblem(404, null, "No calendar " + reached); // as for a schedule of another tenant: nothing to learn
      }
      switch (request.getMethod()) {
        case "OPTIONS" -> options(response);
        case "PROPFIND" -> propfind(request, response, caller, target);
        case "REPORT" -> report(request, response, caller.tenant(), target);
        case "GET", "HEAD" -> get(request, response, caller.tenant(), target);
        case "PUT" -> put(request, response, caller.tenant(), target);
        case "DELETE" -> delete(request, response, caller.tenant(), target);
        case "PROPPATCH", "MKCALENDAR", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "ACL" ->
            throw new DavProblem(403, "D:cannot-modify-protected-property",
                request.getMethod() + " is not supported: calendars are Horae's schedules, made and changed through its API");
        default -> {
          response.setHeader("Allow", ALLOW);
          throw new DavProblem(405, null, request.getMethod() + " is not allowed here");
        }
      }
    } catch (DavProblem p) {
      fail(response, p.status, p.precondition, p.getMessage());
    } catch (Rejection r) {
      fail(response, status(r), r.kind() == Rejection.Kind.INVALID || r.kind() == Rejection.Kind.UNPROCESSABLE
          ? "C:valid-calendar-object-resource" : null, detail(r));
    }
  }

  private static int status(Rejection r) {
    return switch (r.kind()) {
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN, INVALID, UNPROCESSABLE -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case FAILED_PRECONDITION -> r.code().equals("REVISION_MISMATCH") ? 412 : 409;
      case UNAVAILABLE -> 503;
    };
  }

  private static String detail(Rejection r) {
    StringBuilder out = new StringBuilder(r.code()).append(": ").append(r.getMessage());
    r.violations().forEach(v -> out.append("; ").append(v.field()).append(": ").append(v.description()));
    return out.toString();
  }

  private static Target target(String path) {
    if (path.equals("/dav") || path.equals(ROOT)) {
      return new Root();
    }
    if (path.equals(PRINCIPAL) || path.equals("/dav/principal")) {
      return new Principal();
    }
    if (path.equals(HOME) || path.equals("/dav/calendars")) {
      return new Home();
    }
    if (path.startsWith(HOME)) {
      String[] parts = path.substring(HOME.length()).split("/", -1);
      UUID id = uuid(parts[0]);
      if (parts.length == 1 || (parts.length == 2 && parts[1].isEmpty())) {
        return new Calendar(id);
      }
      if (parts.length == 2) {
        String name = UriUtils.decode(parts[1], StandardCharsets.UTF_8);
        if (name.isBlank() || name.length() > 255 || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
          throw new DavProblem(404, null, "No object " + name);
        }
        return new Member(id, name);
      }
    }
    throw new DavProblem(404, null, "Nothing at " + path);
  }

  private static UUID uuid(String text) {
    try {
      if (text.length() == 36) {
        return UUID.fromString(text);
      }
    } catch (IllegalArgumentException e) {
      // not a schedule id
    }
    throw new DavProblem(404, null, "No calendar " + text);
  }

  private static void options(HttpServletResponse response) {
    response.setHeader("DAV", "1, 3, calendar-access, extended-mkcol");
    response.setHeader("Allow", ALLOW);
    response.setStatus(200);
  }

  // ---- PROPFIND

  private void propfind(HttpServletRequest request, HttpServletResponse response, Caller caller, Target target) throws IOException {
    byte[] body = body(request);
    List<DavXml.Name> asked = null; // null: allprop
    boolean namesOnly = false;
    if (body.length > 0) {
      Element root = DavXml.parse(body).getDocumentElement();
      if (!DavXml.is(root, DavXml.DAV, "propfind")) {
        throw new DavProblem(400, null, "a PROPFIND body is a DAV:propfind element");
      }
      Optional<Element> prop = DavXml.child(root, DavXml.DAV, "prop");
      if (prop.isPresent()) {
        asked = DavXml.children(prop.get()).stream().map(DavXml::name).toList();
      }
      namesOnly = DavXml.child(root, DavXml.DAV, "propname").isPresent();
    }
    String depth = request.getHeader("Depth");
    boolean children = depth == null || depth.equals("1") || depth.equalsIgnoreCase("infinity");
    TenantId tenant = caller.tenant();
    boolean writes = Scope.CALENDAR_WRITE.grantedBy(caller.scopes());
    StringBuilder out = DavXml.multistatus();
    String ctx = request.getContextPath();
    if (target instanceof Root) {
      response(out, ctx + ROOT, props(Kind.ROOT, writes, ctx), asked, namesOnly);
    } else if (target instanceof Principal) {
      response(out, ctx + PRINCIPAL, props(Kind.PRINCIPAL, writes, ctx), asked, namesOnly);
    } else if (target instanceof Home) {
      response(out, ctx + HOME, props(Kind.HOME, writes, ctx), asked, namesOnly);
      if (children) {
        String token = dav.token(tenant);
        for (Schedule s : dav.calendars(tenant, caller.reach())) {
          response(out, ctx + HOME + s.id() + "/", calendarProps(s, token, writes, ctx), asked, namesOnly);
        }
      }
    } else if (target instanceof Calendar c) {
      Schedule s = dav.calendar(tenant, c.id());
      response(out, ctx + HOME + s.id() + "/", calendarProps(s, dav.token(tenant), writes, ctx), asked, namesOnly);
      if (children) {
        for (CalDav.Listed l : dav.list(tenant, s.id())) {
          response(out, href(ctx, s.id(), l.name()), objectProps(l.etag(), null), asked, namesOnly);
        }
      }
    } else if (target instanceof Member m) {
      dav.calendar(tenant, m.calendar());
      boolean wantsData = asked != null && asked.contains(new DavXml.Name(DavXml.CALDAV, "calendar-data"));
      CalDav.Body b = dav.get(tenant, m.calendar(), m.name()).orElseThrow(() -> new DavProblem(404, null, "No object " + m.name()));
      response(out, href(ctx, m.calendar(), m.name()), objectProps(b.etag(), wantsData ? b.text() : null), asked, namesOnly);
    }
    multistatus(response, out);
  }

  private enum Kind { ROOT, PRINCIPAL, HOME }

  private static Map<DavXml.Name, String> props(Kind kind, boolean writes, String ctx) {
    Map<DavXml.Name, String> p = new java.util.LinkedHashMap<>();
    p.put(d("resourcetype"), kind == Kind.PRINCIPAL ? "<D:principal/><D:collection/>" : "<D:collection/>");
    p.put(d("displayname"), kind == Kind.HOME ? "Calendars" : "Horae");
    p.put(d("current-user-principal"), "<D:href>" + ctx + PRINCIPAL + "</D:href>");
    p.put(d("principal-URL"), "<D:href>" + ctx + PRINCIPAL + "</D:href>");
    p.put(c("calendar-home-set"), "<D:href>" + ctx + HOME + "</D:href>");
    p.put(d("owner"), "<D:href>" + ctx + PRINCIPAL + "</D:href>");
    p.put(d("current-user-privilege-set"), privileges(writes));
    return p;
  }

  private static Map<DavXml.Name, String> calendarProps(Schedule s, String token, boolean writes, String ctx) {
    Map<DavXml.Name, String> p = new java.util.LinkedHashMap<>();
    p.put(d("resourcetype"), "<D:collection/><C:calendar/>");
    p.put(d("displayname"), DavXml.escape(s.name() == null ? s.id().toString() : s.name()));
    p.put(c("supported-calendar-component-set"), "<C:comp name=\"VEVENT\"/>");
    p.put(c("supported-calendar-data"), "<C:calendar-data content-type=\"text/calendar\" version=\"2.0\"/>");
    p.put(c("max-resource-size"), "1048576");
    p.put(c("calendar-description"), DavXml.escape("Horae schedule " + s.id() + " (" + s.timeZone().getId() + ")"));
    p.put(new DavXml.Name(DavXml.CS, "getctag"), DavXml.escape(token));
    p.put(d("sync-token"), DavXml.escape(token));
    p.put(d("supported-report-set"), "<D:supported-report><D:report><C:calendar-query/></D:report></D:supported-report>"
        + "<D:supported-report><D:report><C:calendar-multiget/></D:report></D:supported-report>"
        + "<D:supported-report><D:report><D:sync-collection/></D:report></D:supported-report>"
        + "<D:supported-report><D:report><C:free-busy-query/></D:report></D:supported-report>");
    p.put(d("current-user-principal"), "<D:href>" + ctx + PRINCIPAL + "</D:href>");
    p.put(d("owner"), "<D:href>" + ctx + PRINCIPAL + "</D:href>");
    p.put(d("current-user-privilege-set"), privileges(writes));
    return p;
  }

  private static Map<DavXml.Name, String> objectProps(String etag, String data) {
    Map<DavXml.Name, String> p = new java.util.LinkedHashMap<>();
    p.put(d("resourcetype"), "");
    p.put(d("getetag"), DavXml.escape(etag));
    p.put(d("getcontenttype"), "text/calendar; charset=utf-8; component=vevent");
    if (data != null) {
      p.put(c("calendar-data"), DavXml.escape(data));
    }
    return p;
  }

  private static String privileges(boolean writes) {
    return "<D:privilege><D:read/></D:privilege><D:privilege><C:read-free-busy/></D:privilege>"
        + (writes ? "<D:privilege><D:write/></D:privilege><D:privilege><D:write-content/></D:privilege>"
            + "<D:privilege><D:bind/></D:privilege><D:privilege><D:unbind/></D:privilege>" : "");
  }

  private static DavXml.Name d(String local) {
    return new DavXml.Name(DavXml.DAV, local);
  }

  private static DavXml.Name c(String local) {
    return new DavXml.Name(DavXml.CALDAV, local);
  }

  /** One DAV:response: the properties asked for (found, then not found), or all of them, or their names. */
  private static void response(StringBuilder out, String href, Map<DavXml.Name, String> have, List<DavXml.Name> asked, boolean namesOnly) {
    out.append("<D:response><D:href>").append(DavXml.escape(href)).append("</D:href>");
    List<DavXml.Name> found = new ArrayList<>();
    List<DavXml.Name> missing = new ArrayList<>();
    if (asked == null) {
      found.addAll(have.keySet());
      found.remove(c("calendar-data"));
    } else {
      for (DavXml.Name n : asked) {
        (have.containsKey(n) ? found : missing).add(n);
      }
    }
    if (!found.isEmpty()) {
      out.append("<D:propstat><D:prop>");
      for (DavXml.Name n : found) {
        String value = namesOnly ? "" : have.get(n);
        out.append('<').append(n.open()).append('>').append(value).append("</").append(n.close()).append('>');
      }
      out.append("</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>");
    }
    if (!missing.isEmpty()) {
      out.append("<D:propstat><D:prop>");
      for (DavXml.Name n : missing) {
        out.append('<').append(n.open()).append("/>");
      }
      out.append("</D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>");
    }
    out.append("</D:response>\n");
  }

  private static void gone(StringBuilder out, String href) {
    out.append("<D:response><D:href>").append(DavXml.escape(href)).append("</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>\n");
  }

  private static String href(String ctx, UUID calendar, String name) {
    return ctx + HOME + calendar + "/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8);
  }

  // ---- REPORT

  private void report(HttpServletRequest request, HttpServletResponse response, TenantId tenant, Target target) throws IOException {
    if (!(target instanceof Calendar calendar)) {
      throw new DavProblem(403, "D:supported-report", "reports are answered on a calendar collection");
    }
    Schedule s = dav.calendar(tenant, calendar.id());
    Document doc = DavXml.parse(body(request));
    Element root = doc.getDocumentElement();
    List<DavXml.Name> asked = DavXml.child(root, DavXml.DAV, "prop").map(p -> DavXml.children(p).stream().map(DavXml::name).toList())
        .orElse(List.of(d("getetag")));
    Optional<Element> data = DavXml.child(root, DavXml.DAV, "prop").flatMap(p -> DavXml.child(p, DavXml.CALDAV, "calendar-data"));
    Instant[] expand = data.flatMap(e -> DavXml.child(e, DavXml.CALDAV, "expand")).map(e -> range(e, true)).orElse(null);
    String ctx = request.getContextPath();
    StringBuilder out = DavXml.multistatus();
    if (DavXml.is(root, DavXml.CALDAV, "calendar-query")) {
      Filter filter = filter(root);
      if (filter.none()) {
        multistatus(response, out);
        return;
      }
      CalDav.Query q = new CalDav.Query(filter.from(), filter.to(), filter.uid(), data.isPresent(),
          expand == null ? null : expand[0], expand == null ? null : expand[1]);
      for (CalDav.Body b : dav.query(tenant, s.id(), q)) {
        response(out, href(ctx, s.id(), b.name()), objectProps(b.etag(), data.isPresent() ? b.text() : null), asked, false);
      }
    } else if (DavXml.is(root, DavXml.CALDAV, "calendar-multiget")) {
      List<String> wanted = new ArrayList<>();
      String prefix = ctx + HOME + s.id() + "/";
      List<Element> hrefs = DavXml.children(root).stream().filter(e -> DavXml.is(e, DavXml.DAV, "href")).toList();
      if (hrefs.size() > MAX_HREFS) {
        throw new DavProblem(403, null, "a calendar-multiget names at most " + MAX_HREFS + " objects");
      }
      Map<String, String> hrefOf = new java.util.LinkedHashMap<>();
      for (Element h : hrefs) {
        String text = h.getTextContent().trim();
        String path = text.replaceFirst("^https?://[^/]+", "");
        String name = path.startsWith(prefix) ? UriUtils.decode(path.substring(prefix.length()), StandardCharsets.UTF_8) : null;
        hrefOf.put(name == null ? "\0" + text : name, text);
        if (name != null) {
          wanted.add(name);
        }
      }
      Map<String, CalDav.Body> found = dav.multiget(tenant, s.id(), wanted, new CalDav.Query(null, null, null, data.isPresent(),
          expand == null ? null : expand[0], expand == null ? null : expand[1]));
      for (Map.Entry<String, String> h : hrefOf.entrySet()) {
        CalDav.Body b = found.get(h.getKey());
        if (b == null) {
          gone(out, h.getValue());
        } else {
          response(out, href(ctx, s.id(), b.name()), objectProps(b.etag(), data.isPresent() ? b.text() : null), asked, false);
        }
      }
    } else if (DavXml.is(root, DavXml.DAV, "sync-collection")) {
      String token = DavXml.child(root, DavXml.DAV, "sync-token").map(e -> e.getTextContent().trim()).orElse("");
      String level = DavXml.child(root, DavXml.DAV, "sync-level").map(e -> e.getTextContent().trim()).orElse("1");
      if (!level.equals("1")) {
        throw new DavProblem(403, "D:number-of-matches-within-limits", "only sync-level 1 is supported (a calendar has no sub-collections)");
      }
      CalDav.Synced synced = dav.sync(tenant, s.id(), token);
      List<String> names = synced.changed().stream().map(CalDav.Listed::name).toList();
      Map<String, CalDav.Body> bodies = data.isPresent() ? dav.multiget(tenant, s.id(), names, new CalDav.Query(null, null, null, true, null, null))
          : Map.of();
      for (CalDav.Listed l : synced.changed()) {
        CalDav.Body b = bodies.get(l.name());
        response(out, href(ctx, s.id(), l.name()), objectProps(l.etag(), b == null ? null : b.text()), asked, false);
      }
      for (String name : synced.removed()) {
        gone(out, href(ctx, s.id(), name));
      }
      if (synced.truncated()) {
        out.append("<D:response><D:href>").append(DavXml.escape(ctx + HOME + s.id() + "/"))
            .append("</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status></D:response>\n");
      }
      out.append("<D:sync-token>").append(DavXml.escape(synced.token())).append("</D:sync-token>\n");
    } else if (DavXml.is(root, DavXml.CALDAV, "free-busy-query")) {
      Instant[] range = DavXml.child(root, DavXml.CALDAV, "time-range").map(e -> range(e, true))
          .orElseThrow(() -> new DavProblem(400, null, "a free-busy-query needs a C:time-range"));
      freeBusy(response, dav.busy(tenant, s.id(), range[0], range[1]), range, dav.now());
      return;
    } else {
      throw new DavProblem(403, "D:supported-report", "unsupported report " + root.getLocalName());
    }
    multistatus(response, out);
  }

  /** What a calendar-query's filter selects: nothing (another component), a time range, and a UID. */
  private record Filter(boolean none, Instant from, Instant to, String uid) {}

  private static Filter filter(Element query) {
    Element filter = DavXml.child(query, DavXml.CALDAV, "filter").orElseThrow(() -> new DavProblem(403, "C:valid-filter", "a calendar-query needs a C:filter"));
    Element calendar = DavXml.child(filter, DavXml.CALDAV, "comp-filter")
        .filter(e -> "VCALENDAR".equalsIgnoreCase(e.getAttribute("name")))
        .orElseThrow(() -> new DavProblem(403, "C:valid-filter", "the filter's comp-filter must name VCALENDAR"));
    List<Element> inner = DavXml.children(calendar).stream().filter(e -> DavXml.is(e, DavXml.CALDAV, "comp-filter")).toList();
    Instant from = null;
    Instant to = null;
    String uid = null;
    for (Element comp : inner) {
      if (!"VEVENT".equalsIgnoreCase(comp.getAttribute("name"))) {
        return new Filter(true, null, null, null); // this calendar holds VEVENTs only
      }
      if (DavXml.child(comp, DavXml.CALDAV, "is-not-defined").isPresent()) {
        return new Filter(true, null, null, null);
      }
      Optional<Element> range = DavXml.child(comp, DavXml.CALDAV, "time-range");
      if (range.isPresent()) {
        Instant[] r = range(range.get(), false);
        from = r[0];
        to = r[1];
      }
      for (Element pf : DavXml.children(comp)) {
        if (DavXml.is(pf, DavXml.CALDAV, "prop-filter")) {
          Optional<Element> match = DavXml.child(pf, DavXml.CALDAV, "text-match");
          if (!"UID".equalsIgnoreCase(pf.getAttribute("name")) || match.isEmpty() || "yes".equals(match.get().getAttribute("negate-condition"))) {
            throw new DavProblem(403, "C:supported-filter", "of property filters, only a UID text-match is supported");
          }
          uid = match.get().getTextContent().trim();
        } else if (DavXml.is(pf, DavXml.CALDAV, "comp-filter")) {
          throw new DavProblem(403, "C:supported-filter", "filters on components inside a VEVENT (VALARM) are not supported");
        }
      }
    }
    return new Filter(false, from, to, uid);
  }

  /** A C:time-range or C:expand's start and end (UTC, RFC 4791 §9.9); both required when {@code both}. */
  private static Instant[] range(Element e, boolean both) {
    Instant from = utc(e.getAttribute("start"), "start");
    Instant to = utc(e.getAttribute("end"), "end");
    if (both && (from == null || to == null)) {
      throw new DavProblem(403, "C:valid-filter", e.getLocalName() + " needs both start and end");
    }
    if (from != null && to != null && !to.isAfter(from)) {
      throw new DavProblem(403, "C:valid-filter", e.getLocalName() + ": end must be after start");
    }
    return new Instant[] {from, to};
  }

  private static Instant utc(String text, String which) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.from(UTC.parse(text.trim()));
    } catch (DateTimeParseException e) {
      throw new DavProblem(403, "C:valid-filter", "time-range " + which + " must be a UTC date-time like 20261207T000000Z, not " + text);
    }
  }

  private static void freeBusy(HttpServletResponse response, List<Event> busy, Instant[] range, Instant now) throws IOException {
    StringBuilder out = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:").append(ObjectWriter.PRODUCT_ID).append("\r\nBEGIN:VFREEBUSY\r\n");
    out.append("DTSTAMP:").append(UTC.format(now)).append("\r\n");
    out.append("DTSTART:").append(UTC.format(range[0])).append("\r\nDTEND:").append(UTC.format(range[1])).append("\r\n");
    for (Event e : busy) {
      Instant from = e.start().isBefore(range[0]) ? range[0] : e.start();
      Instant to = e.end().isAfter(range[1]) ? range[1] : e.end();
      if (to.isAfter(from)) {
        out.append("FREEBUSY;FBTYPE=BUSY:").append(UTC.format(from)).append('/').append(UTC.format(to)).append("\r\n");
      }
    }
    out.append("END:VFREEBUSY\r\nEND:VCALENDAR\r\n");
    response.setStatus(200);
    response.setContentType("text/calendar; charset=utf-8");
    response.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  // ---- objects

  private void get(HttpServletRequest request, HttpServletResponse response, TenantId tenant, Target target) throws IOException {
    if (!(target instanceof Member m)) {
      if (target instanceof Calendar c) {
        dav.calendar(tenant, c.id());
      }
      response.setStatus(200);
      response.setContentType("text/plain; charset=utf-8");
      if (request.getMethod().equals("GET")) {
        response.getOutputStream().write("Horae CalDAV: use a calendar app, or PROPFIND\n".getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    dav.calendar(tenant, m.calendar());
    CalDav.Body b = dav.get(tenant, m.calendar(), m.name()).orElseThrow(() -> new DavProblem(404, null, "No object " + m.name()));
    response.setHeader("ETag", b.etag());
    String ifNoneMatch = request.getHeader("If-None-Match");
    if (ifNoneMatch != null && CalDav.matches(ifNoneMatch, b.etag())) {
      response.setStatus(304);
      return;
    }
    byte[] bytes = b.text().getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType("text/calendar; charset=utf-8");
    response.setContentLength(bytes.length);
    if (request.getMethod().equals("GET")) {
      response.getOutputStream().write(bytes);
    }
  }

  private void put(HttpServletRequest request, HttpServletResponse response, TenantId tenant, Target target) throws IOException {
    if (!(target instanceof Member m)) {
      throw new DavProblem(405, null, "PUT an object into a calendar: /dav/calendars/<schedule id>/<name>.ics");
    }
    String type = request.getContentType();
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("text/calendar")) {
      throw new DavProblem(415, "C:supported-calendar-data", "objects are text/calendar, not " + type);
    }
    String text = new String(body(request), StandardCharsets.UTF_8);
    if (text.indexOf('\0') >= 0) {
      throw new DavProblem(400, "C:valid-calendar-data", "the object holds a NUL character");
    }
    String ifNoneMatch = request.getHeader("If-None-Match");
    boolean created = dav.put(tenant, m.calendar(), m.name(), text, request.getHeader("If-Match"),
        ifNoneMatch != null && ifNoneMatch.trim().equals("*"));
    // no ETag: the stored object is Horae's rendering, not the bytes sent (RFC 4791 §5.3.4); clients read it back
    response.setStatus(created ? 201 : 204);
  }

  private void delete(HttpServletRequest request, HttpServletResponse response, TenantId tenant, Target target) {
    if (!(target instanceof Member m)) {
      throw new DavProblem(403, null, "calendars are Horae's schedules: cancel one through the API");
    }
    dav.delete(tenant, m.calendar(), m.name(), request.getHeader("If-Match"));
    response.setStatus(204);
  }

  // ---- plumbing

  private byte[] body(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxBody) {
      throw new DavProblem(413, null, "the request body is larger than " + maxBody + " bytes");
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(maxBody + 1);
      if (body.length > maxBody) {
        throw new DavProblem(413, null, "the request body is larger than " + maxBody + " bytes");
      }
      return body;
    }
  }

  private static void multistatus(HttpServletResponse response, StringBuilder out) throws IOException {
    out.append("</D:multistatus>\n");
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    response.setStatus(207);
    response.setContentType("application/xml; charset=utf-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private static void fail(HttpServletResponse response, int status, String precondition, String message) throws IOException {
    if (response.isCommitted()) {
      log.warn("CalDAV answer already started when it failed: {}", message);
      return;
    }
    response.reset();
    log.debug("CalDAV answered {} {}: {}", status, precondition, message);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"horae\", charset=\"UTF-8\"");
    }
    byte[] bytes = DavXml.error(precondition, message).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/xml; charset=utf-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
