package dev.horae.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bookings Resources V2 over HTTP, and the one model behind it and OnSched's /setup/v1/resources:
 * a resource made through one API is read, changed and deleted through the other.
 */
class WixResourcesIT extends ApiTest {

  private Response create(Map<String, Object> fields) {
    Response r = api.post("/bookings/v2/resources", Map.of("resource", fields));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r;
  }

  private List<String> types(String since) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : api.changes()) {
      if (c.get("entityId").stringValue().equals(since)) {
        out.add(c.get("type").stringValue());
      }
    }
    return out;
  }

  @Test
  void create_get_update_with_revision_delete_and_the_domain_events() {
    String type = UUID.randomUUID().toString();
    Response made = create(Map.of("name", "Room 1", "typeId", type, "extendedFields", Map.of("namespaces", Map.of("app", Map.of("floor", 2)))));
    JsonNode r = made.json().get("resource");
    String id = r.get("id").stringValue();
    assertThat(r.get("revision").stringValue()).isEqualTo("1");
    assertThat(r.get("typeId").stringValue()).isEqualTo(type);
    assertThat(r.get("appId").stringValue()).isEqualTo(WixResources.BOOKINGS_APP_ID);
    assertThat(r.at("/locationOptions/availableInAllLocations").booleanValue()).isTrue();
    assertThat(r.at("/extendedFields/namespaces/app/floor").intValue()).isEqualTo(2);
    String schedule = r.at("/eventsSchedule/scheduleId").stringValue();
    assertThat(api.get("/calendar/v3/schedules/" + schedule).at("/schedule/name").stringValue()).isEqualTo("Room 1");
    assertThat(api.get("/bookings/v2/resources/" + id).at("/resource/name").stringValue()).isEqualTo("Room 1");

    Response stale = api.patch("/bookings/v2/resources/" + id, Map.of("resource", Map.of("revision", "7", "name", "Room 2")));
    assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
    Response noRevision = api.patch("/bookings/v2/resources/" + id, Map.of("resource", Map.of("name", "Room 2")));
    assertThat(noRevision.status()).isEqualTo(400);
    assertThat(noRevision.text()).contains("resource.revision");
    Response retype = api.patch("/bookings/v2/resources/" + id, Map.of("resource", Map.of("revision", "1", "typeId", UUID.randomUUID().toString())));
    assertThat(retype.status()).isEqualTo(400);
    assertThat(retype.text()).contains("resource.typeId");
    Response renamed = api.patch("/bookings/v2/resources/" + id, Map.of("resource", Map.of("revision", "1", "name", "Room 2", "typeId", type)));
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    assertThat(renamed.at("/resource/revision").stringValue()).isEqualTo("2");
    assertThat(renamed.at("/resource/extendedFields/namespaces/app/floor").intValue()).as("absent fields keep their value").isEqualTo(2);
    Response masked = api.patch("/bookings/v2/resources/" + id, Map.of("resource", Map.of("revision", "2", "name", "Ignored", "extendedFields",
        Map.of()), "fieldMask", "extendedFields"));
    assertThat(masked.at("/resource/name").stringValue()).as("outside the field mask").isEqualTo("Room 2");
    assertThat(masked.at("/resource/extendedFields").size()).isZero();

    assertThat(api.delete("/bookings/v2/resources/" + id).status()).isEqualTo(200);
    assertThat(api.get("/bookings/v2/resources/" + id).status()).isEqualTo(404);
    assertThat(api.delete("/bookings/v2/resources/" + id).status()).isEqualTo(404);
    assertThat(api.get("/bookings/v2/resources/not-a-guid").status()).isEqualTo(404);
    assertThat(types(id)).containsExactly("onsched.setup.v1.resource.created", "wix.bookings.resources.v2.resource.created",
        "onsched.setup.v1.resource.updated", "wix.bookings.resources.v2.resource.updated",
        "onsched.setup.v1.resource.updated", "wix.bookings.resources.v2.resource.updated",
        "onsched.setup.v1.resource.updated", "wix.bookings.resources.v2.resource.deleted");
  }

  @Test
  void bad_fields_are_400s_naming_them() {
    Map<Map<String, Object>, String> cases = new HashMap<>();
    cases.put(Map.of(), "resource.name");
    cases.put(Map.of("name", "x".repeat(41)), "resource.name");
    cases.put(Map.of("name", "Ok", "typeId", "room"), "resource.typeId");
    cases.put(Map.of("name", "Ok", "appId", "not-a-guid"), "resource.appId");
    cases.put(Map.of("name", "Ok", "locationOptions", Map.of("specificLocationOptions", Map.of("businessLocations", List.of(Map.of("locationId", "l1"))))),
        "resource.locationOptions.specificLocationOptions.availableInBusinessLocations");
    cases.forEach((fields, field) -> {
      Response r = api.post("/bookings/v2/resources", Map.of("resource", fields));
      assertThat(r.status()).as(fields.toString()).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.text()).as(fields.toString()).contains(field);
    });
    assertThat(api.post("/bookings/v2/resources", Map.of()).status()).isEqualTo(400);
  }

  @Test
  void one_model_two_apis() {
    // made through Resources V2, read, changed and deleted through OnSched
    String wix = create(Map.of("name", "Projector")).at("/resource/id").stringValue();
    Response onsched = api.get("/setup/v1/resources/" + wix);
    assertThat(onsched.status()).isEqualTo(200);
    assertThat(onsched.at("/name").stringValue()).isEqualTo("Projector");
    Response put = api.send("PUT", "/setup/v1/resources/" + wix, Map.of("name", "Beamer", "timezoneIana", "Europe/Berlin"), "application/json");
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    JsonNode read = api.get("/bookings/v2/resources/" + wix).json().get("resource");
    assertThat(read.get("name").stringValue()).isEqualTo("Beamer");
    assertThat(read.get("revision").stringValue()).as("an OnSched update is a revision too").isEqualTo("2");
    assertThat(api.delete("/setup/v1/resources/" + wix).status()).isEqualTo(200);
    assertThat(api.get("/bookings/v2/resources/" + wix).status()).isEqualTo(404);
    assertThat(api.send("PUT", "/setup/v1/resources/" + wix + "/recover", null, "application/json").status()).isEqualTo(200);
    assertThat(api.get("/bookings/v2/resources/" + wix).at("/resource/name").stringValue()).isEqualTo("Beamer");

    // made through OnSched, read, changed and deleted through Resources V2
    Response made = api.post("/setup/v1/resources", Map.of("name", "Dr. Who", "email", "who@example.com"));
    String id = made.at("/id").stringValue();
    JsonNode v2 = api.get("/bookings/v2/resources/" + id).json().get("resource");
    assertThat(v2.get("name").stringValue()).isEqualTo("Dr. Who");
    assertThat(v2.at("/eventsSchedule/scheduleId").stringValue()).isEqualTo(made.at("/scheduleId").stringValue());
    Response patched = api.patch("/bookings/v2/resources/" + id, Map.of("resource", Map.of("revision", v2.get("revision").stringValue(), "name", "Dr. Watson")));
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    Response back = api.get("/setup/v1/resources/" + id);
    assertThat(back.at("/name").stringValue()).isEqualTo("Dr. Watson");
    assertThat(back.at("/email").stringValue()).as("what Resources V2 does not carry is kept").isEqualTo("who@example.com");
    assertThat(api.delete("/bookings/v2/resources/" + id).status()).isEqualTo(200);
    assertThat(api.get("/setup/v1/resources/" + id).at("/deletedStatus").booleanValue()).isTrue();
  }

  @Test
  void query_filters_sorts_and_pages_with_a_cursor_and_count_agrees() {
    String type = UUID.randomUUID().toString();
    List<String> ids = new ArrayList<>();
    for (String name : List.of("Q-c", "Q-a", "Q-e", "Q-b", "Q-d")) {
      ids.add(create(Map.of("name", name, "typeId", type)).at("/resource/id").stringValue());
    }
    create(Map.of("name", "Q-untyped"));
    Map<String, Object> filter = Map.of("typeId", type);
    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<String, Object> query = new HashMap<>(Map.of("cursorPaging", cursor == null ? Map.of("limit", 2) : Map.of("limit", 2, "cursor", cursor)));
      if (cursor == null) {
        query.put("filter", filter);
        query.put("sort", List.of(Map.of("fieldName", "name", "order", "DESC")));
      }
      Response page = api.post("/bookings/v2/resources/query", Map.of("query", query));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      page.json().get("resources").forEach(r -> names.add(r.get("name").stringValue()));
      JsonNode next = page.at("/pagingMetadata/cursors/next");
      cursor = next.isNull() || next.isMissingNode() ? null : next.stringValue();
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(names).containsExactly("Q-e", "Q-d", "Q-c", "Q-b", "Q-a");
    assertThat(pages).isEqualTo(3);

    Response byId = api.post("/bookings/v2/resources/query", Map.of("query", Map.of("filter", Map.of("id", Map.of("$in", ids.subList(0, 2))))));
    assertThat(byId.json().get("resources").size()).isEqualTo(2);
    Response untyped = api.post("/bookings/v2/resources/query", Map.of("query", Map.of("filter",
        Map.of("typeId", Map.of("$exists", false), "name", Map.of("$eq", "Q-untyped")))));
    assertThat(untyped.json().get("resources").size()).isEqualTo(1);
    Response prefix = api.post("/bookings/v2/resources/query", Map.of("query", Map.of("filter", Map.of("typeId", Map.of("$startsWith", type.substring(0, 8))))));
    assertThat(prefix.json().get("resources").size()).isEqualTo(5);
    Response after = api.post("/bookings/v2/resources/query", Map.of("query", Map.of("filter", Map.of("typeId", type,
        "createdDate", Map.of("$gte", "2000-01-01T00:00:00Z")), "sort", List.of(Map.of("fieldName", "createdDate")))));
    assertThat(after.json().get("resources").size()).isEqualTo(5);
    Response schedule = api.post("/bookings/v2/resources/query", Map.of("query", Map.of("filter",
        Map.of("eventsSchedule.scheduleId", api.get("/bookings/v2/resources/" + ids.get(0)).at("/resource/eventsSchedule/scheduleId").stringValue()))));
    assertThat(schedule.json().get("resources").valueStream().map(r -> r.get("id").stringValue()).toList()).containsExactly(ids.get(0));

    assertThat(api.post("/bookings/v2/resources/count", Map.of("filter", filter)).at("/count").intValue()).isEqualTo(5);
    assertThat(api.post("/bookings/v2/resources/count", Map.of("filter", Map.of("typeId", Map.of("$nin", List.of(type)), "name",
        Map.of("$in", List.of("Q-untyped", "Q-a"))))).at("/count").intValue()).isEqualTo(1);

    for (Map<String, Object> bad : List.of(Map.<String, Object>of("filter", Map.of("color", "red")),
        Map.<String, Object>of("filter", Map.of("name", Map.of("$gt", "a"))), Map.<String, Object>of("sort", List.of(Map.of("fieldName", "email"))),
        Map.<String, Object>of("filter", Map.of("createdDate", Map.of("$gt", "yesterday"))), Map.<String, Object>of("cursorPaging", Map.of("cursor", "forged")))) {
      Response r = api.post("/bookings/v2/resources/query", Map.of("query", bad));
      assertThat(r.status()).as(bad.toString()).isEqualTo(400);
    }
  }

  @Test
  void bulk_create_update_and_delete_answer_per_item() {
    Response created = api.post("/bookings/v2/bulk/resources/create", Map.of("resources", List.of(Map.of("name", "B-1"), Map.of("name", ""),
        Map.of("name", "B-3")), "returnEntity", true));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    JsonNode results = created.json().get("results");
    assertThat(results.size()).isEqualTo(3);
    assertThat(results.get(0).at("/itemMetadata/success").booleanValue()).isTrue();
    assertThat(results.get(0).at("/item/name").stringValue()).isEqualTo("B-1");
    assertThat(results.get(1).at("/itemMetadata/success").booleanValue()).isFalse();
    assertThat(results.get(1).at("/itemMetadata/originalIndex").intValue()).isEqualTo(1);
    assertThat(results.get(1).at("/itemMetadata/error/description").stringValue()).contains("resources[1].name");
    assertThat(created.at("/bulkActionMetadata/totalSuccesses").intValue()).isEqualTo(2);
    assertThat(created.at("/bulkActionMetadata/totalFailures").intValue()).isEqualTo(1);
    String first = results.get(0).at("/itemMetadata/id").stringValue();
    String third = results.get(2).at("/itemMetadata/id").stringValue();

    Response updated = api.post("/bookings/v2/bulk/resources/update", Map.of("resources", List.of(
        Map.of("resource", Map.of("id", first, "revision", "1", "name", "B-1b")),
        Map.of("resource", Map.of("id", third, "revision", "9", "name", "B-3b")))));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.at("/results/0/item/name").stringValue()).isEqualTo("B-1b");
    assertThat(updated.at("/results/1/itemMetadata/success").booleanValue()).isFalse();
    assertThat(updated.at("/results/1/itemMetadata/id").stringValue()).isEqualTo(third);
    assertThat(updated.at("/results/1/itemMetadata/error/code").stringValue()).isEqualTo("REVISION_MISMATCH");
    assertThat(api.get("/bookings/v2/resources/" + third).at("/resource/name").stringValue()).isEqualTo("B-3");

    Response deleted = api.post("/bookings/v2/bulk/resources/delete", Map.of("ids", List.of(first, UUID.randomUUID().toString())));
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.at("/results/0/itemMetadata/success").booleanValue()).isTrue();
    assertThat(deleted.at("/results/1/itemMetadata/success").booleanValue()).isFalse();
    assertThat(deleted.at("/results/1/itemMetadata/error/code").stringValue()).isNotBlank();
    assertThat(api.get("/bookings/v2/resources/" + first).status()).isEqualTo(404);

    assertThat(api.post("/bookings/v2/bulk/resources/create", Map.of("resources", List.of())).status()).isEqualTo(400);
    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      tooMany.add(Map.of("name", "N" + i));
    }
    assertThat(api.post("/bookings/v2/bulk/resources/create", Map.of("resources", tooMany)).status()).isEqualTo(400);
  }
}
