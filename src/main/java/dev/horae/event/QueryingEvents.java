package dev.horae.event;

import static dev.horae.shared.query.Operator.EQ;
import static dev.horae.shared.query.Operator.EXISTS;
import static dev.horae.shared.query.Operator.GT;
import static dev.horae.shared.query.Operator.GTE;
import static dev.horae.shared.query.Operator.HAS_ALL;
import static dev.horae.shared.query.Operator.HAS_SOME;
import static dev.horae.shared.query.Operator.IN;
import static dev.horae.shared.query.Operator.LT;
import static dev.horae.shared.query.Operator.LTE;
import static dev.horae.shared.query.Operator.NE;

import dev.horae.event.EventEnums.EventStatus;
import dev.horae.event.EventEnums.EventType;
import dev.horae.event.EventEnums.RecurrenceType;
import dev.horae.event.EventEnums.Transparency;
import dev.horae.schedule.Location;
import dev.horae.shared.Rejection;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.shared.TextFormats;
import dev.horae.shared.TimeZones;
import dev.horae.shared.Violations;
import dev.horae.shared.query.Cursors;
import dev.horae.shared.query.FilterField;
import dev.horae.shared.query.FilterField.ValueKind;
import dev.horae.shared.query.FilterTranslator;
import dev.horae.shared.query.Page;
import dev.horae.shared.query.PageLimit;
import dev.horae.shared.query.SqlCondition;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Query Events. An event is in the window when it overlaps it: {@code end > from} and {@code
 * start < to}, with from/to read as wall time in the request's time zone. MASTER events only when
 * asked for; WORKING_HOURS only when the filter names {@code type}. Sorted by start ascending or by
 * end descending, with the id as tie-breaker; paged by a keyset cursor, so a page never repeats an
 * event and events inserted meanwhile are never the reason another is skipped.
 */
@Component
public class QueryingEvents {
  static final PageLimit LIMIT = new PageLimit(50, 1000);
  static final List<RecurrenceType> DEFAULT_TYPES = List.of(RecurrenceType.NONE, RecurrenceType.INSTANCE, RecurrenceType.EXCEPTION);
  private static final int MAX_RECURRENCE_TYPES = 5;

  static final Map<String, FilterField> FIELDS =
      Map.ofEntries(
          Map.entry("appId", FilterField.of("e.app_id", ValueKind.TEXT, EQ, IN)),
          Map.entry("scheduleId", FilterField.of("e.schedule_id", ValueKind.UUID, EQ, IN)),
          Map.entry("externalScheduleId", FilterField.of("e.external_schedule_id", ValueKind.TEXT, EQ, IN)),
          Map.entry("type", FilterField.ofEnum("e.type", names(EventType.values()), EQ, IN)),
          Map.entry("status", FilterField.ofEnum("e.status", names(EventStatus.values()), EQ, IN)),
          Map.entry("recurringEventId", FilterField.of("e.recurring_event_id", ValueKind.TEXT, EQ, IN)),
          Map.entry("transparency", FilterField.ofEnum("e.transparency", names(Transparency.values()), EQ)),
          Map.entry("location", FilterField.of("e.location", ValueKind.PRESENCE, EXISTS)),
          Map.entry("location.type", FilterField.ofEnum("e.location_type", names(Location.LocationType.values()), EQ, IN)),
          Map.entry("location.id", FilterField.of("e.location_id", ValueKind.TEXT, EQ, IN)),
          Map.entry("resources.id", FilterField.of("e.resource_ids", ValueKind.TEXT_ARRAY, HAS_SOME, HAS_ALL)),
          Map.entry("resources.type", FilterField.of("e.resource_types", ValueKind.TEXT_ARRAY, HAS_SOME, HAS_ALL)),
          Map.entry("resources.scheduleId", FilterField.of("e.resource_schedule_ids", ValueKind.TEXT_ARRAY, HAS_SOME, HAS_ALL)),
          Map.entry("resources.transparency", FilterField.of("e.resource_transparencies", ValueKind.TEXT_ARRAY, HAS_SOME, HAS_ALL)),
          Map.entry("totalCapacity", FilterField.of("e.total_capacity", ValueKind.INTEGER, EQ, NE, GT, LT, GTE, LTE, EXISTS)),
          Map.entry("remainingCapacity", FilterField.of("e.remaining_capacity", ValueKind.INTEGER, EQ, NE, GT, LT, GTE, LTE)),
          Map.entry("participants.total", FilterField.of("e.participants_total", ValueKind.INTEGER, EQ, NE, GT, LT, GTE, LTE)),
          Map.entry("conferencingDetails", FilterField.of("e.conferencing", ValueKind.PRESENCE, EXISTS)));
  private static final FilterTranslator FILTER = new FilterTranslator(FIELDS, "query.filter");

  private final EventRepository events;
  private final Cursors cursors;

  QueryingEvents(EventRepository events, Cursors cursors) {
    this.events = events;
    this.cursors = cursors;
  }

  /** The two orders Calendar V3 supports. */
  enum Order {
    START_ASC("e.start_utc", "asc", ">"),
    END_DESC("e.end_utc", "desc", "<");

    final String column;
    final String direction;
    final String after;

    Order(String column, String direction, String after) {
      this.column = column;
      this.direction = direction;
      this.after = after;
    }
  }

  /** A page's continuation: the normalised query and the sort key of the last event returned. */
  record Cursor(
      Instant from, Instant to, List<RecurrenceType> types, JsonNode filter, Order order, Instant lastKey, String lastId) {}

