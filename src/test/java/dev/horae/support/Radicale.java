package dev.horae.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One account on the test CalDAV server (Radicale, at {@link ApiTest#caldavUrl()} unless given),
 * as a user's own calendar app would touch it: make calendars, write, read and delete objects,
 * list what is there. The tests' one way to talk to Radicale.
 */
public final class Radicale {
  private static final Pattern HREF = Pattern.compile("<(?:[A-Za-z]+:)?href>([^<]+)</(?:[A-Za-z]+:)?href>");

  private final String base;
  public final String user;
  public final String password;

  public Radicale(String base, String user, String password) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.user = user;
    this.password = password;
  }

  /** The user on the suite's Radicale (alice, bob: the accounts scripts/ensure-radicale.sh sets up). */
  public static Radicale as(String user, String password) {
    return new Radicale(ApiTest.caldavUrl(), user, password);
  }

  public static Radicale alice() {
    return as("alice", "alicepw");
  }

  public static Radicale bob() {
    return as("bob", "bobpw");
  }

  /** The server's root URL, as a connection's {@code serverUrl}. */
  public String url() {
    return base;
  }

  /** The URL of {@code path} ({@code /alice/work/}); a URL is answered as it is. */
  public String at(String path) {
    return path.startsWith("http") ? path : base + (path.startsWith("/") ? path : "/" + path);
  }

  /** The user's calendar home, {@code <server>/<user>/}. */
  public String home() {
    return at("/" + user + "/");
  }

  /** A status and a body. */
  public record Answer(int status, String body) {}

  /** One request as this user; {@code body} null sends none. */
  public Answer send(String method, String pathOrUrl, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(at(pathOrUrl)))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    if (body != null) {
      b.header("Content-Type", method.equals("PUT") ? "text/calendar; charset=utf-8" : "application/xml; charset=utf-8");
    }
    if (method.equals("PROPFIND") || method.equals("REPORT")) {
      b.header("Depth", "1");
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      // a fresh client per call: Radicale's server closes connections the JDK client would reuse
      HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Makes a VEVENT calendar at {@code path} named {@code name} (null: no name); answers the status (201 when made). */
  public int mkcalendar(String path, String name) {
    String props = (name == null ? "" : "<d:displayname>" + name + "</d:displayname>")
        + "<c:supported-calendar-component-set><c:comp name=\"VEVENT\"/></c:supported-calendar-component-set>";
    return send("MKCALENDAR", path, "<?xml version=\"1.0\" encoding=\"utf-8\"?><c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
        + "<d:set><d:prop>" + props + "</d:prop></d:set></c:mkcalendar>").status();
  }

  /** Writes an object; answers the status. */
  public int put(String pathOrUrl, String ics) {
    return send("PUT", pathOrUrl, ics).status();
  }

  /** Deletes an object or a collection; answers the status. */
  public int delete(String pathOrUrl) {
    return send("DELETE", pathOrUrl, null).status();
  }

  /** The object's text, unfolded (RFC 5545 §3.1); null when it is not there. */
  public String get(String pathOrUrl) {
    Answer a = send("GET", pathOrUrl, null);
    return a.status() == 200 ? a.body().replace("\r\n ", "").replace("\n ", "") : null;
  }

  /** The hrefs of the {@code .ics} objects in a collection (PROPFIND, depth 1). */
  public List<String> objects(String collection) {
    return hrefs(collection).stream().filter(h -> h.endsWith(".ics")).toList();
  }

  /** The hrefs of the collections in the user's home (PROPFIND, depth 1), the home itself left out. */
  public List<String> calendars() {
    String home = URI.create(home()).getPath();
    return hrefs(home()).stream().filter(h -> h.endsWith("/") && !h.equals(home)).toList();
  }

  private List<String> hrefs(String collection) {
    Answer r = send("PROPFIND", collection, "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>");
    List<String> out = new ArrayList<>();
    if (r.status() != 207) {
      return out;
    }
    Matcher m = HREF.matcher(r.body());
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
