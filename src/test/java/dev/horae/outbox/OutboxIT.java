package dev.horae.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Schedules, events and participations record their domain events, in order, with revisions. */
class OutboxIT extends ApiTest {
  @Autowired JdbcClient jdbc;

  @Test
  void schedule_event_and_participation_changes_are_recorded_in_sequence() {
    long mark = last();
    Fixtures fixtures = new Fixtures(api);
    String schedule = fixtures.schedule(Map.of("timeZone", "UTC", "defaultCapacity", 5));
    api.patch("/calendar/v3/schedules/" + schedule, Map.of("schedule", Map.of("id", schedule, "revision", "1", "name", "Renamed")));
    JsonNode event = fixtures.event(schedule, "2030-05-06T10:00:00", "2030-05-06T11:00:00", Map.of());
    String eventId = event.get("id").stringValue();
    Response participation = api.post("/calendar/v3/participations", Map.of("participation", Map.of(
        "eventId", eventId, "participant", Map.of("name", "Ada"), "partySize", 2)));
    assertThat(participation.status()).as(participation.toString()).isEqualTo(200);
    String participationId = participation.at("/participation/id").stringValue();
    assertThat(api.delete("/calendar/v3/participations/" + participationId).status()).isEqualTo(200);
    api.post("/calendar/v3/schedules/" + schedule + "/cancel", Map.of("revision", "2"));

    List<Map<String, Object>> rows = after(mark);
    assertThat(rows).extracting(r -> r.get("entity_fqdn").toString().replace("wix.calendar.v3.", "") + "/" + r.get("slug") + "@" + r.get("entity_revision"))
        .containsExactly(
            "schedule/created@1", "schedule/updated@2",
            "event/created@1",
            "event/updated@2", "participation/created@1",
            "event/updated@3", "participation/deleted@1",
            "schedule/updated@3", "schedule/cancelled@3",
            "event/updated@4", "event/cancelled@4");
    for (int i = 0; i < rows.size(); i++) {
      assertThat(((Number) rows.get(i).get("sequence")).longValue()).isEqualTo(mark + 1 + i);
    }
    assertThat(rows.get(3).get("payload").toString()).contains("\"remainingCapacity\": 3");
  }

  @Test
  void concurrent_writers_of_one_tenant_get_distinct_gapless_sequences() throws Exception {
    Fixtures fixtures = new Fixtures(api);
    long mark = last();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> made = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      made.add(pool.submit(() -> fixtures.schedule(Map.of())));
    }
    for (Future<String> f : made) {
      f.get();
    }
    pool.shutdown();
    List<Long> sequences = after(mark).stream().map(r -> ((Number) r.get("sequence")).longValue()).toList();
    assertThat(sequences).hasSize(40);
    for (int i = 0; i < sequences.size(); i++) {
      assertThat(sequences.get(i)).isEqualTo(mark + 1 + i);
    }
  }

  private long last() {
    return jdbc.sql("select coalesce(max(sequence), 0) from domain_event where tenant_id = ?").params(tenant.id().value()).query(Long.class).single();
  }

  private List<Map<String, Object>> after(long sequence) {
    return jdbc.sql("select sequence, entity_fqdn, slug, entity_revision, payload::text as payload from domain_event"
            + " where tenant_id = ? and sequence > ? and entity_fqdn <> 'wix.calendar.v3.events_view' order by sequence")
        .params(tenant.id().value(), sequence).query().listOfRows();
  }
}
