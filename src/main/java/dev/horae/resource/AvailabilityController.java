package dev.horae.resource;

import dev.horae.shared.Instants;
import dev.horae.availability.Availability;
import dev.horae.connection.ExternalCalendars;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.TimeZones;
import dev.horae.shared.Uuids;
import dev.horae.shared.Violations;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OnSched availability: {@code GET /consumer/v1/availability/{serviceId}/{startDate}/{endDate}}
 * (dates inclusive, at most 92 days, read in {@code timezoneName} or {@code tzOffset}, default the
 * first resource's zone). Resources: {@code resourceId} or {@code resourceIds} (comma-separated),
 * default every resource offering the service. Horae's {@code require}: {@code all} (every listed
 * resource free at once, e.g. a room and a person), or a number k (at least k free); default 1 (any,
 * as OnSched). {@code explain=true} adds {@code unavailableTimes}: why each slot not offered is not
 * ({@code …/unavailable} answers only those). {@code externalSources} says, per resource, which
 * external calendars count and when each last synced.
 */
@RestController
class AvailabilityController {
  private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
  private final ServiceRepository services;
  private final ResourceRepository resources;
  private final Availabilities availabilities;
  private final Clock clock;

  AvailabilityController(ServiceRepository services, ResourceRepository resources, Availabilities availabilities, Clock clock) {
    this.services = services;
    this.resources = resources;
    this.availabilities = availabilities;
    this.clock = clock;
  }

  @GetMapping(path = "/consumer/v1/availability/{serviceId}/{startDate}/{endDate}", produces = "application/json")
  org.springframework.http.ResponseEntity<Map<String, Object>> available(TenantId tenant, @PathVariable String serviceId, @PathVariable String startDate, @PathVariable String endDate,
      @RequestParam(required = false) String resourceId, @RequestParam(required = false) String resourceIds,
      @RequestParam(required = false) String require, @RequestParam(required = false) String timezoneName,
      @RequestParam(required = false) Integer tzOffset, @RequestParam(defaultValue = "false") boolean explain) {
    return answer(tenant, serviceId, startDate, endDate, resourceId, resourceIds, require, timezoneName, tzOffset, explain, false);
  }

  @GetMapping(path = "/consumer/v1/availability/{serviceId}/{startDate}/{endDate}/unavailable", produces = "application/json")
  org.springframework.http.ResponseEntity<Map<String, Object>> unavailable(TenantId tenant, @PathVariable String serviceId, @PathVariable String startDate, @PathVariable String endDate,
      @RequestParam(required = false) String resourceId, @RequestParam(required = false) String resourceIds,
      @RequestParam(required = false) String require, @RequestParam(required = false) String timezoneName,
      @RequestParam(required = false) Integer tzOffset) {
    return answer(tenant, serviceId, startDate, endDate, resourceId, resourceIds, require, timezoneName, tzOffset, true, true);
  }

