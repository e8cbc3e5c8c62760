package dev.horae.event;

import dev.horae.event.EventEnums.EventStatus;
import dev.horae.event.EventEnums.EventType;
import dev.horae.event.EventEnums.InheritableField;
import dev.horae.event.EventEnums.RecurrenceType;
import dev.horae.event.EventEnums.Transparency;
import dev.horae.schedule.ConferencingDetails;
import dev.horae.schedule.Location;
import dev.horae.schedule.Permission;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.storage.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Events in PostgreSQL: the stored wall time is the truth, the UTC columns serve queries. */
@Repository
class EventRepository {
  private static final TypeReference<List<Permission>> PERMISSIONS = new TypeReference<>() {};
  private static final TypeReference<List<EventResource>> RESOURCES = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** Columns read by every select, with the schedule's name from a join ({@code s}). */
  static final String SELECT =
      "select e.*, s.name as schedule_name from event e"
          + " join schedule s on s.tenant_id = e.tenant_id and s.id = e.schedule_id";

  private static final String WRITE_COLUMNS =
      "schedule_id, external_schedule_id, app_id, type, status, title, time_zone, start_local, end_local,"
          + " start_utc, end_utc, all_day, recurrence_type, recurrence_rule, recurring_event_id, original_start_local, transparency,"
          + " location, location_type, location_id, resources, resource_ids, resource_types, resource_schedule_ids,"
          + " resource_transparencies, total_capacity, remaining_capacity, participants_total, participants_pending,"
          + " conferencing, notes, inherited_fields, permissions, extended_fields, revision, created_at, updated_at";
  private static final String WRITE_VALUES =
      ":schedule_id, :external_schedule_id, :app_id, :type, :status, :title, :time_zone, :start_local, :end_local,"
          + " :start_utc, :end_utc, :all_day, :recurrence_type, cast(:recurrence_rule as jsonb), :recurring_event_id, :original_start_local,"
          + " :transparency, cast(:location as jsonb), :location_type, :location_id, cast(:resources as jsonb),"
          + " :resource_ids, :resource_types, :resource_schedule_ids, :resource_transparencies, :total_capacity,"
          + " :remaining_capacity, :participants_total, :participants_pending, cast(:conferencing as jsonb), :notes,"
          + " :inherited_fields, cast(:permissions as jsonb), cast(:extended_fields as jsonb), :revision,"
          + " :created_at, :updated_at";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;
  private final JsonColumns json;

  EventRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named, JsonColumns json) {
    this.jdbc = jdbc;
    this.named = named;
    this.json = json;
  }

  void insert(TenantId tenant, Event e) {
    jdbc.sql("insert into event (tenant_id, id, " + WRITE_COLUMNS + ") values (:tenant_id, :id, " + WRITE_VALUES + ")")
        .params(params(tenant, e))
        .update();
  }

  /** Inserts many events in one batch (a series' instances). */
  void insertAll(TenantId tenant, List<Event> all) {
    if (all.isEmpty()) {
      return;
    }
    SqlParameterSource[] batch = all.stream().map(e -> new MapSqlParameterSource(params(tenant, e))).toArray(SqlParameterSource[]::new);
    named.batchUpdate("insert into event (tenant_id, id, " + WRITE_COLUMNS + ") values (:tenant_id, :id, " + WRITE_VALUES + ")", batch);
  }

  /** Updates many events in one batch, each only if its stored revision is still the one before. */
  void updateAll(TenantId tenant, List<Event> all) {
    if (all.isEmpty()) {
      return;
    }
    SqlParameterSource[] batch = all.stream().map(e -> {
      Map<String, Object> p = params(tenant, e);
      p.put("expected_revision", e.revision() - 1);
      return new MapSqlParameterSource(p);
    }).toArray(SqlParameterSource[]::new);
    int[] counts = named.batchUpdate(
        "update event set (" + WRITE_COLUMNS + ") = (" + WRITE_VALUES + ")"
            + " where tenant_id = :tenant_id and id = :id and revision = :expected_revision", batch);
    for (int count : counts) {
      if (count != 1 && count != java.sql.Statement.SUCCESS_NO_INFO) {
        throw new IllegalStateException("a series event changed concurrently");
      }
    }
  }

  void deleteAll(TenantId tenant, List<String> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("delete from event where tenant_id = ? and id = any(?)").params(tenant.value(), ids.toArray(String[]::new)).update();
    }
  }

  /** The INSTANCE and EXCEPTION rows of a series starting at or after {@code from}, locked, in start order. */
  List<EventEntry> occurrencesOf(TenantId tenant, String masterId, Instant from) {
    return jdbc.sql(SELECT + " where e.tenant_id = ? and e.recurring_event_id = ? and e.start_utc >= ? order by e.start_utc for update of e")
        .params(tenant.value(), masterId, Instants.utc(from))
        .query(this::row)
        .list();
  }

  /** The original starts already materialised for a series between two wall times. */
  java.util.Set<LocalDateTime> originalStarts(TenantId tenant, String masterId, LocalDateTime from, LocalDateTime to) {
    return new java.util.HashSet<>(jdbc.sql("select original_start_local from event where tenant_id = ? and recurring_event_id = ?"
            + " and original_start_local >= ? and original_start_local <= ?")
        .params(tenant.value(), masterId, from, to)
        .query((rs, n) -> rs.getObject(1, LocalDateTime.class))
        .list());
  }

  /** Active MASTER events of a schedule, whenever their series started, locked. */
  List<EventEntry> mastersOf(TenantId tenant, UUID scheduleId) {
    return jdbc.sql(SELECT + " where e.tenant_id = ? and e.schedule_id = ? and e.recurrence_type = 'MASTER' and e.status <> 'CANCELLED' for update of e")
        .params(tenant.value(), scheduleId)
        .query(this::row)
        .list();
  }

  /** Active MASTER events of a tenant (for extending the view). */
  List<EventEntry> activeMasters(TenantId tenant) {
    return jdbc.sql(SELECT + " where e.tenant_id = ? and e.recurrence_type = 'MASTER' and e.status <> 'CANCELLED'")
        .params(tenant.value())
        .query(this::row)
        .list();
  }

  /** Single events (NONE, EXCEPTION) that start in {@code [from, to)}: brought into the view by an extension. */
  List<EventEntry> nonSeriesStartingIn(TenantId tenant, Instant from, Instant to) {
    return jdbc.sql(SELECT + " where e.tenant_id = ? and e.recurrence_type in ('NONE', 'EXCEPTION') and e.start_utc >= ? and e.start_utc < ?")
        .params(tenant.value(), Instants.utc(from), Instants.utc(to))
        .query(this::row)
        .list();
  }

  /** Writes {@code e} if the stored revision is still {@code expectedRevision}. */
  boolean update(TenantId tenant, Event e, long expectedRevision) {
    Map<String, Object> p = params(tenant, e);
    p.put("expected_revision", expectedRevision);
    int n =
        jdbc.sql(
                "update event set (" + WRITE_COLUMNS + ") = (" + WRITE_VALUES + ")"
                    + " where tenant_id = :tenant_id and id = :id and revision = :expected_revision")
            .params(p)
            .update();
    return n == 1;
  }

  Optional<EventEntry> find(TenantId tenant, String id) {
    return jdbc.sql(SELECT + " where e.tenant_id = ? and e.id = ?").params(tenant.value(), id).query(this::row).optional();
  }

  /** Locks the event row until the transaction ends, so concurrent changes queue up. */
  Optional<EventEntry> findForUpdate(TenantId tenant, String id) {
    return jdbc.sql(SELECT + " where e.tenant_id = ? and e.id = ? for update of e")
        .params(tenant.value(), id)
        .query(this::row)
        .optional();
  }

  List<EventEntry> findAll(TenantId tenant, List<String> ids) {
    return jdbc.sql(SELECT + " where e.tenant_id = ? and e.id = any(?)")
        .params(tenant.value(), ids.toArray(String[]::new))
        .query(this::row)
        .list();
  }

  /**
   * A schedule's occurrences in a window (single events, instances, exceptions; cancelled ones too;
   * never WORKING_HOURS events, which say when it is open, not when it is busy),
   * and the events of other schedules that block it by naming its resource OPAQUE (V19's
   * resource_event_block, which holds only live ones).
   */
  List<EventEntry> occurrencesFor(TenantId tenant, UUID scheduleId, Instant from, Instant to) {
    // two index reads (the schedule's own events by schedule and start; the others by the block table's gist), not one OR
    String kinds = " and e.recurrence_type <> 'MASTER' and e.type <> 'WORKING_HOURS'";
    return jdbc.sql(SELECT + " where e.tenant_id = ? and e.schedule_id = ? and e.end_utc > ? and e.start_utc < ?" + kinds
            + " union all select e.*, s.name as schedule_name from resource_event_block k"
            + " join event e on e.tenant_id = k.tenant_id and e.id = k.event_id join schedule s on s.tenant_id = e.tenant_id and s.id = e.schedule_id"
            + " where k.tenant_id = ? and k.schedule_id = ? and tstzrange(k.start_utc, k.end_utc, '[)') && tstzrange(?, ?, '[)')"
            + " and e.schedule_id <> ?" + kinds
            + " order by start_utc, id")
        .params(tenant.value(), scheduleId, Instants.utc(from), Instants.utc(to), tenant.value(), scheduleId, Instants.utc(from), Instants.utc(to),
            scheduleId)
        .query(this::row)
        .list();
  }

  /**
   * A schedule's calendar objects (CalDAV): its live single events and series, never WORKING_HOURS,
   * each with its revision and its exceptions' ids and revisions ({@code id:revision}, by id; cancelled
   * instances count as exceptions), which together change whenever the object's text can.
   */
  List<ObjectVersion> objectVersions(TenantId tenant, UUID scheduleId, List<String> onlyIds) {
    // given ids are found by the primary key; the schedule is then compared as text, so that the
    // planner cannot prefer the schedule's indexes and read all of its events to keep a few
    String where = onlyIds == null ? " where e.tenant_id = ? and e.schedule_id = ?" : " where e.tenant_id = ? and e.id = any(?) and e.schedule_id::text = ?";
    List<Object> params = onlyIds == null ? List.of(tenant.value(), scheduleId)
        : List.of(tenant.value(), onlyIds.toArray(String[]::new), scheduleId.toString());
    return jdbc.sql("select e.id, e.revision, e.recurrence_type, (select string_agg(x.id || ':' || x.revision, ',' order by x.id) from event x"
            + " where x.tenant_id = e.tenant_id and x.recurring_event_id = e.id and (x.recurrence_type = 'EXCEPTION' or x.status = 'CANCELLED'))"
            + " as exceptions from event e" + where + " and e.recurrence_type in ('NONE', 'MASTER')"
            + " and e.status <> 'CANCELLED' and e.type <> 'WORKING_HOURS' order by e.id")
        .params(params)
        .query((rs, n) -> new ObjectVersion(rs.getString(1), rs.getLong(2), RecurrenceType.valueOf(rs.getString(3)), rs.getString(4)))
        .list();
  }

  /** An object's id, revision, kind and its exceptions' {@code id:revision} list (null for none). */
  record ObjectVersion(String id, long revision, RecurrenceType kind, String exceptions) {}

  /**
   * The ids of a schedule's live single events and series with an occurrence (live or not) in
   * {@code [from, to)}: singles by their own time, series by their materialised rows.
   */
  java.util.Set<String> objectsDuring(TenantId tenant, UUID scheduleId, Instant from, Instant to) {
    return new java.util.LinkedHashSet<>(jdbc.sql("select coalesce(e.recurring_event_id, e.id) from event e where e.tenant_id = ? and e.schedule_id = ?"
            + " and tstzrange(e.start_utc, e.end_utc, '[)') && tstzrange(?, ?, '[)') and e.recurrence_type <> 'MASTER' and e.type <> 'WORKING_HOURS'"
            + " and (e.recurrence_type <> 'NONE' or e.status <> 'CANCELLED') order by 1")
        .params(tenant.value(), scheduleId, Instants.utc(from), Instants.utc(to))
        .query(String.class)
        .list());
  }

  /** The EXCEPTION rows and cancelled instances of these series, in start order. */
  List<EventEntry> exceptionsOf(TenantId tenant, List<String> masterIds) {
    return jdbc.sql(SELECT + " where e.tenant_id = ? and e.recurring_event_id = any(?) and (e.recurrence_type = 'EXCEPTION' or e.status = 'CANCELLED')"
            + " order by e.start_utc, e.id")
        .params(tenant.value(), masterIds.toArray(String[]::new))
        .query(this::row)
        .list();
  }

  /** The live occurrences of these series that overlap {@code [from, to)}, in start order. */
  List<EventEntry> occurrencesOfDuring(TenantId tenant, List<String> masterIds, Instant from, Instant to) {
    return jdbc.sql(SELECT + " where e.tenant_id = ? and e.recurring_event_id = any(?) and e.status <> 'CANCELLED'"
            + " and e.end_utc > ? and e.start_utc < ? order by e.start_utc, e.id")
        .params(tenant.value(), masterIds.toArray(String[]::new), Instants.utc(from), Instants.utc(to))
        .query(this::row)
        .list();
  }

  /** The occurrence row (INSTANCE or EXCEPTION) of a series for the occurrence its rule named {@code originalStart}. */
  Optional<String> occurrenceId(TenantId tenant, String masterId, LocalDateTime originalStart) {
    return jdbc.sql("select id from event where tenant_id = ? and recurring_event_id = ? and original_start_local = ?")
        .params(tenant.value(), masterId, originalStart)
        .query(String.class)
        .optional();
  }

  /** Which of these events still belong to the schedule: its own, or another schedule's that still blocks it. */
  java.util.Set<String> belonging(TenantId tenant, UUID scheduleId, List<String> ids) {
    return new java.util.HashSet<>(jdbc.sql("select e.id from event e where e.tenant_id = ? and e.id = any(?) and (e.schedule_id = ?"
            + " or exists (select 1 from resource_event_block k where k.tenant_id = e.tenant_id and k.event_id = e.id and k.schedule_id = ?))")
        .params(tenant.value(), ids.toArray(String[]::new), scheduleId, scheduleId)
        .query(String.class)
        .list());
  }

  List<EventEntry> query(String whereAndOrder, List<Object> params) {
    return jdbc.sql(SELECT + " where " + whereAndOrder).params(params).query(this::row).list();
  }

  /** Future, not cancelled events of a schedule (for propagating defaults and cancelling). */
  List<EventEntry> futureOf(TenantId tenant, UUID scheduleId, Instant after) {
    return jdbc.sql(SELECT + " where e.tenant_id = ? and e.schedule_id = ? and e.start_utc > ? and e.status <> 'CANCELLED'"
            + " and e.recurrence_type <> 'MASTER' for update of e")
        .params(tenant.value(), scheduleId, Instants.utc(after))
        .query(this::row)
        .list();
  }

  private Map<String, Object> params(TenantId tenant, Event e) {
    Map<String, Object> p = new java.util.HashMap<>();
    p.put("tenant_id", tenant.value());
    p.put("id", e.id());
    p.put("schedule_id", e.scheduleId());
    p.put("external_schedule_id", e.externalScheduleId());
    p.put("app_id", e.appId());
    p.put("type", e.type().name());
    p.put("status", e.status().name());
    p.put("title", e.title());
    p.put("time_zone", e.timeZone().getId());
    p.put("start_local", e.time().startLocal());
    p.put("end_local", e.time().endLocal());
    p.put("start_utc", Instants.utc(e.start()));
    p.put("end_utc", Instants.utc(e.end()));
    p.put("all_day", e.allDay());
    p.put("recurrence_type", e.recurrenceType().name());
    p.put("recurrence_rule", json.write(e.recurrenceRule()));
    p.put("recurring_event_id", e.recurringEventId());
    p.put("original_start_local", e.originalStart());
    p.put("transparency", e.transparency().name());
    p.put("location", json.write(e.location()));
    p.put("location_type", e.location() == null || e.location().type() == null ? null : e.location().type().name());
    p.put("location_id", e.location() == null ? null : e.location().id());
    p.put("resources", json.write(e.resources()));
    p.put("resource_ids", strings(e.resources().stream().map(EventResource::id).toList()));
    p.put("resource_types", strings(e.resources().stream().map(EventResource::type).toList()));
    p.put("resource_schedule_ids", strings(e.resources().stream().map(EventResource::scheduleId).toList()));
    p.put("resource_transparencies", strings(e.resources().stream().map(r -> r.transparency().name()).toList()));
    p.put("total_capacity", e.totalCapacity());
    p.put("remaining_capacity", e.remainingCapacity());
    p.put("participants_total", e.participantsTotal());
    p.put("participants_pending", e.participantsPending());
    p.put("conferencing", json.write(e.conferencingDetails()));
    p.put("notes", e.notes());
    p.put("inherited_fields", e.inheritedFields().stream().map(Enum::name).sorted().toArray(String[]::new));
    p.put("permissions", json.write(e.permissions()));
    p.put("extended_fields", json.write(e.extendedFields()));
    p.put("revision", e.revision());
    p.put("created_at", Instants.utc(e.createdDate()));
    p.put("updated_at", Instants.utc(e.updatedDate()));
    return p;
  }

  private static String[] strings(List<String> values) {
    return values.stream().filter(Objects::nonNull).toArray(String[]::new);
  }


  EventEntry row(ResultSet rs, int n) throws SQLException {
    LocalDateTime start = rs.getObject("start_local", LocalDateTime.class);
    LocalDateTime end = rs.getObject("end_local", LocalDateTime.class);
    EventTime time = rs.getBoolean("all_day")
        ? new EventTime.AllDay(start.toLocalDate(), end.toLocalDate())
        : new EventTime.Timed(start, end);
    String[] inherited = (String[]) rs.getArray("inherited_fields").getArray();
    EnumSet<InheritableField> fields = EnumSet.noneOf(InheritableField.class);
    Arrays.stream(inherited).map(InheritableField::valueOf).forEach(fields::add);
    Event e =
        new Event(
            rs.getString("id"),
            rs.getObject("schedule_id", UUID.class),
            rs.getString("external_schedule_id"),
            rs.getString("app_id"),
            EventType.valueOf(rs.getString("type")),
            EventStatus.valueOf(rs.getString("status")),
            rs.getString("title"),
            time,
            ZoneId.of(rs.getString("time_zone")),
            RecurrenceType.valueOf(rs.getString("recurrence_type")),
            json.read(rs.getString("recurrence_rule"), MAP),
            rs.getString("recurring_event_id"),
            rs.getObject("original_start_local", LocalDateTime.class),
            Transparency.valueOf(rs.getString("transparency")),
            json.read(rs.getString("location"), Location.class),
            json.read(rs.getString("resources"), RESOURCES),
            (Integer) rs.getObject("total_capacity"),
            (Integer) rs.getObject("remaining_capacity"),
            rs.getInt("participants_total"),
            rs.getInt("participants_pending"),
            json.read(rs.getString("conferencing"), ConferencingDetails.class),
            rs.getString("notes"),
            fields,
            json.read(rs.getString("permissions"), PERMISSIONS),
            json.read(rs.getString("extended_fields"), MAP),
            rs.getLong("revision"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    return new EventEntry(e, rs.getString("schedule_name"));
  }
}
