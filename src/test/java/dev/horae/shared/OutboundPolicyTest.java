package dev.horae.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The SSRF policy for tenant-given URLs, and the client that connects only where it allows. */
class OutboundPolicyTest {
  private final OutboundPolicy strict = new OutboundPolicy(false);
  private final OutboundPolicy local = new OutboundPolicy(true);

  /** One address of every class the policy refuses, with the class it stands for. */
  static final Map<String, String> REFUSED = Map.ofEntries(
      Map.entry("0.1.2.3", "0.0.0.0/8 this network"), Map.entry("10.1.2.3", "10/8 private"), Map.entry("100.64.0.1", "100.64/10 shared"),
      Map.entry("127.0.0.1", "127/8 loopback"), Map.entry("127.255.255.254", "127/8 loopback, its end"),
      Map.entry("169.254.169.254", "169.254/16 link local (cloud metadata)"), Map.entry("172.16.5.4", "172.16/12 private"),
      Map.entry("172.31.255.255", "172.16/12 private, its end"), Map.entry("192.0.0.8", "192.0.0/24 IETF protocol assignments"),
      Map.entry("192.0.2.1", "192.0.2/24 TEST-NET-1"), Map.entry("192.31.196.1", "192.31.196/24 AS112-v4"),
      Map.entry("192.52.193.1", "192.52.193/24 AMT"), Map.entry("192.88.99.1", "192.88.99/24 6to4 relay anycast"),
      Map.entry("192.168.0.10", "192.168/16 private"), Map.entry("192.175.48.1", "192.175.48/24 direct delegation AS112"),
      Map.entry("198.18.0.1", "198.18/15 benchmarking"), Map.entry("198.19.255.255", "198.18/15 benchmarking, its end"),
      Map.entry("198.51.100.7", "198.51.100/24 TEST-NET-2"), Map.entry("203.0.113.9", "203.0.113/24 TEST-NET-3"),
      Map.entry("224.0.0.1", "224/4 multicast"), Map.entry("240.0.0.1", "240/4 reserved"), Map.entry("255.255.255.255", "limited broadcast"),
      Map.entry("::", "::/128 unspecified"), Map.entry("::1", "::1 loopback"), Map.entry("::127.0.0.1", "::/96 IPv4-compatible"),
      Map.entry("::ffff:127.0.0.1", "::ffff:0:0/96 IPv4-mapped loopback"), Map.entry("::ffff:10.0.0.1", "IPv4-mapped private"),
      Map.entry("64:ff9b::7f00:1", "64:ff9b::/96 NAT64"), Map.entry("64:ff9b:1::1", "64:ff9b:1::/48 local NAT64"),
      Map.entry("100::1", "100::/64 discard"), Map.entry("2001::1", "2001::/32 Teredo"), Map.entry("2001:2::1", "2001:2::/48 benchmarking"),
      Map.entry("2001:20::1", "2001:20::/28 ORCHIDv2"), Map.entry("2001:db8::1", "2001:db8::/32 documentation"),
      Map.entry("2002:7f00:1::", "2002::/16 6to4 (127.0.0.1 inside)"), Map.entry("2620:4f:8000::1", "2620:4f:8000::/48 AS112-v6"),
      Map.entry("3fff::1", "3fff::/20 documentation"), Map.entry("5f00::1", "5f00::/16 SRv6 SIDs"), Map.entry("fc00::1", "fc00::/7 unique local"),
      Map.entry("fd00::1", "fc00::/7 unique local"), Map.entry("fe80::1", "fe80::/10 link local"), Map.entry("fec0::1", "fec0::/10 site local"),
      Map.entry("ff02::1", "ff00::/8 multicast"), Map.entry("4000::1", "outside global unicast 2000::/3"));

  static final String[] ALLOWED = {"93.184.216.34", "1.1.1.1", "8.8.8.8", "192.0.3.1", "198.20.0.1", "172.32.0.1", "100.128.0.1",
      "2606:4700:4700::1111", "2a00:1450:4001::1", "2001:4860:4860::8888", "::ffff:93.184.216.34"};

  @Test
  void every_special_purpose_class_is_refused_and_public_addresses_pass() throws Exception {
    for (var e : REFUSED.entrySet()) {
      InetAddress a = InetAddress.getByName(e.getKey());
      assertThat(OutboundPolicy.forbidden(a)).as("%s (%s)", e.getKey(), e.getValue()).isTrue();
      String literal = e.getKey().contains(":") ? "[" + e.getKey() + "]" : e.getKey();
      assertThatThrownBy(() -> strict.check("http://" + literal + "/hook", "webhook.url")).as(e.getValue())
          .isInstanceOf(Rejection.class).hasMessageContaining("webhook.url");
      assertThat(local.check("http://" + literal + "/hook", "webhook.url")).as("allowed with allow-private").isNotNull();
    }
    for (String address : ALLOWED) {
      assertThat(OutboundPolicy.forbidden(InetAddress.getByName(address))).as(address).isFalse();
    }
  }

