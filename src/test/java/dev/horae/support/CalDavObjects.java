package dev.horae.support;

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

/** The calendar objects of a collection on the test CalDAV server, as alice sees them. */
public final class CalDavObjects {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private CalDavObjects() {}

  /** The hrefs of the {@code .ics} objects in {@code collection} (a PROPFIND of depth 1). */
  public static List<String> in(String collection) throws Exception {
    String auth = "Basic " + Base64.getEncoder().encodeToString("alice:alicepw".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(collection)).header("Authorization", auth).header("Depth", "1")
        .method("PROPFIND", HttpRequest.BodyPublishers.ofString("<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:prop></d:propfind>"))
        .build(), HttpResponse.BodyHandlers.ofString());
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<href>([^<]+\\.ics)</href>").matcher(r.body());
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
