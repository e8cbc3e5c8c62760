package dev.horae.storage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * This process's name in the cluster: {@code HORAE_NODE_NAME} (or the host name) and a random
 * suffix, so two processes never hold a lease under the same name, not even one restarted on the
 * same host while its predecessor's leases run out.
 */
@Component
public class NodeIdentity {
  private final String id;

  NodeIdentity(ClusterProperties cluster) {
    String name = cluster.nodeName() == null || cluster.nodeName().isBlank() ? hostName() : cluster.nodeName().strip();
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    this.id = name + "-" + HexFormat.of().formatHex(suffix);
  }

  private static String hostName() {
    try {
      String host = InetAddress.getLocalHost().getHostName();
      return host.length() > 64 ? host.substring(0, 64) : host;
    } catch (UnknownHostException e) {
      return "node";
    }
  }

  /** The name leases are held under. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
