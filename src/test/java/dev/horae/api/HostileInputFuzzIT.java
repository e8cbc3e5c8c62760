package dev.horae.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import dev.horae.support.Operator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bounded, seeded run of hostile input over every operation of the served document: for each,
 * a body built from its request schema and its parameters, then {@code horae.it.fuzz.cases}
 * variants that each put one hostile value in one place (a body member, an array element, a query
 * or path parameter), plus hostile whole bodies for every operation that takes one.
 *
 * <p>Every answer must be below 500, every error must be a problem document, and every exchange
 * goes through the contract check of {@link Api#send} (a request the document refuses must be
 * 4xx). The seed is printed with every failure; {@code -Dhorae.it.fuzz.seed=N} replays it.
 */
class HostileInputFuzzIT extends ApiTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Escapes every non-ASCII character, so that a lone surrogate goes out as the {@code \\uD800} escape a client would send. */
  private static final JsonMapper WRITER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final String FAR_YEAR = "+999999999-01-01T00:00:00";

  /** One hostile value for a body member, given the member's schema. */
  record Hostile(String name, Function<JsonNode, JsonNode> value) {}

  private static final List<Hostile> VALUES = List.of(
      new Hostile("NUL", s -> NODES.stringNode("a\u0000b")),
      new Hostile("lone surrogate", s -> NODES.stringNode("a\uD800b")),
      new Hostile("over its maxLength", s -> NODES.stringNode("x".repeat(s.path("maxLength").asInt(100_000) + 1))),
      new Hostile("100,000 characters", s -> NODES.stringNode("y".repeat(100_000))),
      new Hostile("far year", s -> NODES.stringNode(FAR_YEAR)),
      new Hostile("far negative year", s -> NODES.stringNode("-999999999-12-31")),
      new Hostile("null", s -> NODES.nullNode()),
      new Hostile("[null]", s -> NODES.arrayNode().addNull()),
      new Hostile("empty string", s -> NODES.stringNode("")),
      new Hostile("blank string", s -> NODES.stringNode(" \t ")),
      new Hostile("number", s -> NODES.numberNode(42)),
      new Hostile("boolean", s -> NODES.booleanNode(true)),
      new Hostile("object", s -> NODES.objectNode().put("a", 1)),
      new Hostile("array", s -> NODES.arrayNode().add("a")),
      new Hostile("2^63", s -> NODES.numberNode(new java.math.BigInteger("9223372036854775808"))),
      new Hostile("-2^31-1", s -> NODES.numberNode(-2147483649L)),
      new Hostile("-1", s -> NODES.numberNode(-1)),
      new Hostile("1e308", s -> NODES.numberNode(1e308)),
      new Hostile("0.5", s -> NODES.numberNode(0.5)),
      new Hostile("bad enum", s -> NODES.stringNode("NOT_A_VALUE")),
      new Hostile("bad id", s -> NODES.stringNode("../../etc/passwd")),
      new Hostile("nested 200 deep", s -> deep(200)));

  /** Whole bodies. */
  private static final List<String> BODIES = List.of(
      "null", "[]", "[null]", "\"x\"", "42", "{}", "{\"a\":", "{\"a\":1}}", "\u0000", "{\"\\u0000\":1}",
      "{\"a\":\"\\uDC00\"}", "[".repeat(2000) + "]".repeat(2000), "{\"a\":" + "1".repeat(5000) + "}");

  /**
   * Query and path parameter values, raw (already percent-encoded where it matters). A malformed
   * escape such as {@code %ZZ} is left to {@code TomcatErrorsIT}: this client cannot send one.
   */
  private static final List<String> PARAMETERS = List.of(
      "%00", "a%00b", "%C0%AF", "%FF", "-1", "99999999999999999999", "1e308", "%2B999999999-01-01", "", "x".repeat(4097),
      "..", "%2E%2E", "NOT_A_VALUE", "2027-02-30", "%F0%9F%93%85");

  private final List<String> failures = new ArrayList<>();
  private int sent;

  @Test
  void no_hostile_input_is_answered_5xx_or_without_a_problem_document() {
    long seed = Long.getLong("horae.it.fuzz.seed", 20261202L);
    int cases = Integer.getInteger("horae.it.fuzz.cases", 40);
    Random random = new Random(seed);
    JsonNode doc = api.withKey(null).get("/v3/api-docs").json();
    Api tenantApi = fuzzTenant();
    Map<String, String> ids = realIds(tenantApi);
    Api admin = new Operator(api).api();
    int operations = 0;
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        operations++;
        String method = op.getKey().toUpperCase();
        Api caller = path.getKey().startsWith("/admin/") ? admin : tenantApi;
        fuzz(doc, caller, method, path.getKey(), op.getValue(), ids, random, cases, seed);
      }
    }
    assertThat(operations).isGreaterThan(80);
    System.out.printf("HostileInputFuzzIT: %d requests over %d operations, seed %d, %d failures%n", sent, operations, seed, failures.size());
    assertThat(failures).as("hostile inputs answered badly (seed " + seed + ")").isEmpty();
  }

  private void fuzz(JsonNode doc, Api caller, String method, String path, JsonNode op, Map<String, String> ids, Random random,
      int cases, long seed) {
    JsonNode bodySchema = op.at("/requestBody/content/application~1json/schema");
    JsonNode body = bodySchema.isMissingNode() ? null : sample(doc, bodySchema, 0);
    List<JsonNode> parameters = new ArrayList<>();
    op.path("parameters").forEach(p -> {
      if (!p.path("in").stringValue("").equals("header")) {
        parameters.add(p);
      }
    });
    send(caller, method, url(path, parameters, ids, null, null), body == null ? null : write(body), body != null, seed, "base");
    List<String[]> places = new ArrayList<>(); // {pointer} of every member and element of the body
    if (body != null) {
      places(body, "", places);
    }
    for (int i = 0; i < cases; i++) {
      boolean inBody = body != null && !places.isEmpty() && (parameters.isEmpty() || random.nextInt(3) > 0);
      if (inBody) {
        String pointer = places.get(random.nextInt(places.size()))[0];
        Hostile hostile = VALUES.get(random.nextInt(VALUES.size()));
        JsonNode schema = schemaAt(doc, bodySchema, pointer);
        JsonNode mutated = replace(body.deepCopy(), pointer, hostile.value().apply(schema));
        send(caller, method, url(path, parameters, ids, null, null), write(mutated), true, seed, hostile.name() + " at " + pointer);
      } else if (!parameters.isEmpty()) {
        JsonNode p = parameters.get(random.nextInt(parameters.size()));
        String value = PARAMETERS.get(random.nextInt(PARAMETERS.size()));
        if (value.isEmpty() && p.get("in").stringValue().equals("path")) {
          value = "%20"; // an empty segment would name another operation
        }
        send(caller, method, url(path, parameters, ids, p.get("name").stringValue(), value), body == null ? null : write(body), body != null,
            seed, "parameter " + p.get("name").stringValue() + "=" + abbreviate(value));
      }
    }
    if (body != null) {
      for (String hostile : BODIES) {
        send(caller, method, url(path, parameters, ids, null, null), hostile, true, seed, "body " + abbreviate(hostile));
      }
    }
  }

  private void send(Api caller, String method, String url, String body, boolean json, long seed, String what) {
    sent++;
    String where = method + " " + abbreviate(url) + " [" + what + "]";
    try {
      Response r = caller.send(method, url, body, json ? "application/json" : null);
      if (r.status() >= 500) {
        failures.add(where + " → " + r.status() + " " + abbreviate(r.text()));
      } else if (r.status() >= 400 && !r.contentType().startsWith("application/problem+json")) {
        failures.add(where + " → " + r.status() + " as " + r.contentType());
      } else if (r.status() >= 400 && r.at("/status").asInt() != r.status()) {
        failures.add(where + " → " + r.status() + " whose problem says status " + r.at("/status"));
      }
    } catch (AssertionError | RuntimeException e) {
      failures.add(where + " → " + abbreviate(String.valueOf(e.getMessage())));
    }
  }

  /** A tenant of its own with limits high enough that the run is not rate-limited away. */
  private Api fuzzTenant() {
    Response r = new Operator(api).api().post("/admin/v1/tenants", Map.of("tenant", Map.of("name", "Fuzz",
        "limits", Map.of("keyRequestsPerMinute", 1_000_000, "tenantRequestsPerMinute", 1_000_000))));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return api.withKey(r.at("/apiKey/secret").stringValue());
  }

  /** Real entities for {id} in the paths of their area, so that variants reach past the lookup. */
  private static Map<String, String> realIds(Api api) {
    Fixtures fixtures = new Fixtures(api);
    String schedule = fixtures.schedule(Map.of("name", "Fuzzed", "timeZone", "Europe/Berlin"));
    Response event = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule, "title", "Weekly",
        "start", Map.of("localDate", "2027-01-04T10:00:00"), "end", Map.of("localDate", "2027-01-04T11:00:00"),
        "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("MONDAY")))));
    assertThat(event.status()).as(event.toString()).isEqualTo(200);
    Response webhook = api.post("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/fuzzed", "eventTypes", List.of("wix.calendar.v3.schedule.created")));
    assertThat(webhook.status()).as(webhook.toString()).isLessThan(300);
    Response feed = api.post("/v1/calendar-feeds", Map.of("feed", Map.of("scheduleId", schedule, "privacy", "FULL")));
    assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("/calendar/v3/schedules/", schedule);
    ids.put("/calendar/v3/events/", event.at("/event/id").stringValue());
    ids.put("/v1/webhooks/", webhook.at("/webhook/id").stringValue());
    ids.put("/v1/calendar-feeds/", feed.at("/feed/id").stringValue());
    return ids;
  }

  private static String url(String path, List<JsonNode> parameters, Map<String, String> ids, String hostileName, String hostileValue) {
    StringBuilder url = new StringBuilder();
    String real = ids.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst()
        .orElse(UUID.randomUUID().toString());
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      url.append('/');
      if (segment.startsWith("{")) {
        String name = segment.substring(1, segment.length() - 1);
        url.append(name.equals(hostileName) ? hostileValue : name.equals("id") ? real : sampleParameter(name));
      } else {
        url.append(segment);
      }
    }
    List<String> query = new ArrayList<>();
    for (JsonNode p : parameters) {
      if (p.get("in").stringValue().equals("query")) {
        String name = p.get("name").stringValue();
        if (name.equals(hostileName)) {
          query.add(name + "=" + hostileValue);
        } else if (p.path("required").asBoolean()) {
          query.add(name + "=" + URLEncoder.encode(sampleParameter(name), StandardCharsets.UTF_8));
        }
      }
    }
    return query.isEmpty() ? url.toString() : url + "?" + String.join("&", query);
  }

  private static String sampleParameter(String name) {
    return switch (name) {
      case "startDate", "from" -> "2027-01-04";
      case "endDate", "to" -> "2027-01-11";
      case "email" -> "someone@example.com";
      default -> UUID.randomUUID().toString();
    };
  }

  /** A body the schema describes: the first enum value, a date for date-looking names, one element per array. */
  private static JsonNode sample(JsonNode doc, JsonNode schema, int depth) {
    JsonNode s = resolve(doc, schema);
    if (s.has("enum")) {
      return s.get("enum").get(0);
    }
    String type = type(s);
    return switch (type) {
      case "string" -> NODES.stringNode("x");
      case "integer" -> NODES.numberNode(1);
      case "number" -> NODES.numberNode(1.5);
      case "boolean" -> NODES.booleanNode(true);
      case "array" -> depth > 4 ? NODES.arrayNode() : NODES.arrayNode().add(sample(doc, s.path("items"), depth + 1));
      default -> {
        ObjectNode o = NODES.objectNode();
        if (depth <= 4) {
          for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
            o.set(p.getKey(), sample(doc, p.getValue(), depth + 1));
          }
        }
        yield o;
      }
    };
  }

  private static String type(JsonNode s) {
    JsonNode t = s.path("type");
    if (t.isArray()) {
      for (JsonNode each : t) {
        if (!each.stringValue().equals("null")) {
          return each.stringValue();
        }
      }
    }
    return t.stringValue("object");
  }

  private static JsonNode resolve(JsonNode doc, JsonNode schema) {
    JsonNode s = schema;
    while (s.has("$ref")) {
      s = doc.at(s.get("$ref").stringValue().substring(1));
    }
    return s;
  }

  /** The schema of the member at a JSON pointer of a body sampled from {@code root}; empty when unknown. */
  private static JsonNode schemaAt(JsonNode doc, JsonNode root, String pointer) {
    JsonNode s = resolve(doc, root);
    for (String part : pointer.substring(1).split("/")) {
      s = part.chars().allMatch(Character::isDigit) ? resolve(doc, s.path("items")) : resolve(doc, s.path("properties").path(part));
    }
    return s;
  }

  private static void places(JsonNode node, String pointer, List<String[]> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> p : node.properties()) {
        String at = pointer + "/" + p.getKey();
        out.add(new String[] {at});
        places(p.getValue(), at, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String at = pointer + "/" + i;
        out.add(new String[] {at});
        places(node.get(i), at, out);
      }
    }
  }

  private static JsonNode replace(JsonNode root, String pointer, JsonNode value) {
    int cut = pointer.lastIndexOf('/');
    JsonNode parent = cut == 0 ? root : root.at(pointer.substring(0, cut));
    String last = pointer.substring(cut + 1);
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
    } else if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(last), value);
    }
    return root;
  }

  private static JsonNode deep(int depth) {
    ArrayNode top = NODES.arrayNode();
    ArrayNode at = top;
    for (int i = 0; i < depth; i++) {
      ArrayNode next = NODES.arrayNode();
      at.add(next);
      at = next;
    }
    return top;
  }

  private static String write(JsonNode body) {
    return WRITER.writeValueAsString(body);
  }

  private static String abbreviate(String s) {
    return s.length() <= 600 ? s : s.substring(0, 600) + "…(" + s.length() + ")";
  }
}
