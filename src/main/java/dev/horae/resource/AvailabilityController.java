package dev.horae.resource;

import io.swagger.v3.oas.annotations.media.Schema;
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
  org.springframework.http.ResponseEntity<Answer> available(TenantId tenant, @PathVariable String serviceId, @PathVariable String startDate, @PathVariable String endDate,
      @RequestParam(required = false) String resourceId, @RequestParam(required = false) String resourceIds,
      @RequestParam(required = false) String require, @RequestParam(required = false) String timezoneName,
      @RequestParam(required = false) Integer tzOffset, @RequestParam(defaultValue = "false") boolean explain) {
    return answer(tenant, serviceId, startDate, endDate, resourceId, resourceIds, require, timezoneName, tzOffset, explain, false);
  }

  @GetMapping(path = "/consumer/v1/availability/{serviceId}/{startDate}/{endDate}/unavailable", produces = "application/json")
  org.springframework.http.ResponseEntity<Answer> unavailable(TenantId tenant, @PathVariable String serviceId, @PathVariable String startDate, @PathVariable String endDate,
      @RequestParam(required = false) String resourceId, @RequestParam(required = false) String resourceIds,
      @RequestParam(required = false) String require, @RequestParam(required = false) String timezoneName,
      @RequestParam(required = false) Integer tzOffset) {
    return answer(tenant, serviceId, startDate, endDate, resourceId, resourceIds, require, timezoneName, tzOffset, true, true);
  }

  /** The answer, with a {@code Server-Timing} header: time spent loading from the database, computing, and in all. */
  private org.springframework.http.ResponseEntity<Answer> answer(TenantId tenant, String serviceId, String startDate, String endDate, String resourceId, String resourceIds,
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
    ZoneId z = zone;
    List<Slot> slots = onlyUnavailable ? null : a == null ? List.of() : a.result().slots().stream().map(x -> slot(x, service, z)).toList();
    List<Source> external = onlyUnavailable ? null : a == null ? List.of() : sources(chosen, a);
    List<Unavailable> refused = null;
    if (explain) {
      Map<String, String> names = new java.util.HashMap<>();
      chosen.forEach(r -> names.put(r.id().toString(), r.name()));
      refused = a == null ? List.of() : a.result().refusals().stream().map(x -> refusal(x, names, z)).toList();
    }
    Answer out = new Answer(onlyUnavailable ? "unavailableTimes" : "availableTimes", service.id().toString(), service.name(),
        service.duration(), chosen.stream().map(r -> r.id().toString()).toList(), from.toString(), to.toString(), zone.getId(),
        zone.getRules().getOffset(from.atStartOfDay()).getTotalSeconds() / 60, slots, external, refused);
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

  /**
   * OnSched's availability answer. {@code availableTimes} and {@code externalSources} are left out
   * of the {@code /unavailable} answer; {@code unavailableTimes} (why each slot is missing) is given
   * with {@code explain=true} and by {@code /unavailable}. {@code tzRequested} is minutes from GMT.
   */
  record Answer(
      @Schema(allowableValues = {"availableTimes", "unavailableTimes"}) String object, String serviceId, String serviceName,
      int serviceDuration, List<String> resourceIds, String startDate, String endDate, String timezoneName, int tzRequested,
      List<Slot> availableTimes, List<Source> externalSources, List<Unavailable> unavailableTimes) {}

  /** A free slot; {@code time} is HHmm in the answer's zone, {@code resourceIds} the resources it would take. */
  record Slot(
      String startDateTime, String endDateTime, String date, int time, String displayTime, int duration, int allowableBookings,
      int availableBookings, String resourceId, List<String> resourceIds) {}

  /**
   * An external calendar a resource's availability depends on, how fresh it is and whether its busy
   * time counted; {@code NOT_AUTHORIZED} when the resource asks for one that is not connected.
   */
  record Source(String resourceId, String connectionId, String calendarType, String status, boolean counted, String lastSuccessfulSyncDate) {}

  /** Why a slot is missing for a resource, and what blocks it ({@code entityType}, {@code entityId}) when something does. */
  record Unavailable(
      String date, int fromTime, int toTime, String startDateTime, String endDateTime, Availability.Reason reasonCode, String reason,
      dev.horae.availability.Block.Kind entityType, String entityId, String resourceId,
      String resourceName) {}

  private static Slot slot(Availability.Slot s, Service service, ZoneId zone) {
    OffsetDateTime start = s.start().atZone(zone).toOffsetDateTime();
    return new Slot(start.toString(), s.end().atZone(zone).toOffsetDateTime().toString(), start.toLocalDate().toString(),
        start.getHour() * 100 + start.getMinute(), DISPLAY.format(start), service.duration(), service.bookingLimit(), s.availableCapacity(),
        s.resourceIds().get(0), s.resourceIds());
  }

  private static List<Source> sources(List<Resource> chosen, Availabilities.Answer a) {
    List<Source> out = new ArrayList<>();
    for (Resource r : chosen) {
      if (r.calendarAvailability() == 0) {
        continue;
      }
      List<ExternalCalendars.Source> mine = a.sources().stream().filter(s -> s.scheduleId().equals(r.scheduleId())).toList();
      for (ExternalCalendars.Source s : mine) {
        out.add(new Source(r.id().toString(), s.connectionId().toString(), s.calendarType(), s.status().name(),
            Availabilities.counts(r.calendarAvailability(), s), s.lastSuccessfulSyncDate() == null ? null : s.lastSuccessfulSyncDate().toString()));
      }
      if (!a.externalCounted().get(r.id())) {
        String wanted = switch (r.calendarAvailability()) {
          case 1 -> "GOOGLE";
          case 2 -> "MICROSOFT";
          default -> "ANY";
        };
        out.add(new Source(r.id().toString(), null, wanted, "NOT_AUTHORIZED", false, null));
      }
    }
    return out;
  }

  private static Unavailable refusal(Availability.Refusal x, Map<String, String> names, ZoneId zone) {
    OffsetDateTime start = x.start().atZone(zone).toOffsetDateTime();
    OffsetDateTime end = x.end().atZone(zone).toOffsetDateTime();
    return new Unavailable(start.toLocalDate().toString(), start.getHour() * 100 + start.getMinute(), end.getHour() * 100 + end.getMinute(),
        start.toString(), end.toString(), x.reason(), reason(x), x.block() == null ? null : x.block().kind(),
        x.block() == null ? null : x.block().id(), x.resourceId(), names.get(x.resourceId()));
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
