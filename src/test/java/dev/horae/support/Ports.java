package dev.horae.support;

import java.io.IOException;
import java.net.ServerSocket;

/** A free loopback port, for a Horae under test whose public address must be known before it starts. */
public final class Ports {
  private Ports() {}

  public static int free() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
