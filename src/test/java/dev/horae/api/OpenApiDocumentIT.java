package dev.horae.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.ApiTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
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

  /**
   * {@code docs/openapi.json}, from which clients are generated (and the suite's own,
   * {@code GeneratedClientIT}), is the document the service serves. {@code
   * -Dhorae.it.openapi.write=true} writes it anew.
   */
  @Test
  void the_published_document_is_the_served_one() throws IOException {
    Path published = Path.of("docs/openapi.json").toAbsolutePath();
    tools.jackson.databind.node.ObjectNode served = (tools.jackson.databind.node.ObjectNode) api.withKey(null).get("/v3/api-docs").json();
    if (Boolean.getBoolean("horae.it.openapi.write")) {
      Files.writeString(published, dev.horae.support.Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
    }
    assertThat(Files.exists(published)).as(published + " exists").isTrue();
    JsonNode file = dev.horae.support.Api.JSON.readTree(Files.readString(published));
    assertThat(file).as("docs/openapi.json is out of date: run the suite once with -Dhorae.it.openapi.write=true").isEqualTo(served);
  }

  /**
   * Every text a request can carry, in a body (at any depth, in arrays too) or as a parameter,
   * states its longest value or is an enum.
   */
  @Test
  void every_text_of_a_request_states_its_maximum_length() {
    JsonNode doc = api.withKey(null).get("/v3/api-docs").json();
    List<String> unbounded = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int texts = 0;
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        String where = op.getKey().toUpperCase() + " " + path.getKey();
        for (JsonNode p : op.getValue().path("parameters")) {
          texts += texts(doc, p.get("schema"), where + " " + p.get("name").stringValue(), unbounded, seen);
        }
        for (JsonNode media : op.getValue().at("/requestBody/content")) {
          texts += texts(doc, media.get("schema"), where + " body", unbounded, seen);
        }
      }
    }
    assertThat(unbounded).as("texts without maxLength").isEmpty();
    assertThat(texts).as("texts checked").isGreaterThan(150);
    assertThat(doc.at("/components/schemas/ScheduleFields/properties/externalId/maxLength").asInt()).isEqualTo(200);
    assertThat(doc.at("/components/schemas/EventFields/properties/title/maxLength").asInt()).isEqualTo(200);
  }

  private static int texts(JsonNode doc, JsonNode schema, String where, List<String> unbounded, Set<String> seen) {
    if (schema == null || schema.isMissingNode()) {
      return 0;
    }
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").stringValue();
      return seen.add(ref) ? texts(doc, doc.at(ref.substring(1)), ref.substring(ref.lastIndexOf('/') + 1), unbounded, seen) : 0;
    }
    int found = 0;
    JsonNode type = schema.path("type");
    boolean text = type.isArray() ? type.valueStream().anyMatch(t -> t.stringValue().equals("string")) : type.stringValue("").equals("string");
    if (text) {
      found++;
      if (!schema.has("maxLength") && !schema.has("enum")) {
        unbounded.add(where);
      }
    }
    for (Map.Entry<String, JsonNode> member : schema.path("properties").properties()) {
      found += texts(doc, member.getValue(), where + "." + member.getKey(), unbounded, seen);
    }
    found += texts(doc, schema.get("items"), where + "[]", unbounded, seen);
    if (schema.path("additionalProperties").isObject()) {
      found += texts(doc, schema.get("additionalProperties"), where + "{}", unbounded, seen);
    }
    return found;
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
