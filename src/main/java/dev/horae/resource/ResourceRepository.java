package dev.horae.resource;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.storage.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

@Repository
class ResourceRepository {
  private static final TypeReference<Map<String, Map<String, Integer>>> WEEK = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, Object>>> OVERRIDES = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OPTIONS = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, Object>>> MASTERS = new TypeReference<>() {};
  /**
   * A resource with its working-hours schedule resolved ({@code hours_schedule}: the assigned one,
   * else the tenant's business schedule) and that schedule's live WORKING_HOURS masters, for the
   * weekly view. Filters name the resource's columns unqualified: the lateral part adds only these two.
   */
  private static final String SELECT = "select r.*, h.hours_schedule, (select json_agg(json_build_object('start', e.start_local, 'end', e.end_local,"
      + " 'rule', e.recurrence_rule) order by e.start_local) from event e where e.tenant_id = r.tenant_id and e.schedule_id = h.hours_schedule"
      + " and e.type = 'WORKING_HOURS' and e.recurrence_type = 'MASTER' and e.status <> 'CANCELLED') as hours_masters, true as hours_viewed"
      + " from resource r cross join lateral (select coalesce(r.working_hours_schedule_id,"
      + " (select b.schedule_id from business_schedule b where b.tenant_id = r.tenant_id)) as hours_schedule) h";
  /**
   * The same without the masters: for readers that never show OnSched's weekly view (availability,
   * the names of resources on events). Their resources' {@code availability} is null unless pending.
   */
  private static final String SELECT_BARE = SELECT.replaceFirst("\\(select json_agg.*\\) as hours_masters, true as hours_viewed",
      "null as hours_masters, false as hours_viewed");
  private final JdbcClient jdbc;
  private final JsonColumns json;
  private final Clock clock;