  /** The answer, with a {@code Server-Timing} header: time spent loading from the database, computing, and in all. */
  private org.springframework.http.ResponseEntity<Map<String, Object>> answer(TenantId tenant, String serviceId, String startDate, String endDate, String resourceId, String resourceIds,
      String require, String timezoneName, Integer tzOffset, boolean explain, boolean onlyUnavailable) {
    long started = System.nanoTime();
    Service service = services.get(tenant, serviceId);
    Violations v = new Violations();
    LocalDate from = date(startDate, "startDate", v);
    LocalDate to = date(endDate, "endDate", v);
    if (from != null && to != null) {
      v.check(!to.isBefore(from), "endDate", "must not be before startDate");
      v.check(ChronoUnit.DAYS.between(from, to) < 92, "endDate", "at most 92 days after startDate");
    }
    List<UUID> ids = new ArrayList<>();
    String listed = resourceIds != null ? resourceIds : resourceId;
    if (listed != null) {
      for (String raw : listed.split(",")) {
        UUID id = Uuids.parse(raw.strip()).orElse(null);
        v.check(id != null, resourceIds != null ? "resourceIds" : "resourceId", "must be resource ids");
        if (id != null) {
          ids.add(id);
        }
      }
      v.check(ids.size() <= 100, "resourceIds", "at most 100 resources");
    }
    int need = 1;
    if (require != null) {
      if (require.equals("all")) {
        need = 0;
      } else if (require.equals("any")) {
        need = 1;
      } else {
        try {
          need = Integer.parseInt(require);
          v.check(need >= 1, "require", "must be all, any, or a number of resources from 1");
        } catch (NumberFormatException e) {
          v.add("require", "must be all, any, or a number of resources from 1");
        }
      }
    }
    ZoneId zone = timezoneName == null ? null : TimeZones.parse(timezoneName, "timezoneName", v);
    if (zone == null && tzOffset != null) {
      v.check(Math.abs(tzOffset) <= 18 * 60, "tzOffset", "must be minutes from GMT, -1080 to 1080");
      zone = Math.abs(tzOffset) <= 18 * 60 ? ZoneOffset.ofTotalSeconds(tzOffset * 60) : null;
    }
    v.throwIfAny();
    List<Resource> chosen = ids.isEmpty() ? resources.offering(tenant, service.id()) : resources.findAll(tenant, ids);
    if (!ids.isEmpty()) {
      for (UUID id : ids) {
        Resource r = chosen.stream().filter(x -> x.id().equals(id)).findFirst()
            .orElseThrow(() -> Rejection.invalid("resourceIds", "resource " + id + " does not exist or is deleted"));
        if (!r.offers(service.id())) {
          throw Rejection.invalid("resourceIds", "resource " + id + " does not offer service " + service.id());
        }
      }
    }
    if (zone == null) {
      zone = chosen.isEmpty() ? ZoneOffset.UTC : chosen.get(0).timeZone();
    }
    Instant now = clock.instant();
    Availabilities.Answer a = chosen.isEmpty() ? null
        : availabilities.compute(tenant, service, chosen, from, to, zone, need, explain, now);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", onlyUnavailable ? "unavailableTimes" : "availableTimes");
    out.put("serviceId", service.id().toString());
    out.put("serviceName", service.name());
    out.put("serviceDuration", service.duration());
    out.put("resourceIds", chosen.stream().map(r -> r.id().toString()).toList());
    out.put("startDate", from.toString());
    out.put("endDate", to.toString());
    out.put("timezoneName", zone.getId());
    out.put("tzRequested", zone.getRules().getOffset(from.atStartOfDay()).getTotalSeconds() / 60);
    ZoneId z = zone;
    if (!onlyUnavailable) {
      out.put("availableTimes", a == null ? List.of() : a.result().slots().stream().map(s -> slot(s, service, z)).toList());
      out.put("externalSources", a == null ? List.of() : sources(chosen, a));
    }
    if (explain) {
      Map<String, String> names = new java.util.HashMap<>();
      chosen.forEach(r -> names.put(r.id().toString(), r.name()));
      out.put("unavailableTimes", a == null ? List.of() : a.result().refusals().stream().map(x -> refusal(x, names, z)).toList());
    }
    String timing = (a == null ? "" : String.format(Locale.ROOT, "db;dur=%.2f, compute;dur=%.2f, ", a.loadNanos() / 1e6, a.computeNanos() / 1e6))
        + String.format(Locale.ROOT, "total;dur=%.2f", (System.nanoTime() - started) / 1e6);
    return org.springframework.http.ResponseEntity.ok().header("Server-Timing", timing).body(out);
  }

  private static LocalDate date(String raw, String field, Violations v) {
    try {
      LocalDate parsed = LocalDate.parse(raw);
      if (!Instants.inRange(parsed)) {
        v.add(field, Instants.outOfRange());
        return null;
      }
      return parsed;
    } catch (RuntimeException e) {
      v.add(field, "must be a date YYYY-MM-DD");
      return null;
    }
  }

