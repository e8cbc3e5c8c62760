package dev.horae.shared;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The SSRF policy for every URL a user gives Horae to call (webhook targets, CalDAV servers): http
 * or https only, and no loopback, private, link-local, shared (100.64/10), multicast or unspecified
 * address, unless {@code HORAE_OUTBOUND_ALLOW_PRIVATE=true} (tests and local servers). Checked when
 * the URL is saved and again before each call, on every address the name resolves to.
 */
@Component
public class OutboundPolicy {
  private final boolean allowPrivate;

  public OutboundPolicy(@Value("${horae.outbound.allow-private:false}") boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** The URL, parsed; a {@link Rejection} naming {@code field} when it may not be called. */
  public URI check(String url, String field) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      throw Rejection.invalid(field, "is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw Rejection.invalid(field, "must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw Rejection.invalid(field, "must name a host and carry no user info");
    }
    if (allowPrivate) {
      return uri;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw Rejection.invalid(field, "names a host that does not resolve");
    }
    for (InetAddress address : addresses) {
      if (forbidden(address)) {
        throw Rejection.invalid(field, "resolves to a loopback, private or otherwise internal address, which Horae does not call");
      }
    }
    return uri;
  }

  static boolean forbidden(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
          || first >= 240;
    }
    return (b[0] & 0xfe) == 0xfc; // IPv6 unique local fc00::/7
  }
}
