package dev.horae.resource;

import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import dev.horae.connection.ExternalCalendars;
import dev.horae.connection.Provider;
import dev.horae.schedule.CreatingSchedule;
import dev.horae.schedule.ScheduleChanges;
import dev.horae.shared.Change;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.TimeZones;
import dev.horae.shared.Uuids;
import dev.horae.shared.Violations;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;

/**
 * Creating and updating resources. A new resource gets its own Calendar V3 schedule (named after it,
 * in its zone). {@code options.googleCalendarId} and {@code outlookCalendarId} are exclusive: a
 * resource has one external calendar. Absent fields of an update keep their value.
 */
@Component
class Resources {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private final ResourceRepository resources;
  private final ServiceRepository services;
  private final CreatingSchedule schedules;
  private final ExternalCalendars calendars;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkingHours hours;
  /** Resource changes reach webhooks and the change feed as {@code onsched.setup.v1.resource.created|updated}. */
  static final String FQDN = "onsched.setup.v1.resource";

  Resources(ResourceRepository resources, ServiceRepository services, CreatingSchedule schedules, ExternalCalendars calendars,
      TransactionTemplate transactions, Clock clock, Outbox outbox, WorkingHours hours) {
    this.outbox = outbox;
    this.hours = hours;
    this.resources = resources;
    this.services = services;
    this.schedules = schedules;
    this.calendars = calendars;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** ResourceInputModel / UpdateModel; {@code timezoneIana} (or {@code timezoneName}) is the IANA zone. */
  record Input(
      @Size(max = TextLimits.ID) String id,
      @Size(max = TextLimits.NAME) String name,
      @Size(max = TextLimits.EMAIL) String email,
      @Size(max = TextLimits.DESCRIPTION) String description,
      @Size(max = TextLimits.TIME_ZONE) String timezoneIana,
      @Size(max = TextLimits.TIME_ZONE) String timezoneName,
      Map<String, Map<String, Integer>> availability,
      List<Map<String, Object>> dateOverrides,
      List<@Size(max = TextLimits.ID) String> serviceIds,
      Map<String, Object> options) {}

  List<Resource> create(TenantId tenant, List<Input> inputs, String prefix) {
    Instant now = Instants.truncate(clock.instant());
    List<Resource> drafts = new ArrayList<>();
    Violations v = new Violations();
    for (int i = 0; i < inputs.size(); i++) {
      drafts.add(merge(tenant, null, inputs.get(i), now, v, prefix.isEmpty() ? "" : prefix + "[" + i + "]."));
    }
    v.throwIfAny();
    return transactions.execute(status -> {
      List<Resource> out = new ArrayList<>();
      for (int i = 0; i < drafts.size(); i++) {
        out.add(insert(tenant, drafts.get(i), inputs.get(i).availability()));
      }
      return out;
    });
  }

  /**
   * Stores a new resource with its own Calendar V3 schedule (named after it, in its zone, holding
   * its busy events) and its working hours: {@code ownHours} (OnSched's weekly hours) written as its
   * own, else the schedule the draft was assigned, else the tenant's business hours. The resource
   * created, as read back, recorded in both APIs' shapes, in the caller's transaction.
   */
  Resource insert(TenantId tenant, Resource draft, Map<String, Map<String, Integer>> ownHours) {
    Change<String> appId = draft.wix().appId() == null ? Change.absent() : Change.to(draft.wix().appId());
    UUID schedule = schedules.create(tenant, new ScheduleChanges(Change.absent(), Change.to(draft.name()), Change.to(draft.timeZone().getId()),
        Change.absent(), Change.absent(), Change.absent(), Change.absent(), Change.absent(), appId, Change.absent(),
        Change.to(Map.of("resourceId", draft.id().toString())))).id();
    Resource r = draft.inSchedule(schedule);
    if (ownHours != null) {
      hours.own(tenant, null, r, ownHours);
      r = r.withHours(schedule, schedule, WeeklyHours.complete(ownHours));
    } else if (draft.workingHours().assigned() == null) {
      UUID business = hours.business(tenant);
      r = r.withHours(null, business, r.availability());
    }
    resources.save(tenant, r);
    r = reread(tenant, r.id());
    record(tenant, null, r);
    return r;
  }

  /** The resource as stored, its working-hours view read from its schedule. */
  Resource reread(TenantId tenant, UUID id) {
    return resources.find(tenant, id, false).orElseThrow(() -> new IllegalStateException("resource " + id + " vanished in its own transaction"));
  }

  /** Stores a changed resource, in the caller's transaction, and records the change in both APIs' shapes. */
  void store(TenantId tenant, Resource before, Resource after) {
    resources.save(tenant, after);
    record(tenant, before, after);
  }

  /**
   * The domain events of a change, in both APIs' shapes: OnSched's {@code onsched.setup.v1.resource}
   * created / updated (a delete or recovery is an update there), and Resources V2's {@code
   * wix.bookings.resources.v2.resource} created / updated / deleted (a recovered resource is created
   * again).
   */
  void record(TenantId tenant, Resource before, Resource after) {
    String id = after.id().toString();
    long stamp = after.updated().toEpochMilli();
    outbox.record(tenant, before == null ? DomainEvent.created(FQDN, id, stamp, entity(after)) : DomainEvent.updated(FQDN, id, stamp, entity(after)));
    Map<String, Object> wix = WixResourceView.entity(after);
    if (before == null || (before.deletedAt() != null && after.deletedAt() == null)) {
      outbox.record(tenant, DomainEvent.created(WixResourceView.FQDN, id, after.revision(), wix));
    } else if (before.deletedAt() == null && after.deletedAt() != null) {
      outbox.record(tenant, DomainEvent.deleted(WixResourceView.FQDN, id, after.revision(), wix));
    } else {
      outbox.record(tenant, DomainEvent.updated(WixResourceView.FQDN, id, after.revision(), wix));
    }
  }

  List<Resource> update(TenantId tenant, List<Input> inputs, List<UUID> ids, String prefix) {
    Instant now = Instants.truncate(clock.instant());
    return transactions.execute(status -> {
      Violations v = new Violations();
      List<Resource> changed = new ArrayList<>();
      List<Resource> before = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        UUID id = ids.get(i);
        Resource current = resources.find(tenant, id, true).orElseThrow(() -> Rejection.notFound("Resource", id));
        before.add(current);
        changed.add(merge(tenant, current, inputs.get(i), now, v, prefix.isEmpty() ? "" : prefix + "[" + i + "]."));
      }
      v.throwIfAny();
      List<Resource> out = new ArrayList<>();
      for (int i = 0; i < changed.size(); i++) {
        Resource after = changed.get(i);
        Map<String, Map<String, Integer>> weekly = inputs.get(i).availability();
        if (weekly != null) {
          hours.own(tenant, before.get(i), after, weekly);
          after = after.withHours(after.scheduleId(), after.scheduleId(), WeeklyHours.complete(weekly));
        }
        resources.save(tenant, after);
        after = reread(tenant, after.id());
        record(tenant, before.get(i), after);
        out.add(after);
      }
      return out;
    });
  }

