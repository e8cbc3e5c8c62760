package dev.horae.schedule;

import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.query.Cursors;
import dev.horae.shared.query.FilterField;
import dev.horae.shared.query.FilterField.ValueKind;
import dev.horae.shared.query.FilterTranslator;
import dev.horae.shared.query.Page;
import dev.horae.shared.query.PageLimit;
import static dev.horae.shared.query.Operator.EQ;
import static dev.horae.shared.query.Operator.IN;
import dev.horae.shared.query.SqlCondition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Get Schedule and Query Schedules. Query filters {@code id}, {@code externalId}, {@code appId},
 * {@code status} with $eq/$in; only ACTIVE schedules unless {@code status} is filtered; ordered by
 * id, paged by a cursor that continues after the last id seen.
 */
@Component
public class FindingSchedules {
  static final PageLimit LIMIT = new PageLimit(50, 100);
  private static final List<String> STATUSES = Arrays.stream(ScheduleStatus.values()).map(Enum::name).toList();
  private static final FilterTranslator FILTER =
      new FilterTranslator(
          Map.of(
              "id", FilterField.of("id", ValueKind.UUID, EQ, IN),
              "externalId", FilterField.of("external_id", ValueKind.TEXT, EQ, IN),
              "appId", FilterField.of("app_id", ValueKind.TEXT, EQ, IN),
              "status", FilterField.ofEnum("status", STATUSES, EQ, IN)),
          "query.filter");

  private final ScheduleRepository schedules;
  private final Cursors cursors;

  FindingSchedules(ScheduleRepository schedules, Cursors cursors) {
    this.schedules = schedules;
    this.cursors = cursors;
  }

  /** What a page continues from: the original filter and the last id returned. */
  record Cursor(JsonNode filter, UUID after) {}

  public Optional<Schedule> find(TenantId tenant, UUID id) {
    return schedules.find(tenant, id);
  }

  /**
   * The schedule, share-locked for the rest of the caller's transaction: an event created or
   * changed under it can't race a concurrent Cancel Schedule.
   */
  public Schedule getAndHold(TenantId tenant, UUID id) {
    return schedules.findForShare(tenant, id).orElseThrow(() -> Rejection.notFound("Schedule", id));
  }

  /**
   * Like {@link #getAndHold}, for a change that needs an ACTIVE schedule: a cancelled one is a 428
   * {@code SCHEDULE_CANCELLED} (it takes no new events and no changes).
   */
  public Schedule getActiveAndHold(TenantId tenant, UUID id) {
    Schedule s = getAndHold(tenant, id);
    if (s.cancelled()) {
      throw Rejection.failedPrecondition("SCHEDULE_CANCELLED", "Schedule " + s.id() + " is cancelled and takes no changes");
    }
    return s;
  }

  public Schedule get(TenantId tenant, UUID id) {
    return find(tenant, id).orElseThrow(() -> Rejection.notFound("Schedule", id));
  }

  @Transactional(readOnly = true)
  public Page<Schedule> query(TenantId tenant, JsonNode filter, Integer limit, String cursor) {
    int size = LIMIT.resolve(limit, "query.cursorPaging.limit");
    Cursor from = cursor == null ? new Cursor(filter, null) : cursors.decode(cursor, Cursor.class, "query.cursorPaging.cursor");
    SqlCondition condition = FILTER.translate(from.filter());
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder("tenant_id = ? and ").append(condition.sql());
    params.add(tenant.value());
    params.addAll(condition.params());
    if (!condition.fields().contains("status")) {
      where.append(" and status = 'ACTIVE'");
    }
    if (from.after() != null) {
      where.append(" and id > ?");
      params.add(from.after());
    }
    List<Schedule> found = schedules.query(where.toString(), params, size + 1);
    if (found.size() <= size) {
      return new Page<>(found, null);
    }
    List<Schedule> page = found.subList(0, size);
    return new Page<>(page, cursors.encode(new Cursor(from.filter(), page.get(size - 1).id())));
  }
}
