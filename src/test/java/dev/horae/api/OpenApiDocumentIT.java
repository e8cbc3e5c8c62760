package dev.horae.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.ApiTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document itself, as a third-party linter and a client generator read it. */
class OpenApiDocumentIT extends ApiTest {
  static final Path LINT = Path.of("scripts/openapi-lint").toAbsolutePath();

  /**
   * Spectral's {@code spectral:oas} ruleset, pinned in {@code scripts/openapi-lint}
   * ({@code scripts/ensure-spectral.sh} installs it): no error, no warning, no hint.
   */
  @Test
  void spectral_finds_nothing_in_the_served_document(@TempDir Path dir) throws Exception {
    Path spectral = LINT.resolve("node_modules/.bin/spectral");
    assertThat(spectral).as("run scripts/ensure-spectral.sh (scripts/test.sh does)").isExecutable();
    Path doc = dir.resolve("openapi.json");
    Files.writeString(doc, api.withKey(null).get("/v3/api-docs").text());
    Path out = dir.resolve("spectral.json");
    Process lint = new ProcessBuilder(spectral.toString(), "lint", "--ruleset", LINT.resolve(".spectral.yaml").toString(),
        "--format", "json", "--output", out.toString(), "--fail-severity", "hint", doc.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("spectral.log").toFile()).start();
    assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("spectral finished").isTrue();
    String findings = read(out);
    assertThat(findings.strip()).as("spectral's findings (log: %s)", read(dir.resolve("spectral.log"))).isEqualTo("[]");
    assertThat(lint.exitValue()).isZero();
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