  private static Map<String, Object> slot(Availability.Slot s, Service service, ZoneId zone) {
    OffsetDateTime start = s.start().atZone(zone).toOffsetDateTime();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("startDateTime", start.toString());
    out.put("endDateTime", s.end().atZone(zone).toOffsetDateTime().toString());
    out.put("date", start.toLocalDate().toString());
    out.put("time", start.getHour() * 100 + start.getMinute());
    out.put("displayTime", DISPLAY.format(start));
    out.put("duration", service.duration());
    out.put("allowableBookings", service.bookingLimit());
    out.put("availableBookings", s.availableCapacity());
    out.put("resourceId", s.resourceIds().get(0));
    out.put("resourceIds", s.resourceIds());
    return out;
  }

  private static List<Map<String, Object>> sources(List<Resource> chosen, Availabilities.Answer a) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Resource r : chosen) {
      if (r.calendarAvailability() == 0) {
        continue;
      }
      List<ExternalCalendars.Source> mine = a.sources().stream().filter(s -> s.scheduleId().equals(r.scheduleId())).toList();
      for (ExternalCalendars.Source s : mine) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resourceId", r.id().toString());
        m.put("connectionId", s.connectionId().toString());
        m.put("calendarType", s.calendarType());
        m.put("status", s.status());
        m.put("counted", Availabilities.counts(r.calendarAvailability(), s));
        m.put("lastSuccessfulSyncDate", s.lastSuccessfulSyncDate() == null ? null : s.lastSuccessfulSyncDate().toString());
        out.add(m);
      }
      if (!a.externalCounted().get(r.id())) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resourceId", r.id().toString());
        m.put("calendarType", switch (r.calendarAvailability()) {
          case 1 -> "GOOGLE";
          case 2 -> "MICROSOFT";
          default -> "ANY";
        });
        m.put("status", "NOT_AUTHORIZED");
        m.put("counted", false);
        out.add(m);
      }
    }
    return out;
  }

  private static Map<String, Object> refusal(Availability.Refusal x, Map<String, String> names, ZoneId zone) {
    OffsetDateTime start = x.start().atZone(zone).toOffsetDateTime();
    OffsetDateTime end = x.end().atZone(zone).toOffsetDateTime();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("date", start.toLocalDate().toString());
    out.put("fromTime", start.getHour() * 100 + start.getMinute());
    out.put("toTime", end.getHour() * 100 + end.getMinute());
    out.put("startDateTime", start.toString());
    out.put("endDateTime", end.toString());
    out.put("reasonCode", x.reason().name());
    out.put("reason", reason(x));
    out.put("entityType", x.block() == null ? null : x.block().kind().name());
    out.put("entityId", x.block() == null ? null : x.block().id());
    out.put("resourceId", x.resourceId());
    out.put("resourceName", names.get(x.resourceId()));
    return out;
  }

  private static String reason(Availability.Refusal x) {
    String what = x.block() == null ? "" : switch (x.block().kind()) {
      case EVENT -> "the event " + (x.block().label() == null ? x.block().id() : "\"" + x.block().label() + "\"");
      case EXTERNAL -> "busy time in the external calendar" + (x.block().label() == null ? "" : " \"" + x.block().label() + "\"");
      case APPOINTMENT -> "the " + x.block().label() + " " + x.block().id();
    };
    return switch (x.reason()) {
      case CLOSED -> "outside the resource's hours";
      case PAST -> "in the past";
      case MINIMUM_NOTICE -> "closer than the service's minimum notice";
      case BOOKING_HORIZON -> "further ahead than the service's booking horizon";
      case BUSY -> "taken by " + what;
      case BUFFER -> "the service's buffer would overlap " + what;
      case FULLY_BOOKED -> "every place is booked (first: " + what + ")";
    };
  }
}
