package dev.horae.resource;

import dev.horae.api.Revisions;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import dev.horae.shared.Violations;
import dev.horae.shared.query.Cursors;
import dev.horae.shared.query.FilterField;
import dev.horae.shared.query.FilterField.ValueKind;
import dev.horae.shared.query.FilterTranslator;
import dev.horae.shared.query.Operator;
import dev.horae.shared.query.Page;
import dev.horae.shared.query.PageLimit;
import dev.horae.shared.query.SqlCondition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Wix Bookings Resources V2 over the one resource model that OnSched's API also reads and writes
 * ({@link Resources}): create, get, update with {@code revision}, delete, query, count and the bulk
 * forms. A resource made here has OnSched's defaults for what Resources V2 does not carry (zone UTC,
 * weekly hours Monday to Friday 09:00–17:00, every service); one made through OnSched has no type.
 * Delete is OnSched's soft delete: the resource leaves both APIs' lists and can be recovered with
 * {@code PUT /setup/v1/resources/{id}/recover}.
 */
@Component
class WixResources {
  static final String BOOKINGS_APP_ID = "13d21c63-b5ec-5912-8397-c3a5ddb27a97";
  static final int NAME_MAX = 40;
  static final int BULK_MAX = 50;
  private static final PageLimit LIMIT = new PageLimit(50, 100);
  private static final Set<Operator> SCALAR = Set.of(Operator.EQ, Operator.NE, Operator.EXISTS, Operator.IN, Operator.NIN);
  private static final FilterTranslator FILTER = filter("query.filter");
  private static final FilterTranslator COUNT_FILTER = filter("filter");
  /** Sortable fields as text expressions that order as their values do, so a keyset cursor can compare them. */
  private static final Map<String, String> SORTS = Map.of(
      "id", "cast(id as text)",
      "name", "name",
      "typeId", "coalesce(type_id, '')",
      "appId", "coalesce(app_id, '')",
      "eventsSchedule.scheduleId", "cast(schedule_id as text)",
      "createdDate", "to_char(created_at at time zone 'UTC', 'YYYYMMDDHH24MISSUS')",
      "updatedDate", "to_char(updated_at at time zone 'UTC', 'YYYYMMDDHH24MISSUS')");

  private final Resources resources;
  private final ResourceRepository repository;
  private final TransactionTemplate transactions;
  private final Cursors cursors;
  private final Clock clock;
  private final WorkingHours hours;

  WixResources(Resources resources, ResourceRepository repository, TransactionTemplate transactions, Cursors cursors, Clock clock,
      WorkingHours hours) {
    this.hours = hours;
    this.resources = resources;
    this.repository = repository;
    this.transactions = transactions;
    this.cursors = cursors;
    this.clock = clock;
  }

  private static FilterTranslator filter(String path) {
    Map<String, FilterField> fields = new LinkedHashMap<>();
    fields.put("id", new FilterField("id", ValueKind.UUID, with(SCALAR, Operator.STARTS_WITH), List.of()));
    fields.put("name", new FilterField("name", ValueKind.TEXT, with(SCALAR, Operator.IS_EMPTY), List.of()));
    fields.put("typeId", new FilterField("type_id", ValueKind.TEXT, with(SCALAR, Operator.STARTS_WITH, Operator.IS_EMPTY), List.of()));
    fields.put("appId", new FilterField("app_id", ValueKind.TEXT, SCALAR, List.of()));
    fields.put("eventsSchedule.scheduleId", new FilterField("schedule_id", ValueKind.UUID, with(SCALAR, Operator.STARTS_WITH), List.of()));
    Set<Operator> dates = Set.of(Operator.EQ, Operator.NE, Operator.LT, Operator.LTE, Operator.GT, Operator.GTE);
    fields.put("createdDate", new FilterField("created_at", ValueKind.TIMESTAMP, dates, List.of()));
    fields.put("updatedDate", new FilterField("updated_at", ValueKind.TIMESTAMP, dates, List.of()));
    fields.put("locationOptions.availableInAllLocations", new FilterField(
        "coalesce(cast(location_options ->> 'availableInAllLocations' as boolean), false)", ValueKind.BOOLEAN, SCALAR, List.of()));
    fields.put("locationOptions.specificLocationOptions.availableInBusinessLocations", new FilterField(
        "coalesce(cast(location_options -> 'specificLocationOptions' ->> 'availableInBusinessLocations' as boolean), false)",
        ValueKind.BOOLEAN, SCALAR, List.of()));
    fields.put("locationOptions.specificLocationOptions.businessLocations.locationId", new FilterField(
        "array(select l ->> 'locationId' from jsonb_array_elements(coalesce(location_options -> 'specificLocationOptions' -> 'businessLocations',"
            + " '[]'::jsonb)) l)", ValueKind.TEXT_ARRAY, Set.of(Operator.HAS_SOME, Operator.HAS_ALL, Operator.IS_EMPTY), List.of()));
    return new FilterTranslator(fields, path);
  }