  @Test
  void names_are_judged_by_every_address_they_resolve_to() {
    OutboundPolicy mixed = new OutboundPolicy(false, host -> switch (host) {
      case "mixed.test" -> new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1")};
      case "public.test" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
      default -> throw new UnknownHostException(host);
    });
    assertThatThrownBy(() -> mixed.check("https://mixed.test/", "serverUrl")).isInstanceOf(Rejection.class).hasMessageContaining("internal");
    assertThat(mixed.check("https://public.test/", "serverUrl").getHost()).isEqualTo("public.test");
    assertThatThrownBy(() -> mixed.check("https://nowhere.test/", "serverUrl")).isInstanceOf(Rejection.class).hasMessageContaining("does not resolve");
    assertThatThrownBy(() -> strict.check("http://localhost:8080/", "webhook.url")).isInstanceOf(Rejection.class);
  }

  @Test
  void the_machines_own_addresses_are_refused_even_when_public() throws Exception {
    InetAddress mine = InetAddress.getByName("93.184.216.34");
    OutboundPolicy policy = new OutboundPolicy(false, host -> new InetAddress[] {mine}, () -> Set.of(mine));
    assertThatThrownBy(() -> policy.resolve("my-own-name.test")).isInstanceOf(OutboundPolicy.Refused.class);
    // and the real interfaces: each of their addresses is refused
    Set<InetAddress> real = OutboundPolicy.interfaceAddresses();
    assertThat(real).as("this machine's interface addresses").isNotEmpty();
    for (InetAddress a : real) {
      assertThatThrownBy(() -> strict.resolve(a.getHostAddress())).as(a.toString()).isInstanceOf(OutboundPolicy.Refused.class);
    }
  }

  @Test
  void only_http_and_https_without_user_info() {
    for (String url : new String[] {"ftp://93.184.216.34/", "file:///etc/passwd", "gopher://93.184.216.34/", "https://user:pw@93.184.216.34/", "not a url"}) {
      assertThatThrownBy(() -> local.check(url, "f")).as(url).isInstanceOf(Rejection.class);
    }
  }

  @Test
  void the_client_connects_to_the_address_it_checked_so_a_name_that_rebinds_never_reaches_inside() throws Exception {
    HttpServer inside = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger reached = new AtomicInteger();
    inside.createContext("/", x -> {
      reached.incrementAndGet();
      x.sendResponseHeaders(204, -1);
      x.close();
    });
    inside.start();
    int port = inside.getAddress().getPort();
    try {
      // public when the URL is saved, loopback when it is called (a rebinding DNS answer)
      AtomicInteger lookups = new AtomicInteger();
      OutboundPolicy rebinding = new OutboundPolicy(false, host -> new InetAddress[] {
          lookups.incrementAndGet() == 1 ? InetAddress.getByName("93.184.216.34") : InetAddress.getLoopbackAddress()});
      assertThat(rebinding.check("http://rebind.test:" + port + "/hook", "webhook.url")).isNotNull();
      try (OutboundHttp.Client client = new OutboundHttp(rebinding).client(Duration.ofSeconds(2), 2)) {
        assertThatThrownBy(() -> client.exchange("POST", URI.create("http://rebind.test:" + port + "/hook"), Map.of(), new byte[0], null,
            Duration.ofSeconds(2))).isInstanceOf(OutboundPolicy.Refused.class);
        for (String literal : new String[] {"127.0.0.1", "[::1]", "[::127.0.0.1]", "[::ffff:127.0.0.1]", "[64:ff9b::7f00:1]"}) {
          assertThatThrownBy(() -> client.exchange("GET", URI.create("http://" + literal + ":" + port + "/"), Map.of(), null, null,
              Duration.ofSeconds(2))).as(literal).isInstanceOf(OutboundPolicy.Refused.class);
        }
      }
      assertThat(reached).as("requests that reached the server inside").hasValue(0);

      // where the policy allows it, the connection goes to exactly what the guard resolved: one lookup, to a name no DNS knows
      AtomicInteger pinnedLookups = new AtomicInteger();
      OutboundPolicy pinned = new OutboundPolicy(true, host -> {
        pinnedLookups.incrementAndGet();
        return new InetAddress[] {InetAddress.getLoopbackAddress()};
      });
      try (OutboundHttp.Client client = new OutboundHttp(pinned).client(Duration.ofSeconds(2), 2)) {
        OutboundHttp.Answer answer = client.exchange("POST", URI.create("http://pinned.invalid:" + port + "/hook"), Map.of("x-test", "1"),
            "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", Duration.ofSeconds(2));
        assertThat(answer.status()).isEqualTo(204);
      }
      assertThat(reached).hasValue(1);
      assertThat(pinnedLookups).as("lookups for one connection").hasValue(1);
    } finally {
      inside.stop(0);
    }
  }
}
