package dev.horae.shared;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The SSRF policy for every URL a tenant gives Horae to call (webhook targets, CalDAV servers and
 * their redirects): http or https only, no user info, and no address that is not public. Refused:
 * <ul>
 *   <li>every range of the IANA IPv4 Special-Purpose Address Registry, and multicast and the
 *       reserved 240/4;</li>
 *   <li>for IPv6, everything outside global unicast {@code 2000::/3} (so {@code ::1}, {@code ::/96}
 *       IPv4-compatible, NAT64 {@code 64:ff9b::/96} and {@code 64:ff9b:1::/48}, discard
 *       {@code 100::/64}, unique local, link and site local, multicast), and inside it the
 *       special-purpose {@code 2001::/23} (Teredo, benchmarking, ORCHID…), documentation
 *       {@code 2001:db8::/32} and {@code 3fff::/20}, 6to4 {@code 2002::/16}, AS112
 *       {@code 2620:4f:8000::/48} and SRv6 {@code 5f00::/16}; IPv4-mapped addresses are IPv4;</li>
 *   <li>every address of the machine's own interfaces.</li>
 * </ul>
 * A URL is checked when it is saved ({@link #check}); the real guard is {@link #resolve}, which
 * {@link OutboundHttp} uses as its client's only resolver, so a connection goes to exactly the
 * addresses checked, with no second lookup (DNS rebinding). {@code HORAE_OUTBOUND_ALLOW_PRIVATE=true}
 * (tests and local servers) allows every address.
 */
@Component
public class OutboundPolicy {
  private static final List<Block> IPV4 = List.of(
      Block.of("0.0.0.0/8"), Block.of("10.0.0.0/8"), Block.of("100.64.0.0/10"), Block.of("127.0.0.0/8"), Block.of("169.254.0.0/16"),
      Block.of("172.16.0.0/12"), Block.of("192.0.0.0/24"), Block.of("192.0.2.0/24"), Block.of("192.31.196.0/24"), Block.of("192.52.193.0/24"),
      Block.of("192.88.99.0/24"), Block.of("192.168.0.0/16"), Block.of("192.175.48.0/24"), Block.of("198.18.0.0/15"),
      Block.of("198.51.100.0/24"), Block.of("203.0.113.0/24"), Block.of("224.0.0.0/4"), Block.of("240.0.0.0/4"));
  private static final Block GLOBAL_UNICAST = Block.of("2000::/3");
  private static final List<Block> IPV6 = List.of(
      Block.of("2001::/23"), Block.of("2001:db8::/32"), Block.of("2002::/16"), Block.of("2620:4f:8000::/48"), Block.of("3fff::/20"),
      Block.of("5f00::/16"));

  private final boolean allowPrivate;
  private final Lookup lookup;
  private final java.util.function.Supplier<Set<InetAddress>> interfaces;
  private volatile Set<InetAddress> own = Set.of();
  private volatile long ownReadAt;

  /** How names become addresses; the JVM's resolver, or a fixed one in tests. */
  @FunctionalInterface
  public interface Lookup {
    InetAddress[] all(String host) throws UnknownHostException;
  }

  @org.springframework.beans.factory.annotation.Autowired
  public OutboundPolicy(@Value("${horae.outbound.allow-private:false}") boolean allowPrivate) {
    this(allowPrivate, InetAddress::getAllByName);
  }

  public OutboundPolicy(boolean allowPrivate, Lookup lookup) {
    this(allowPrivate, lookup, OutboundPolicy::interfaceAddresses);
  }

  OutboundPolicy(boolean allowPrivate, Lookup lookup, java.util.function.Supplier<Set<InetAddress>> interfaces) {
    this.allowPrivate = allowPrivate;
    this.lookup = lookup;
    this.interfaces = interfaces;
  }

  /** A host the policy refuses to connect to; an {@link UnknownHostException}, so HTTP clients fail the connection with it. */
  public static final class Refused extends UnknownHostException {
    Refused(String host) {
      super(host + " resolves to a loopback, private or otherwise non-public address, which Horae does not call");
    }
  }

  /** The URL, parsed and resolved; a {@link Rejection} naming {@code field} when it may not be called. */
  public URI check(String url, String field) {
    URI uri = parse(url, field);
    try {
      resolve(uri.getHost());
    } catch (Refused e) {
      throw Rejection.invalid(field, "resolves to a loopback, private or otherwise internal address, which Horae does not call");
    } catch (UnknownHostException e) {
      throw Rejection.invalid(field, "names a host that does not resolve");
    }
    return uri;
  }

  /** The URL, parsed: http or https, a host, no user info; no lookup. */
  public URI parse(String url, String field) {
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
    return uri;
  }

  /** Every address of {@code host}, each allowed; {@link Refused} when any is not. */
  public InetAddress[] resolve(String host) throws UnknownHostException {
    String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses = lookup.all(name);
    if (!allowPrivate) {
      for (InetAddress address : addresses) {
        if (forbidden(address) || ownAddresses().contains(address)) {
          throw new Refused(host);
        }
      }
    }
    return addresses;
  }

  /** Whether the address is outside what the policy calls public (the machine's own addresses aside). */
  public static boolean forbidden(InetAddress a) {
    if (a instanceof Inet4Address) {
      return IPV4.stream().anyMatch(b -> b.contains(a));
    }
    return !GLOBAL_UNICAST.contains(a) || IPV6.stream().anyMatch(b -> b.contains(a));
  }

  /** The machine's interface addresses, read again at most every 10 s (interfaces come and go). */
  private Set<InetAddress> ownAddresses() {
    long now = System.nanoTime();
    if (ownReadAt == 0 || now - ownReadAt > 10_000_000_000L) {
      Set<InetAddress> read = interfaces.get();
      if (read != null) {
        own = read;
        ownReadAt = now;
      }
    }
    return own;
  }

  /** Every address of every interface of this machine; null when they cannot be read. */
  static Set<InetAddress> interfaceAddresses() {
    Set<InetAddress> read = new HashSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          read.add(address instanceof Inet6Address v6 && v6.getScopeId() != 0 ? withoutScope(v6) : address);
        }
      }
    } catch (SocketException e) {
      return null;
    }
    return Set.copyOf(read);
  }

  private static InetAddress withoutScope(Inet6Address a) {
    try {
      return InetAddress.getByAddress(a.getAddress());
    } catch (UnknownHostException e) {
      return a;
    }
  }

  /** An address block in CIDR form. */
  record Block(byte[] network, int bits) {
    static Block of(String cidr) {
      int slash = cidr.indexOf('/');
      try {
        return new Block(InetAddress.getByName(cidr.substring(0, slash)).getAddress(), Integer.parseInt(cidr.substring(slash + 1)));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(cidr, e);
      }
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (b[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      return rest == 0 || ((b[full] ^ network[full]) & (0xff << (8 - rest)) & 0xff) == 0;
    }
  }
}
