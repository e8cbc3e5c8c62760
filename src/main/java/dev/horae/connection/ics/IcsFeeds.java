package dev.horae.connection.ics;

import dev.horae.connection.account.FeedConnector;
import dev.horae.connection.account.ProviderRefusal.Reason;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.shared.OutboundHttp;
import dev.horae.shared.OutboundPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * ICS feed subscriptions: a published iCalendar file (Google's secret address, Outlook's published
 * calendar, an iCloud public calendar, any {@code webcal://} link) fetched through the outbound
 * guard with a conditional GET ({@code If-None-Match}, {@code If-Modified-Since}), at most {@code
 * horae.ics.max-bytes} read and {@code horae.ics.timeout} waited for, redirects followed hop by
 * hop through the same guard. The feed is split into one object per UID (its VEVENTs, the master
 * and its RECURRENCE-ID overrides, with the VTIMEZONEs they use), each with a content hash as its
 * ETag, so a sync rewrites only the events that changed.
 */
@Component
public class IcsFeeds implements FeedConnector {
  private static final int MAX_REDIRECTS = 5;
  private static final Pattern TZID = Pattern.compile(";TZID=(\"[^\"]*\"|[^;:]*)");
  private final OutboundHttp.Client http;
  private final OutboundPolicy policy;
  private final int maxBytes;
  private final Duration timeout;

  public IcsFeeds(OutboundHttp outbound, OutboundPolicy policy, IcsProperties settings) {
    this.http = outbound.client(Duration.ofSeconds(10), 16);
    this.policy = policy;
    this.maxBytes = settings.maxBytes();
    this.timeout = settings.timeout();
  }

  @jakarta.annotation.PreDestroy
  void close() throws IOException {
    http.close();
  }

  /** {@code webcal://} (and {@code webcals://}) is the same feed over https; http and https stay as they are. */
  @Override
  public URI address(String url, String field) {
    String u = url.strip();
    String lower = u.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("webcal://")) {
      u = "https://" + u.substring("webcal://".length());
    } else if (lower.startsWith("webcals://")) {
      u = "https://" + u.substring("webcals://".length());
    }
    return policy.check(u, field);
  }

  /** The feed's address as the API shows it: scheme, host and the last path segment, never the path or query that carry its secret. */
  @Override
  public void check(URI feed) throws ProviderRefusal {
    fetch(feed, null, null);
  }

  @Override
  public String shown(URI feed) {
    return redacted(feed);
  }

  static String redacted(URI url) {
    String path = url.getPath() == null ? "" : url.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort()) + "/…" + (last.isEmpty() ? "" : "/" + last);
  }

  /** What a fetch found: the feed (null when unchanged: 304) and the validators to send next time. */
  public record Fetched(String text, String etag, String lastModified) {
    public boolean unchanged() {
      return text == null;
    }
  }

  /** Fetches the feed, conditionally when validators are known. */
  public Fetched fetch(URI url, String etag, String lastModified) throws ProviderRefusal {
    URI at = url;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Accept", "text/calendar, */*;q=0.5");
      headers.put("User-Agent", "Horae (ICS feed subscription)");
      if (etag != null) {
        headers.put("If-None-Match", etag);
      }
      if (lastModified != null) {
        headers.put("If-Modified-Since", lastModified);
      }
      OutboundHttp.Answer r;
      try {
        r = http.exchange("GET", at, headers, null, null, timeout, maxBytes);
      } catch (OutboundHttp.TooLarge e) {
        throw new ProviderRefusal(Reason.TOO_LARGE, "the feed is larger than " + maxBytes + " bytes (horae.ics.max-bytes)");
      } catch (OutboundPolicy.Refused e) {
        throw new ProviderRefusal(Reason.UNREACHABLE, e.getMessage());
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new ProviderRefusal(Reason.INTERRUPTED, "interrupted");
        }
        throw new ProviderRefusal(Reason.UNREACHABLE, "the feed could not be fetched: " + e.getClass().getSimpleName());
      }
      int status = r.status();
      if (status == 304) {
        return new Fetched(null, etag, lastModified);
      }
      if (status >= 300 && status < 400 && r.header("Location").isPresent()) {
        try { // the hop's host is checked by the client's resolver when it connects
          at = policy.parse(at.resolve(r.header("Location").get()).toString(), "url");
        } catch (dev.horae.shared.Rejection | IllegalArgumentException e) {
          throw new ProviderRefusal(Reason.NOT_A_CALENDAR_SERVER, "the feed redirects to an address Horae does not call");
        }
        continue;
      }
      if (status == 200) {
        String text = r.text();
        if (!text.stripLeading().regionMatches(true, 0, "BEGIN:VCALENDAR", 0, 15)) {
          throw new ProviderRefusal(Reason.NOT_A_CALENDAR_SERVER, "the address answered something that is not an iCalendar file");
        }
        return new Fetched(text, r.header("ETag").orElse(null), r.header("Last-Modified").orElse(null));
      }
      throw switch (status) {
        case 401, 403 -> new ProviderRefusal(Reason.BAD_CREDENTIALS, "the feed answered " + status + ": its address is no longer valid");
        case 404, 410 -> new ProviderRefusal(Reason.CALENDAR_DELETED, "the feed answered " + status + ": it is gone");
        case 429, 502, 503, 504 -> new ProviderRefusal(Reason.RATE_LIMITED, "the feed answered " + status);
        default -> new ProviderRefusal(Reason.NOT_A_CALENDAR_SERVER, "the feed answered " + status);
      };
    }
    throw new ProviderRefusal(Reason.NOT_A_CALENDAR_SERVER, "the feed redirects more than " + MAX_REDIRECTS + " times");
  }

  /** A feed split by UID: each object's iCalendar text and a hash of it (its ETag); and the feed's name ({@code X-WR-CALNAME}), if any. */
  public record Split(Map<String, String> objects, Map<String, String> hashes, String name) {}

  /**
   * Splits a feed into one VCALENDAR per UID, holding that UID's VEVENTs and the VTIMEZONEs they
   * name (RFC 5545 §3.1 unfolding first). Other components (VTODO, VJOURNAL, VFREEBUSY) are left out.
   */
  public static Split split(String feed) {
    List<String> lines = unfold(feed);
    Map<String, String> zones = new LinkedHashMap<>();
    Map<String, StringBuilder> events = new LinkedHashMap<>();
    Map<String, Set<String>> zonesUsed = new LinkedHashMap<>();
    String name = null;
    int depth = 0;
    List<String> block = null;
    String blockKind = null;
    for (String line : lines) {
      String upper = line.length() > 40 ? line.substring(0, 40).toUpperCase(java.util.Locale.ROOT) : line.toUpperCase(java.util.Locale.ROOT);
      if (upper.startsWith("BEGIN:")) {
        depth++;
        if (depth == 2) {
          blockKind = upper.substring(6).strip();
          block = new ArrayList<>();
        }
      }
      if (depth == 1 && upper.startsWith("X-WR-CALNAME") && name == null) {
        name = value(line);
      }
      if (block != null) {
        block.add(line);
      }
      if (upper.startsWith("END:")) {
        if (depth == 2 && block != null) {
          String text = String.join("\r\n", block) + "\r\n";
          if (blockKind.equals("VTIMEZONE")) {
            block.stream().filter(l -> l.toUpperCase(java.util.Locale.ROOT).startsWith("TZID")).findFirst()
                .ifPresent(l -> zones.put(value(l), text));
          } else if (blockKind.equals("VEVENT")) {
            String uid = uidOf(block);
            events.computeIfAbsent(uid, k -> new StringBuilder()).append(text);
            Set<String> used = zonesUsed.computeIfAbsent(uid, k -> new LinkedHashSet<>());
            for (String l : block) {
              Matcher m = TZID.matcher(l.length() > 200 ? l.substring(0, 200) : l);
              if (m.find()) {
                used.add(m.group(1).replace("\"", ""));
              }
            }
          }
          block = null;
        }
        depth = Math.max(0, depth - 1);
      }
    }
    Map<String, String> objects = new LinkedHashMap<>();
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Map.Entry<String, StringBuilder> e : events.entrySet()) {
      StringBuilder text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Horae//ICS feed//EN\r\n");
      for (String zone : zonesUsed.get(e.getKey())) {
        String tz = zones.get(zone);
        if (tz != null) {
          text.append(tz);
        }
      }
      text.append(e.getValue()).append("END:VCALENDAR\r\n");
      String object = text.toString();
      objects.put(e.getKey(), object);
      hashes.put(e.getKey(), "\"" + dev.horae.shared.Digests.sha256Hex(object) + "\"");
    }
    return new Split(objects, hashes, name);
  }

  /** The UID of a VEVENT block (its own, not a nested VALARM's); a block without one is keyed by its content. */
  private static String uidOf(List<String> block) {
    int depth = 0;
    for (String l : block) {
      String upper = l.toUpperCase(java.util.Locale.ROOT);
      if (upper.startsWith("BEGIN:")) {
        depth++;
      } else if (upper.startsWith("END:")) {
        depth--;
      } else if (depth == 1 && (upper.startsWith("UID:") || upper.startsWith("UID;"))) {
        return value(l);
      }
    }
    return "no-uid-" + dev.horae.shared.Digests.sha256Hex(String.join("\n", block));
  }

  private static String value(String line) {
    int colon = line.indexOf(':');
    return colon < 0 ? "" : line.substring(colon + 1).strip();
  }

  static List<String> unfold(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = null;
    for (String raw : text.split("\r\n|\n|\r", -1)) {
      if (!raw.isEmpty() && (raw.charAt(0) == ' ' || raw.charAt(0) == '\t') && current != null) {
        current.append(raw, 1, raw.length());
      } else {
        if (current != null && !current.isEmpty()) {
          out.add(current.toString());
        }
        current = new StringBuilder(raw);
      }
    }
    if (current != null && !current.isEmpty()) {
      out.add(current.toString());
    }
    return out;
  }

}
