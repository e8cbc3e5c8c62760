package dev.horae.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every request example of the served document is a call that works, once its ids are the caller's own. */
class OpenApiExamplesIT extends ApiTest {

  @Test
  void every_documented_example_is_answered_2xx() {
    JsonNode doc = api.withKey(null).get("/v3/api-docs").json();
    Fixtures fixtures = new Fixtures(api);
    String schedule = fixtures.schedule(Map.of("name", "Examples", "timeZone", "Europe/Berlin"));
    Response event = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", schedule, "title", "Class", "totalCapacity", 10,
        "start", Map.of("localDate", "2027-01-04T10:00:00"), "end", Map.of("localDate", "2027-01-04T11:00:00"))));
    assertThat(event.status()).as(event.toString()).isEqualTo(200);
    Response service = api.post("/setup/v1/services", Map.of("name", "Talk", "duration", 30));
    assertThat(service.status()).as(service.toString()).isEqualTo(200);
    String serviceId = service.at("/id").stringValue();
    Response resource = api.post("/setup/v1/resources", Map.of("name", "Desk", "timezoneIana", "Europe/Berlin", "serviceIds", List.of(serviceId),
        "availability", Map.of("tue", Map.of("startTime", 900, "endTime", 1700))));
    assertThat(resource.status()).as(resource.toString()).isEqualTo(200);
    Map<String, String> real = new LinkedHashMap<>();
    real.put(ApiContract.EXAMPLE_SCHEDULE, schedule);
    real.put(ApiContract.EXAMPLE_EVENT, event.at("/event/id").stringValue());
    real.put(ApiContract.EXAMPLE_SERVICE, serviceId);
    real.put(ApiContract.EXAMPLE_RESOURCE, resource.at("/id").stringValue());

    int sent = 0;
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        JsonNode example = op.getValue().at("/requestBody/content/application~1json/example");
        if (example.isMissingNode()) {
          continue;
        }
        String body = example.toString();
        for (Map.Entry<String, String> id : real.entrySet()) {
          body = body.replace(id.getKey(), id.getValue());
        }
        String id = op.getValue().get("operationId").stringValue();
        if (id.equals("createWebhook")) {
          body = body.replace("https://hooks.example.com/horae", "http://127.0.0.1:9/examples"); // an address this machine resolves
        }
        Response r = api.send(op.getKey().toUpperCase(), path.getKey(), body, "application/json");
        assertThat(r.status()).as(id + " with its example " + body + " → " + r).isBetween(200, 299);
        sent++;
      }
    }
    assertThat(sent).as("examples sent").isGreaterThanOrEqualTo(ApiContract.EXAMPLES.size());
    for (String id : List.of("createSchedule", "createEvent", "queryEvents", "createParticipation", "createWebhook", "createAppointment")) {
      assertThat(ApiContract.EXAMPLES).containsKey(id);
    }
  }
}