  ResourceRepository(JdbcClient jdbc, JsonColumns json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  void save(TenantId tenant, Resource r) {
    java.util.Objects.requireNonNull(r.availability(), "a resource read without its weekly view (findAll, offering) is never saved");
    jdbc.sql("insert into resource (tenant_id, id, schedule_id, name, email, description, time_zone, availability, date_overrides, options,"
            + " service_ids, type_id, app_id, location_options, extended_fields, working_hours_schedule_id, hours_pending, revision, deleted_at,"
            + " created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?)"
            + " on conflict (tenant_id, id) do update set name = excluded.name, email = excluded.email, description = excluded.description,"
            + " time_zone = excluded.time_zone, availability = excluded.availability, date_overrides = excluded.date_overrides,"
            + " options = excluded.options, service_ids = excluded.service_ids, type_id = excluded.type_id, app_id = excluded.app_id,"
            + " location_options = excluded.location_options, extended_fields = excluded.extended_fields,"
            + " working_hours_schedule_id = excluded.working_hours_schedule_id, hours_pending = excluded.hours_pending, revision = excluded.revision,"
            + " deleted_at = excluded.deleted_at, updated_at = excluded.updated_at")
        .params(tenant.value(), r.id(), r.scheduleId(), r.name(), r.email(), r.description(), r.timeZone().getId(), json.write(r.availability()),
            json.write(r.dateOverrides()), json.write(r.options()), r.serviceIds().toArray(UUID[]::new), r.wix().typeId(), r.wix().appId(),
            r.wix().locationOptions() == null ? null : json.write(r.wix().locationOptions()),
            r.wix().extendedFields() == null ? null : json.write(r.wix().extendedFields()), r.workingHours().assigned(), r.workingHours().pending(),
            r.revision(), Instants.utc(r.deletedAt()),
            Instants.utc(r.created()), Instants.utc(r.updated()))
        .update();
  }

  Optional<Resource> find(TenantId tenant, UUID id, boolean lock) {
    return jdbc.sql(SELECT + " where r.tenant_id = ? and r.id = ?" + (lock ? " for update of r" : "")).params(tenant.value(), id)
        .query(this::row).optional();
  }

  /** Live resources by id, without the weekly view (see {@link #SELECT_BARE}). */
  List<Resource> findAll(TenantId tenant, List<UUID> ids) {
    return jdbc.sql(SELECT_BARE + " where r.tenant_id = ? and r.id = any(?) and r.deleted_at is null order by r.created_at, r.id")
        .params(tenant.value(), ids.toArray(UUID[]::new)).query(this::row).list();
  }

  /** Live resources offering the service (an empty service list offers every service), without the weekly view. */
  List<Resource> offering(TenantId tenant, UUID serviceId) {
    return jdbc.sql(SELECT_BARE + " where r.tenant_id = ? and r.deleted_at is null and (cardinality(r.service_ids) = 0 or ? = any(r.service_ids))"
            + " order by r.created_at, r.id").params(tenant.value(), serviceId).query(this::row).list();
  }

  /** A resource with the values of the sort expressions it was read with (for the next page's cursor). */
  record Keyed(Resource resource, List<String> keys) {}

  /**
   * Live resources matching {@code where} (trusted SQL from the filter translator, its values in
   * {@code params}), ordered by {@code orderBy}, each with the text of the {@code keys} expressions.
   */
  List<Keyed> query(TenantId tenant, String where, List<Object> params, List<String> keys, String orderBy, int limit) {
    List<Object> all = new ArrayList<>();
    all.add(tenant.value());
    all.addAll(params);
    all.add(limit);
    StringBuilder select = new StringBuilder(SELECT.substring(0, SELECT.indexOf(" from resource r")));
    for (int i = 0; i < keys.size(); i++) {
      select.append(", ").append(keys.get(i)).append(" as sort_key_").append(i);
    }
    return jdbc.sql(select + SELECT.substring(SELECT.indexOf(" from resource r")) + " where r.tenant_id = ? and r.deleted_at is null and " + where
            + " order by " + orderBy + " limit ?")
        .params(all)
        .query((rs, n) -> {
          List<String> values = new ArrayList<>();
          for (int i = 0; i < keys.size(); i++) {
            values.add(rs.getString("sort_key_" + i));
          }
          return new Keyed(row(rs, n), values);
        })
        .list();
  }

  int count(TenantId tenant, String where, List<Object> params) {
    List<Object> all = new ArrayList<>();
    all.add(tenant.value());
    all.addAll(params);
    return jdbc.sql("select count(*) from resource where tenant_id = ? and deleted_at is null and " + where).params(all).query(Integer.class).single();
  }

  record Filter(String email, String name, boolean deleted) {}

  List<Resource> list(TenantId tenant, Filter f, int offset, int limit) {
    List<Object> params = new ArrayList<>(List.of(tenant.value()));
    String where = where(f, params);
    params.add(offset);
    params.add(limit);
    return jdbc.sql(SELECT + where + " order by r.created_at, r.id offset ? limit ?").params(params).query(this::row).list();
  }

  int count(TenantId tenant, Filter f) {
    List<Object> params = new ArrayList<>(List.of(tenant.value()));
    return jdbc.sql("select count(*) from resource r" + where(f, params)).params(params).query(Integer.class).single();
  }

  private static String where(Filter f, List<Object> params) {
    StringBuilder w = new StringBuilder(" where r.tenant_id = ? and r.deleted_at is " + (f.deleted() ? "not null" : "null"));
    if (f.email() != null) {
      w.append(" and lower(r.email) = lower(?)");
      params.add(f.email());
    }
    if (f.name() != null) {
      w.append(" and r.name ilike ?");
      params.add("%" + f.name().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    return w.toString();
  }

  private Map<String, Object> jsonOrNull(String column) {
    return column == null ? null : json.read(column, OPTIONS);
  }

  private Resource row(ResultSet rs, int n) throws SQLException {
    UUID[] services = (UUID[]) rs.getArray("service_ids").getArray();
    OffsetDateTime deleted = rs.getObject("deleted_at", OffsetDateTime.class);
    Resource.HoursSchedule hours = new Resource.HoursSchedule(rs.getObject("working_hours_schedule_id", UUID.class),
        rs.getObject("hours_schedule", UUID.class), rs.getBoolean("hours_pending"));
    Map<String, Map<String, Integer>> week;
    if (hours.pending()) {
      week = json.read(rs.getString("availability"), WEEK); // not yet written as events: the old weekly hours are the truth
    } else if (hours.effective() == null) {
      week = Resource.defaultAvailability(); // the business schedule, not claimed yet, opens with the default hours
    } else if (rs.getString("hours_masters") == null && !rs.getBoolean("hours_viewed")) {
      week = null; // read without the view
    } else {
      String masters = rs.getString("hours_masters");
      List<WeeklyHours.Master> list = new ArrayList<>();
      for (Map<String, Object> m : masters == null ? List.<Map<String, Object>>of() : json.read(masters, MASTERS)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> rule = (Map<String, Object>) m.get("rule");
        list.add(new WeeklyHours.Master(LocalDateTime.parse((String) m.get("start")), LocalDateTime.parse((String) m.get("end")), rule));
      }
      week = WeeklyHours.of(list, LocalDate.now(clock));
    }
    return new Resource(rs.getObject("id", UUID.class), rs.getObject("schedule_id", UUID.class), rs.getString("name"), rs.getString("email"),
        rs.getString("description"), ZoneId.of(rs.getString("time_zone")), week,
        json.read(rs.getString("date_overrides"), OVERRIDES), json.read(rs.getString("options"), OPTIONS), Arrays.asList(services),
        new Resource.Wix(rs.getString("type_id"), rs.getString("app_id"), jsonOrNull(rs.getString("location_options")),
            jsonOrNull(rs.getString("extended_fields"))), hours, rs.getLong("revision"), deleted == null ? null : deleted.toInstant(), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