  private static Set<Operator> with(Set<Operator> base, Operator... more) {
    Set<Operator> out = new java.util.HashSet<>(base);
    out.addAll(List.of(more));
    return Set.copyOf(out);
  }

  // --- single operations ---

  Resource create(TenantId tenant, WixResourceFields in) {
    Resource draft = draft(tenant, in, "resource.");
    return transactions.execute(status -> resources.insert(tenant, draft, null));
  }

  Resource get(TenantId tenant, String id) {
    UUID uuid = Uuids.parse(id).orElseThrow(() -> Rejection.notFound("Resource", id));
    return repository.find(tenant, uuid, false).filter(r -> r.deletedAt() == null).orElseThrow(() -> Rejection.notFound("Resource", id));
  }

  /** Update Resource: the {@code revision} read is required; fields absent (or outside {@code fieldMask}) keep their value. */
  Resource update(TenantId tenant, String id, WixResourceFields in, List<String> fieldMask) {
    return transactions.execute(status -> change(tenant, id, in, fieldMask, "resource."));
  }

  void delete(TenantId tenant, String id) {
    resources.deleteLive(tenant, id);
  }

  // --- query and count ---

  record Sort(String fieldName, String order) {}

  /** What a cursor carries: the query it continues and the sort values of the last resource seen. */
  record Cursor(JsonNode filter, List<Sort> sort, List<String> after) {}

  Page<Resource> query(TenantId tenant, JsonNode filter, List<Sort> sort, Integer limit, String cursor) {
    int size = LIMIT.resolve(limit, "query.cursorPaging.limit");
    Cursor from = cursor == null ? new Cursor(filter, sort == null ? List.of() : sort, null)
        : cursors.decode(cursor, Cursor.class, "query.cursorPaging.cursor");
    List<String> expressions = new ArrayList<>();
    List<Boolean> descending = new ArrayList<>();
    List<Sort> keys = from.sort() == null ? List.of() : from.sort();
    if (keys.size() > 5) {
      throw Rejection.invalid("query.sort", "may hold at most 5 fields");
    }
    for (int i = 0; i < keys.size(); i++) {
      Sort s = keys.get(i);
      String expression = s == null ? null : SORTS.get(s.fieldName());
      if (expression == null) {
        throw Rejection.invalid("query.sort[" + i + "].fieldName", "must be one of " + new java.util.TreeSet<>(SORTS.keySet()));
      }
      String order = s.order() == null ? "ASC" : s.order();
      if (!order.equals("ASC") && !order.equals("DESC")) {
        throw Rejection.invalid("query.sort[" + i + "].order", "must be ASC or DESC");
      }
      expressions.add(expression);
      descending.add(order.equals("DESC"));
    }
    if (!expressions.contains(SORTS.get("id"))) {
      expressions.add(SORTS.get("id")); // the tie-breaker that makes the order total (and Wix's default)
      descending.add(false);
    }
    SqlCondition condition = FILTER.translate(from.filter());
    StringBuilder where = new StringBuilder(condition.sql());
    List<Object> params = new ArrayList<>(condition.params());
    if (from.after() != null) {
      if (from.after().size() != expressions.size()) {
        throw Rejection.invalid("query.cursorPaging.cursor", "is not a cursor this API issued");
      }
      where.append(" and (").append(keyset(expressions, descending, from.after(), params)).append(")");
    }
    List<String> order = new ArrayList<>();
    for (int i = 0; i < expressions.size(); i++) {
      order.add(expressions.get(i) + (descending.get(i) ? " desc" : " asc"));
    }
    List<ResourceRepository.Keyed> found = repository.query(tenant, where.toString(), params, expressions, String.join(", ", order), size + 1);
    List<Resource> items = found.stream().limit(size).map(ResourceRepository.Keyed::resource).toList();
    if (found.size() <= size) {
      return new Page<>(items, null);
    }
    return new Page<>(items, cursors.encode(new Cursor(from.filter(), keys, found.get(size - 1).keys())));
  }

