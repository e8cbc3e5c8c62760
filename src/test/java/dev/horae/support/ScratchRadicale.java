package dev.horae.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * A Radicale CalDAV server of a test's own (Debian's /usr/bin/radicale, users alice/alicepw and
 * bob/bobpw, a fresh directory and a free port), so what the test finds in it is only its own.
 */
public final class ScratchRadicale implements AutoCloseable {
  private final int port;
  private final Process process;

  public ScratchRadicale() throws Exception {
    port = Ports.free();
    Path dir = Files.createTempDirectory("horae-radicale-");
    Files.createDirectories(dir.resolve("collections"));
    Files.writeString(dir.resolve("users"), "alice:alicepw\nbob:bobpw\n");
    Files.writeString(dir.resolve("config"), """
        [server]
        hosts = 127.0.0.1:%d
        [auth]
        type = htpasswd
        htpasswd_filename = %s
        htpasswd_encryption = plain
        [storage]
        filesystem_folder = %s
        [rights]
        type = owner_only
        [web]
        type = none
        [logging]
        level = warning
        """.formatted(port, dir.resolve("users"), dir.resolve("collections")));
    process = new ProcessBuilder("/usr/bin/radicale", "--config", dir.resolve("config").toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        int status = http.send(HttpRequest.newBuilder(URI.create(url() + "/")).header("Depth", "0")
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:alicepw".getBytes()))
            .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 207) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      if (!process.isAlive() || System.nanoTime() > until) {
        close();
        throw new IllegalStateException("radicale did not start: " + Files.readString(dir.resolve("server.log")));
      }
      Thread.sleep(100);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
  }
}
