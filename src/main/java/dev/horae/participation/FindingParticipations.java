package dev.horae.participation;

import static dev.horae.shared.query.Operator.EQ;
import static dev.horae.shared.query.Operator.IN;

import dev.horae.shared.Rejection;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.shared.query.Cursors;
import dev.horae.shared.query.FilterField;
import dev.horae.shared.query.FilterField.ValueKind;
import dev.horae.shared.query.FilterTranslator;
import dev.horae.shared.query.Page;
import dev.horae.shared.query.PageLimit;
import dev.horae.shared.query.SqlCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Get and Query Participations: filters {@code id} ($in), {@code eventId}, {@code scheduleId},
 * {@code externalId} ($eq/$in); newest first (createdDate DESC, as the REST docs say).
 */
@Component
class FindingParticipations {
  static final PageLimit LIMIT = new PageLimit(50, 100);
  private static final FilterTranslator FILTER = new FilterTranslator(
      Map.of(
          "id", FilterField.of("id", ValueKind.UUID, IN),
          "eventId", FilterField.of("event_id", ValueKind.TEXT, EQ, IN),
          "scheduleId", FilterField.of("schedule_id", ValueKind.UUID, EQ, IN),
          "externalId", FilterField.of("external_id", ValueKind.TEXT, EQ, IN)),
      "query.filter");

  private final ParticipationRepository participations;
  private final Cursors cursors;

  FindingParticipations(ParticipationRepository participations, Cursors cursors) {
    this.participations = participations;
    this.cursors = cursors;
  }

  record Cursor(JsonNode filter, Instant lastCreated, UUID lastId) {}

  Participation get(TenantId tenant, UUID id) {
    return participations.find(tenant, id).orElseThrow(() -> Rejection.notFound("Participation", id));
  }

  @Transactional(readOnly = true)
  Page<Participation> query(TenantId tenant, JsonNode filter, Integer limit, String cursor) {
    int size = LIMIT.resolve(limit, "query.cursorPaging.limit");
    Cursor c = cursor == null ? new Cursor(filter, null, null) : cursors.decode(cursor, Cursor.class, "query.cursorPaging.cursor");
    SqlCondition condition = FILTER.translate(c.filter());
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    params.addAll(condition.params());
    String where = "tenant_id = ? and " + condition.sql();
    if (c.lastId() != null) {
      where += " and (created_at, id) < (?, ?)";
      params.add(Instants.utc(c.lastCreated()));
      params.add(c.lastId());
    }
    List<Participation> found = participations.query(where, params, size + 1);
    if (found.size() <= size) {
      return new Page<>(found, null);
    }
    List<Participation> page = found.subList(0, size);
    Participation last = page.get(size - 1);
    return new Page<>(page, cursors.encode(new Cursor(c.filter(), last.createdDate(), last.id())));
  }
}