  public record Result(Page<EventEntry> page, ZoneId timeZone) {}

  /**
   * One page of a query. It reads with one statement, atomic on its own, so it runs outside a
   * transaction: that saves the BEGIN and COMMIT round trips of every query (issue 22).
   */
  public Result query(TenantId tenant, EventQuery q) {
    int limit = LIMIT.resolve(q.limit(), "query.cursorPaging.limit");
    ZoneId zone = zone(q.timeZone());
    Cursor c = q.cursor() != null
        ? cursors.decode(q.cursor(), Cursor.class, "query.cursorPaging.cursor")
        : first(q, zone);
    if (c.order() == null || c.types() == null || c.types().isEmpty() || c.types().stream().anyMatch(java.util.Objects::isNull)) {
      throw Rejection.invalid("query.cursorPaging.cursor", "is not a cursor this API issued");
    }
    SqlCondition filter = FILTER.translate(c.filter());
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("e.tenant_id = ?");
    params.add(tenant.value());
    sql.append(" and e.recurrence_type in (")
        .append(String.join(", ", c.types().stream().map(t -> "'" + t.name() + "'").toList()))
        .append(")");
    if (!filter.fields().contains("type")) {
      sql.append(" and e.type <> 'WORKING_HOURS'");
    }
    if (c.from() != null) {
      sql.append(" and e.end_utc > ?");
      params.add(Instants.utc(c.from()));
    }
    if (c.to() != null) {
      sql.append(" and e.start_utc < ?");
      params.add(Instants.utc(c.to()));
    }
    if (c.from() != null || c.to() != null) {
      // the same window again as a range overlap, which the GiST index event_schedule_during answers
      sql.append(" and tstzrange(e.start_utc, e.end_utc, '[)') && tstzrange(?, ?, '[)')");
      params.add(c.from() == null ? null : Instants.utc(c.from()));
      params.add(c.to() == null ? null : Instants.utc(c.to()));
    }
    sql.append(" and ").append(filter.sql());
    params.addAll(filter.params());
    Order o = c.order();
    if (c.lastKey() != null) {
      sql.append(" and (").append(o.column).append(", e.id) ").append(o.after).append(" (?, ?)");
      params.add(Instants.utc(c.lastKey()));
      params.add(c.lastId());
    }
    sql.append(" order by ").append(o.column).append(' ').append(o.direction)
        .append(", e.id ").append(o.direction).append(" limit ").append(limit + 1);
    List<EventEntry> found = events.query(sql.toString(), params);
    if (found.size() <= limit) {
      return new Result(new Page<>(found, null), zone);
    }
    List<EventEntry> page = found.subList(0, limit);
    Event last = page.get(limit - 1).event();
    Instant key = o == Order.START_ASC ? last.start() : last.end();
    String next = cursors.encode(new Cursor(c.from(), c.to(), c.types(), c.filter(), o, key, last.id()));
    return new Result(new Page<>(page, next), zone);
  }

  private static ZoneId zone(String timeZone) {
    return TimeZones.parseOptional(timeZone, "timeZone");
  }

  private Cursor first(EventQuery q, ZoneId requested) {
    Violations v = new Violations();
    ZoneId zone = requested == null ? ZoneId.of("UTC") : requested;
    Order order = order(q.sort(), v);
    Instant from = local(q.fromLocalDate(), "fromLocalDate", zone, v);
    Instant to = local(q.toLocalDate(), "toLocalDate", zone, v);
    List<RecurrenceType> types = q.recurrenceType() == null || q.recurrenceType().isEmpty() ? DEFAULT_TYPES : q.recurrenceType();
    v.check(types.size() <= MAX_RECURRENCE_TYPES, "recurrenceType", "may hold at most " + MAX_RECURRENCE_TYPES + " values");
    v.check(types.stream().noneMatch(java.util.Objects::isNull), "recurrenceType", "must not contain null");
    if (from != null && to != null && !from.isBefore(to)) {
      if (order == Order.END_DESC && to.isBefore(from)) {
        Instant swap = from;
        from = to;
        to = swap;
      } else {
        v.add("toLocalDate", "must be later than fromLocalDate (unless sorting by end descending)");
      }
    }
    v.throwIfAny();
    return new Cursor(from, to, List.copyOf(EnumSet.copyOf(types)), q.filter(), order, null, null);
  }

  private static Order order(List<EventQuery.Sort> sort, Violations v) {
    if (sort == null || sort.isEmpty()) {
      return Order.START_ASC;
    }
    if (sort.size() > 1 || sort.get(0) == null) {
      v.add("query.sort", "takes one sort: start ASC or end DESC");
      return Order.START_ASC;
    }
    EventQuery.Sort s = sort.get(0);
    String order = s.order() == null ? "ASC" : s.order();
    if ("start".equals(s.fieldName()) && "ASC".equals(order)) {
      return Order.START_ASC;
    }
    if ("end".equals(s.fieldName()) && "DESC".equals(order)) {
      return Order.END_DESC;
    }
    v.add("query.sort[0]", "supports only start ASC or end DESC, not " + s.fieldName() + " " + order);
    return Order.START_ASC;
  }

  /**
   * A bound of the window: a local date-time in the request's zone, or an instant with an offset or
   * {@code Z} as Get Events View answers {@code endDate} (so that value can be passed on verbatim).
   */
  private static Instant local(String value, String field, ZoneId zone, Violations v) {
    if (value == null) {
      return null;
    }
    return EventTimes.bound(value, field, zone, v, TextFormats.LOCAL_OR_OFFSET_DATE_TIME_SAYS);
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