  /** Rows after the last one seen, in the order given: (k1 > v1) or (k1 = v1 and k2 > v2) or …, each comparison as its direction says. */
  private static String keyset(List<String> expressions, List<Boolean> descending, List<String> after, List<Object> params) {
    List<String> alternatives = new ArrayList<>();
    for (int i = 0; i < expressions.size(); i++) {
      List<String> parts = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        parts.add(expressions.get(j) + " = ?");
        params.add(after.get(j));
      }
      parts.add(expressions.get(i) + (descending.get(i) ? " < ?" : " > ?"));
      params.add(after.get(i));
      alternatives.add("(" + String.join(" and ", parts) + ")");
    }
    return String.join(" or ", alternatives);
  }

  int count(TenantId tenant, JsonNode filter) {
    SqlCondition condition = COUNT_FILTER.translate(filter);
    return repository.count(tenant, condition.sql(), condition.params());
  }

  // --- bulk operations: each item succeeds or fails on its own ---

  /** One item's result: the resource, or why it failed ({@code id}: the resource the item named, if any). */
  record Outcome(int index, String id, Resource item, String code, String description) {
    boolean success() {
      return item != null;
    }
  }

  /** An item of Bulk Update Resources. */
  record Masked(WixResourceFields resource, List<String> fieldMask) {}

  List<Outcome> bulkCreate(TenantId tenant, List<WixResourceFields> items) {
    return each(items, "resources", in -> null, (i, in) -> {
      Resource draft = draft(tenant, Objects.requireNonNull(in, "the item is null"), "resources[" + i + "].");
      return transactions.execute(status -> resources.insert(tenant, draft, null));
    });
  }

  List<Outcome> bulkUpdate(TenantId tenant, List<Masked> items) {
    return each(items, "resources", m -> m == null || m.resource() == null ? null : m.resource().id, (i, m) -> {
      String item = "resources[" + i + "].resource";
      if (m == null || m.resource() == null) {
        throw Rejection.invalid(item, "is required");
      }
      if (m.resource().id == null) {
        throw Rejection.invalid(item + ".id", "is required: the resource to update");
      }
      return transactions.execute(status -> change(tenant, m.resource().id, m.resource(), m.fieldMask(), item + "."));
    });
  }

  List<Outcome> bulkDelete(TenantId tenant, List<String> ids) {
    return each(ids, "ids", id -> id, (i, id) -> resources.deleteLive(tenant, id));
  }

  /** Runs {@code work} for each of 1 to {@link #BULK_MAX} items, each in its own transaction: a refused item is its outcome, not the request's. */
  private static <T> List<Outcome> each(List<T> items, String field, java.util.function.Function<T, String> idOf,
      java.util.function.BiFunction<Integer, T, Resource> work) {
    if (items == null || items.isEmpty() || items.size() > BULK_MAX) {
      throw Rejection.invalid(field, "must list 1 to " + BULK_MAX + " items");
    }
    List<Outcome> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      int index = i;
      out.add(attempt(i, idOf.apply(items.get(i)), () -> work.apply(index, items.get(index))));
    }
    return out;
  }

  private static Outcome attempt(int index, String id, Supplier<Resource> work) {
    try {
      Resource done = work.get();
      return new Outcome(index, done.id().toString(), done, null, null);
    } catch (Rejection r) {
      String description = r.violations().isEmpty() ? r.getMessage()
          : String.join("; ", r.violations().stream().map(v -> v.field() + ": " + v.description()).toList());
      return new Outcome(index, id, null, r.code() != null ? r.code() : r.kind().name(), description);
    } catch (NullPointerException missing) {
      return new Outcome(index, id, null, "INVALID_ARGUMENT", "resources[" + index + "]: " + missing.getMessage());
    }
  }

  // --- the rules of the fields ---

  private Resource change(TenantId tenant, String id, WixResourceFields in, List<String> fieldMask, String p) {
    UUID uuid = Uuids.parse(id).orElseThrow(() -> Rejection.notFound("Resource", id));
    Resource current = repository.find(tenant, uuid, true).filter(r -> r.deletedAt() == null)
        .orElseThrow(() -> Rejection.notFound("Resource", id));
    if (in.id != null && !in.id.equalsIgnoreCase(id)) {
      throw Rejection.invalid(p + "id", "must match the resource's id in the path");
    }
    Long revision = Revisions.parse(in.revision, p + "revision");
    if (revision == null) {
      throw Rejection.invalid(p + "revision", "is required: the revision of the resource you read");
    }
    Rejection.requireRevision("Resource", id, revision, current.revision());
    Violations v = new Violations();
    Set<String> mask = fieldMask == null || fieldMask.isEmpty() ? null : Set.copyOf(fieldMask);
    String name = current.name();
    if (applies(in, "name", mask)) {
      name = checkName(in.name, p, v);
    }
    Resource.Wix wix = current.wix();
    String typeId = wix.typeId();
    if (applies(in, "typeId", mask) && !Objects.equals(in.typeId, typeId)) {
      if (typeId != null) {
        v.add(p + "typeId", "can't be changed once it is set");
      } else {
        typeId = checkGuid(in.typeId, p + "typeId", v);
      }
    }
    if (applies(in, "appId", mask) && in.appId != null && !in.appId.equalsIgnoreCase(String.valueOf(wix.appId()))) {
      v.add(p + "appId", "can't be changed");
    }
    Map<String, Object> locations = wix.locationOptions();
    if (applies(in, "locationOptions", mask)) {
      locations = checkLocations(in, p, v);
    }
    Map<String, Object> extended = applies(in, "extendedFields", mask) ? in.extendedFields : wix.extendedFields();
    Resource.HoursSchedule hoursSchedule = current.workingHours();
    if (applies(in, "workingHoursSchedules", mask)) {
      hoursSchedule = assigned(tenant, in, current.scheduleId(), p, v);
    }
    v.throwIfAny();
    Instant now = Instants.truncate(clock.instant());
    Resource after = new Resource(current.id(), current.scheduleId(), name, current.email(), current.description(), current.timeZone(),
        current.availability(), current.dateOverrides(), current.options(), current.serviceIds(),
        new Resource.Wix(typeId, wix.appId(), locations, extended), hoursSchedule, current.revision() + 1, null, current.created(), now);
    if (hoursSchedule.assigned() == null && !hoursSchedule.pending()) {
      after = after.withHours(null, hours.business(tenant), after.availability());
    }
    repository.save(tenant, after);
    after = resources.reread(tenant, after.id());
    resources.record(tenant, current, after);
    return after;
  }

  private static boolean applies(WixResourceFields in, String field, Set<String> mask) {
    return in.has(field) && (mask == null || mask.contains(field));
  }

  /**
   * The working-hours schedule a request assigns: the business schedule (or none listed) means
   * following the business hours; the resource's own schedule, or any other active schedule of the
   * tenant, holds its hours.
   */
  private Resource.HoursSchedule assigned(TenantId tenant, WixResourceFields in, UUID ownSchedule, String p, Violations v) {
    List<WixResourceFields.WorkingHoursSchedule> values = in.workingHoursSchedules == null || in.workingHoursSchedules.values() == null
        ? List.of() : in.workingHoursSchedules.values();
    if (values.isEmpty()) {
      return Resource.HoursSchedule.BUSINESS;
    }
    String field = p + "workingHoursSchedules.values[0].id";
    UUID id = values.get(0) == null ? null : Uuids.parse(values.get(0).id()).orElse(null);
    if (id == null) {
      v.add(field, "must be the GUID of a schedule");
      return Resource.HoursSchedule.BUSINESS;
    }
    if (id.equals(hours.businessIfAny(tenant))) {
      return Resource.HoursSchedule.BUSINESS;
    }
    if (!id.equals(ownSchedule) && !hours.assignable(tenant, id)) {
      v.add(field, "is not an active schedule of this tenant");
      return Resource.HoursSchedule.BUSINESS;
    }
    return new Resource.HoursSchedule(id, id, false);
  }

  private Resource draft(TenantId tenant, WixResourceFields in, String p) {
    Violations v = new Violations();
    String name = checkName(in.name, p, v);
    String typeId = in.typeId == null ? null : checkGuid(in.typeId, p + "typeId", v);
    String appId = in.appId == null ? BOOKINGS_APP_ID : checkGuid(in.appId, p + "appId", v);
    Map<String, Object> locations = checkLocations(in, p, v);
    Resource.HoursSchedule hoursSchedule = assigned(tenant, in, null, p, v);
    v.throwIfAny();
    Instant now = Instants.truncate(clock.instant());
    return new Resource(Ids.newUuid(), null, name, null, null, ZoneId.of("UTC"), Resource.defaultAvailability(), List.of(), Map.of(),
        List.of(), new Resource.Wix(typeId, appId, locations, in.extendedFields), hoursSchedule, 1, null, now, now);
  }

  private static String checkName(String name, String p, Violations v) {
    v.check(name != null && !name.isBlank() && name.length() <= NAME_MAX, p + "name", "is required: 1 to " + NAME_MAX + " characters");
    return name;
  }

  private static String checkGuid(String value, String field, Violations v) {
    UUID parsed = Uuids.parse(value).orElse(null);
    v.check(parsed != null, field, "must be a GUID");
    return parsed == null ? null : parsed.toString();
  }

  private static Map<String, Object> checkLocations(WixResourceFields in, String p, Violations v) {
    WixResourceFields.LocationOptions o = in.locationOptions;
    if (o == null) {
      return Map.of("availableInAllLocations", true);
    }
    WixResourceFields.SpecificLocationOptions s = o.specificLocationOptions();
    if (s != null && s.businessLocations() != null) {
      for (int i = 0; i < s.businessLocations().size(); i++) {
        WixResourceFields.BusinessLocation l = s.businessLocations().get(i);
        v.check(l != null && l.locationId() != null && !l.locationId().isBlank(),
            p + "locationOptions.specificLocationOptions.businessLocations[" + i + "].locationId", "is required");
      }
      v.check(s.businessLocations().isEmpty() || Boolean.TRUE.equals(s.availableInBusinessLocations()),
          p + "locationOptions.specificLocationOptions.availableInBusinessLocations", "must be true when businessLocations are listed");
    }
    return v.isEmpty() ? o.stored() : null;
  }
}