  Resource get(TenantId tenant, String id) {
    UUID uuid = Uuids.parse(id).orElseThrow(() -> Rejection.notFound("Resource", id));
    return resources.find(tenant, uuid, false).orElseThrow(() -> Rejection.notFound("Resource", id));
  }

  /** OnSched's soft delete (recoverable), or its recovery. */
  Resource delete(TenantId tenant, String id, boolean deleted) {
    return delete(tenant, id, deleted, false);
  }

  /** Resources V2's delete: the same soft delete, of a live resource only (a deleted one is not found). */
  Resource deleteLive(TenantId tenant, String id) {
    return delete(tenant, id, true, true);
  }

  private Resource delete(TenantId tenant, String id, boolean deleted, boolean live) {
    UUID uuid = Uuids.parse(id).orElseThrow(() -> Rejection.notFound("Resource", id));
    return transactions.execute(status -> {
      Resource r = resources.find(tenant, uuid, true).filter(found -> !live || found.deletedAt() == null)
          .orElseThrow(() -> Rejection.notFound("Resource", id));
      Instant now = Instants.truncate(clock.instant());
      Resource after = r.deleted(deleted ? now : null, now);
      store(tenant, r, after);
      return after;
    });
  }

  /** The resource as domain events carry it (its calendar's authorization is the connection's own events). */
  static Map<String, Object> entity(Resource r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", r.id().toString());
    out.put("scheduleId", r.scheduleId().toString());
    out.put("name", r.name());
    out.put("email", r.email());
    out.put("description", r.description());
    out.put("timezoneIana", r.timeZone().getId());
    out.put("availability", r.availability());
    out.put("dateOverrides", r.dateOverrides());
    out.put("serviceIds", r.serviceIds().stream().map(UUID::toString).toList());
    out.put("options", r.options());
    out.put("deletedStatus", r.deletedAt() != null);
    return out;
  }

  /** The consent URL for the resource's Google or Outlook calendar; records the address as the resource's calendar id. */
  String authorizationUrl(TenantId tenant, String id, String providerId, String email, String returnUrl) {
    Resource r = get(tenant, id);
    String field = providerId.equals(Provider.GOOGLE) ? "googleCalendarId" : "outlookCalendarId";
    String other = providerId.equals(Provider.GOOGLE) ? "outlookCalendarId" : "googleCalendarId";
    Violations v = new Violations();
    v.check(email != null && EMAIL.matcher(email).matches(), field, "must be the calendar account's email address");
    v.check(r.options().get(other) == null, field, "the resource's external calendar is already " + other + ": a resource has one");
    v.check(returnUrl != null && !returnUrl.isBlank(), providerId.equals(Provider.GOOGLE) ? "googleAuthReturnUrl" : "outlookAuthReturnUrl",
        "is required: where the resource returns after authorizing");
    v.throwIfAny();
    if (!email.equalsIgnoreCase(String.valueOf(r.options().get(field)))) {
      Map<String, Object> options = new LinkedHashMap<>(r.options());
      options.put(field, email);
      transactions.executeWithoutResult(status -> store(tenant, r, r.withOptions(options, Instants.truncate(clock.instant()))));
    }
    return calendars.authorizationUrl(tenant, r.scheduleId(), providerId, returnUrl, email);
  }

