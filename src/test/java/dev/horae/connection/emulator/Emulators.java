package dev.horae.connection.emulator;

import dev.horae.support.Ports;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one way an IT wires provider emulators: a JUnit extension that owns them (started when
 * made, closed after the class), picks Horae's port (push notifications and OAuth callbacks come
 * back to it), and hands Spring the settings that point Horae at them:
 *
 * <pre>
 * &#64;RegisterExtension static final Emulators PROVIDERS = Emulators.withGoogle("ann&#64;example.com");
 * &#64;DynamicPropertySource static void providers(DynamicPropertyRegistry r) { PROVIDERS.register(r); }
 * </pre>
 *
 * (Spring reads dynamic properties only from the test class, where they also key its context cache.)
 */
public final class Emulators implements AfterAllCallback {
  private final GoogleEmulator google;
  private final GraphEmulator graph;
  private final int port = Ports.free();

  private Emulators(GoogleEmulator google, GraphEmulator graph) {
    this.google = google;
    this.graph = graph;
  }

  public static Emulators withGoogle(String email) {
    return new Emulators(new GoogleEmulator(email), null);
  }

  public static Emulators withGraph() {
    return new Emulators(null, new GraphEmulator());
  }

  public static Emulators withBoth(String googleEmail) {
    return new Emulators(new GoogleEmulator(googleEmail), new GraphEmulator());
  }

  public GoogleEmulator google() {
    if (google == null) {
      throw new IllegalStateException("no Google emulator here: make it with Emulators.withGoogle or Emulators.withBoth");
    }
    return google;
  }

  public GraphEmulator graph() {
    if (graph == null) {
      throw new IllegalStateException("no Graph emulator here: make it with Emulators.withGraph or Emulators.withBoth");
    }
    return graph;
  }

  /** The port Horae serves on, where the emulators send push notifications. */
  public int port() {
    return port;
  }

  /** The settings pointing Horae at the emulators, as Spring property names (also for a node of the built jar). */
  public Map<String, String> settings() {
    Map<String, String> out = new LinkedHashMap<>();
    if (google != null) {
      out.putAll(google.settings(port));
    }
    if (graph != null) {
      out.putAll(graph.settings(port));
    }
    return out;
  }

  public void register(DynamicPropertyRegistry registry) {
    settings().forEach((name, value) -> registry.add(name, () -> value));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (google != null) {
      google.close();
    }
    if (graph != null) {
      graph.close();
    }
  }
}