  private Resource merge(TenantId tenant, Resource current, Input in, Instant now, Violations v, String p) {
    String name = in.name() != null ? in.name() : current == null ? null : current.name();
    v.check(name != null && !name.isBlank() && name.length() <= 200, p + "name", "is required (at most 200 characters)");
    String email = in.email() != null ? in.email() : current == null ? null : current.email();
    v.check(email == null || EMAIL.matcher(email).matches(), p + "email", "must be an email address");
    String zoneId = in.timezoneIana() != null ? in.timezoneIana() : in.timezoneName();
    ZoneId zone = zoneId != null ? TimeZones.parse(zoneId, p + "timezoneIana", v) : current == null ? ZoneId.of("UTC") : current.timeZone();
    Map<String, Map<String, Integer>> availability = in.availability() != null ? in.availability()
        : current == null ? Resource.defaultAvailability() : current.availability(); // the view until the hours are written
    for (Map.Entry<String, Map<String, Integer>> day : availability.entrySet()) {
      v.check(Resource.DAYS.contains(day.getKey()), p + "availability." + day.getKey(), "must be one of sun, mon, tue, wed, thu, fri, sat");
      checkHours(day.getValue() == null ? null : day.getValue().get("startTime"), day.getValue() == null ? null : day.getValue().get("endTime"),
          p + "availability." + day.getKey(), v);
    }
    List<Map<String, Object>> overrides = in.dateOverrides() != null ? in.dateOverrides() : current == null ? List.of() : current.dateOverrides();
    for (int i = 0; i < overrides.size(); i++) {
      Map<String, Object> o = overrides.get(i);
      String f = p + "dateOverrides[" + i + "]";
      try {
        if (!Instants.inRange(LocalDate.parse(String.valueOf(o.get("date"))))) {
          v.add(f + ".date", Instants.outOfRange());
        }
      } catch (RuntimeException e) {
        v.add(f + ".date", "must be a date YYYY-MM-DD");
      }
      checkHours(o.get("startTime") instanceof Number n ? n.intValue() : null, o.get("endTime") instanceof Number n ? n.intValue() : null, f, v);
    }
    List<UUID> serviceIds = current == null ? List.of() : current.serviceIds();
    if (in.serviceIds() != null) {
      serviceIds = new ArrayList<>();
      for (int i = 0; i < in.serviceIds().size(); i++) {
        UUID s = Uuids.parse(in.serviceIds().get(i)).orElse(null);
        if (s == null || services.find(tenant, s).isEmpty()) {
          v.add(p + "serviceIds[" + i + "]", "is not a service of GET /setup/v1/services");
        } else {
          serviceIds.add(s);
        }
      }
    }
    Map<String, Object> options = new LinkedHashMap<>(current == null ? Map.of() : current.options());
    if (in.options() != null) {
      options.putAll(in.options());
      options.values().removeIf(java.util.Objects::isNull);
    }
    Object availabilityMode = options.getOrDefault("calendarAvailability", 0);
    v.check(availabilityMode instanceof Integer m && m >= 0 && m <= 3, p + "options.calendarAvailability",
        "must be 0 (Horae's calendar only), 1 (plus Google), 2 (plus Outlook) or 3 (plus every connected calendar)");
    for (String f : List.of("googleCalendarId", "outlookCalendarId")) {
      Object value = options.get(f);
      v.check(value == null || (value instanceof String s && EMAIL.matcher(s).matches()), p + "options." + f, "must be the calendar account's email address");
    }
    if (options.get("googleCalendarId") != null && options.get("outlookCalendarId") != null) {
      v.add(p + "options.outlookCalendarId", "give googleCalendarId or outlookCalendarId, not both: a resource has one external calendar");
    }
    if (!v.isEmpty()) {
      return null;
    }
    return new Resource(current == null ? Ids.newUuid() : current.id(), current == null ? null : current.scheduleId(), name, email,
        in.description() != null ? in.description() : current == null ? null : current.description(), zone, availability, overrides, options,
        serviceIds, current == null ? Resource.Wix.NONE : current.wix(), current == null ? Resource.HoursSchedule.BUSINESS : current.workingHours(),
        current == null ? 1 : current.revision() + 1,
        current == null ? null : current.deletedAt(), current == null ? now : current.created(), now);
  }

  private static void checkHours(Integer start, Integer end, String field, Violations v) {
    boolean ok = start != null && end != null && start >= 0 && end <= 2400 && start % 100 < 60 && end % 100 < 60 && start <= end;
    v.check(ok, field, "must be {startTime, endTime} in HHmm from 0 to 2400, the end not before the start (both 0: closed)");
  }
}
