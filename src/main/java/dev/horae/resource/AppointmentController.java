package dev.horae.resource;

import io.swagger.v3.oas.annotations.Parameter;
import dev.horae.shared.TextFormats;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import dev.horae.shared.Instants;
import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.TimeZones;
import dev.horae.shared.Uuids;
import dev.horae.shared.Violations;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** OnSched appointments ({@code /consumer/v1/appointments}): hold (IN), book, reserve, reschedule, cancel, delete a hold, get and list. */
@RestController
@RequestMapping(path = "/consumer/v1/appointments", produces = "application/json")
class AppointmentController {
  private final Appointments appointments;
  private final AppointmentRepository repository;
  private final ServiceRepository services;
  private final Resources resources;

  AppointmentController(Appointments appointments, AppointmentRepository repository, ServiceRepository services, Resources resources) {
    this.appointments = appointments;
    this.repository = repository;
    this.services = services;
    this.resources = resources;
  }

  record Initial(
      @NotNull @Size(max = TextLimits.ID) String serviceId,
      @Size(max = TextLimits.ID) String resourceId,
      @Pattern(regexp = TextFormats.OFFSET_DATE_TIME, message = TextFormats.OFFSET_DATE_TIME_SAYS) @Size(max = TextLimits.DATE) String startDateTime,
      @Pattern(regexp = TextFormats.OFFSET_DATE_TIME, message = TextFormats.OFFSET_DATE_TIME_SAYS) @Size(max = TextLimits.DATE) String endDateTime,
      @Size(max = TextLimits.TIME_ZONE) String timezoneName,
      @Size(max = TextLimits.NAME) String name,
      @Size(max = TextLimits.EMAIL) String email,
      @Size(max = TextLimits.PHONE) String phone,
      @Size(max = TextLimits.NOTES) String notes,
      @Size(max = TextLimits.NOTES) String customerMessage) {}

  record BookModel(
      @Size(max = TextLimits.NAME) String name,
      @Size(max = TextLimits.EMAIL) String email,
      @Size(max = TextLimits.PHONE) String phone,
      @Size(max = TextLimits.NOTES) String notes,
      @Size(max = TextLimits.NOTES) String customerMessage) {}

  record RescheduleModel(
      @Pattern(regexp = TextFormats.OFFSET_DATE_TIME, message = TextFormats.OFFSET_DATE_TIME_SAYS) @Size(max = TextLimits.DATE) String startDateTime,
      @Pattern(regexp = TextFormats.OFFSET_DATE_TIME, message = TextFormats.OFFSET_DATE_TIME_SAYS) @Size(max = TextLimits.DATE) String endDateTime,
      @Size(max = TextLimits.ID) String resourceId) {}

  @PostMapping(consumes = "application/json")
  View create(TenantId tenant, @Valid @RequestBody Initial in, @Parameter(schema = @Schema(allowableValues = {"IN", "RS", "BK"})) @RequestParam(defaultValue = "IN") String completeBooking) {
    Violations v = new Violations();
    v.check(in.resourceId() != null, "resourceId", "is required: the resource to book");
    v.check(List.of("IN", "RS", "BK").contains(completeBooking), "completeBooking", "must be IN, RS or BK");
    Instant start = instant(in.startDateTime(), "startDateTime", v);
    Instant end = instant(in.endDateTime(), "endDateTime", v);
    ZoneId zone = in.timezoneName() == null ? null : TimeZones.parse(in.timezoneName(), "timezoneName", v);
    v.throwIfAny();
    Service service = services.get(tenant, in.serviceId());
    Resource resource = resources.get(tenant, in.resourceId());
    if (resource.deletedAt() != null) {
      throw Rejection.invalid("resourceId", "the resource is deleted");
    }
    if (!resource.offers(service.id())) {
      throw Rejection.invalid("resourceId", "the resource does not offer this service");
    }
    checkDuration(service, start, end);
    Appointment a = appointments.create(tenant, service, resource, start, zone == null ? resource.timeZone().getId() : zone.getId(),
        new Appointments.Customer(in.name(), in.email(), in.phone(), in.notes(), in.customerMessage()), AppointmentStatus.valueOf(completeBooking));
    return view(a, service, resource);
  }

  @PutMapping(path = "/{id}/book", consumes = "application/json")
  View book(TenantId tenant, @PathVariable String id, @Valid @RequestBody(required = false) BookModel in) {
    BookModel b = in == null ? new BookModel(null, null, null, null, null) : in;
    return view(tenant, appointments.book(tenant, uuid(id), new Appointments.Customer(b.name(), b.email(), b.phone(), b.notes(), b.customerMessage())));
  }

  @PutMapping("/{id}/reserve")
  View reserve(TenantId tenant, @PathVariable String id) {
    return view(tenant, appointments.reserve(tenant, uuid(id)));
  }

  @PutMapping("/{id}/cancel")
  View cancel(TenantId tenant, @PathVariable String id) {
    return view(tenant, appointments.cancel(tenant, uuid(id)));
  }

  @PutMapping(path = "/{id}/reschedule", consumes = "application/json")
  View reschedule(TenantId tenant, @PathVariable String id, @Valid @RequestBody RescheduleModel in) {
    Violations v = new Violations();
    Instant start = instant(in.startDateTime(), "startDateTime", v);
    Instant end = instant(in.endDateTime(), "endDateTime", v);
    UUID resourceId = in.resourceId() == null ? null : Uuids.parse(in.resourceId()).orElse(null);
    v.check(in.resourceId() == null || resourceId != null, "resourceId", "must be a resource id");
    v.throwIfAny();
    Appointment current = repository.find(tenant, uuid(id), false).orElseThrow(() -> Rejection.notFound("Appointment", id));
    Service service = services.get(tenant, current.serviceId().toString());
    checkDuration(service, start, end);
    return view(tenant, appointments.reschedule(tenant, current.id(), start, resourceId));
  }

  @DeleteMapping("/{id}")
  Paging.Deleted delete(TenantId tenant, @PathVariable String id) {
    appointments.delete(tenant, uuid(id));
    return new Paging.Deleted("appointment", id, true);
  }

  @GetMapping("/{id}")
  View get(TenantId tenant, @PathVariable String id) {
    return view(tenant, repository.find(tenant, uuid(id), false).orElseThrow(() -> Rejection.notFound("Appointment", id)));
  }

  @GetMapping
  Paging.Listed<View> list(TenantId tenant, @RequestParam(required = false) String resourceId, @RequestParam(required = false) String serviceId,
      @Parameter(schema = @Schema(allowableValues = {"IN", "RS", "BK", "CN", "RE"})) @RequestParam(required = false) String status,
      @RequestParam(required = false) String startDate, @RequestParam(required = false) String endDate,
      @RequestParam(required = false) String email, @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "20") int limit) {
    Paging p = Paging.of(offset, limit);
    Violations v = new Violations();
    v.check(status == null || List.of("IN", "RS", "BK", "CN", "RE").contains(status), "status", "must be IN, RS, BK, CN or RE");
    Instant from = startDate == null ? null : day(startDate, "startDate", v);
    Instant to = endDate == null ? null : day(endDate, "endDate", v);
    v.throwIfAny();
    AppointmentRepository.Filter f = new AppointmentRepository.Filter(resourceId == null ? null : filterId(resourceId, "resourceId"),
        serviceId == null ? null : filterId(serviceId, "serviceId"), status == null ? null : AppointmentStatus.valueOf(status), from, to == null ? null : to.plus(Duration.ofDays(1)), email);
    List<View> page = repository.list(tenant, f, p.offset(), p.limit()).stream().map(a -> view(tenant, a)).toList();
    return p.envelope("/consumer/v1/appointments", page, repository.count(tenant, f));
  }

  private static void checkDuration(Service service, Instant start, Instant end) {
    if (!Duration.between(start, end).equals(Duration.ofMinutes(service.duration()))) {
      throw Rejection.invalid("endDateTime", "must be startDateTime plus the service's duration (" + service.duration() + " minutes)");
    }
  }

  private static Instant instant(String raw, String field, Violations v) {
    try {
      Instant parsed = OffsetDateTime.parse(raw).toInstant();
      if (!Instants.inRange(parsed)) {
        v.add(field, Instants.outOfRange());
        return null;
      }
      return parsed;
    } catch (RuntimeException e) {
      v.add(field, "is required: ISO 8601 with offset, e.g. 2026-11-23T09:00:00+01:00");
      return null;
    }
  }

  private static Instant day(String raw, String field, Violations v) {
    try {
      java.time.LocalDate parsed = java.time.LocalDate.parse(raw);
      if (!Instants.inRange(parsed)) {
        v.add(field, Instants.outOfRange());
        return null;
      }
      return parsed.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    } catch (RuntimeException e) {
      v.add(field, "must be a date YYYY-MM-DD");
      return null;
    }
  }

  /** A filter's id: one that is no id at all is a 400 (one of no such entity simply matches nothing). */
  private static UUID filterId(String id, String field) {
    return Uuids.parse(id).orElseThrow(() -> Rejection.invalid(field, "must be an id"));
  }

  private static UUID uuid(String id) {
    return Uuids.parse(id).orElseThrow(() -> Rejection.notFound("Appointment", id));
  }

  private View view(TenantId tenant, Appointment a) {
    return view(a, services.get(tenant, a.serviceId().toString()), resources.get(tenant, a.resourceId().toString()));
  }

  /**
   * OnSched's AppointmentViewModel (the parts Horae has), times in the appointment's zone;
   * {@code time} is HHmm, {@code timezone} minutes from GMT, {@code place} which of the service's
   * places it takes.
   */
  record View(
      @Schema(allowableValues = "appointment") String object, String id,
      @Schema(allowableValues = {"IN", "RS", "BK", "CN", "RE"}) String status,
      String serviceId, String serviceName, String resourceId, String resourceName, String startDateTime, String endDateTime,
      String dateInternational, int time, int duration, int timezone, String timezoneIana, String expiresAt, String name, String email,
      String phone, String notes, String customerMessage, String eventId, String rescheduledId, int place, String createDate,
      String lastModifiedOn, List<Map<String, Object>> auditTrail) {
    @Override
    public String toString() {
      return "AppointmentView[id=" + id + ", status=" + status + ", customer=***]";
    }
  }

  static View view(Appointment a, Service service, Resource resource) {
    ZoneId zone = ZoneId.of(a.timeZone() == null ? resource.timeZone().getId() : a.timeZone());
    OffsetDateTime start = a.start().atZone(zone).toOffsetDateTime();
    return new View("appointment", a.id().toString(), a.status().name(), service.id().toString(), service.name(), resource.id().toString(),
        resource.name(), start.toString(), a.end().atZone(zone).toOffsetDateTime().toString(), start.toLocalDate().toString(),
        start.getHour() * 100 + start.getMinute(), service.duration(), start.getOffset().getTotalSeconds() / 60, zone.getId(),
        a.expiresAt() == null ? null : a.expiresAt().toString(), a.name(), a.email(), a.phone(), a.notes(), a.customerMessage(),
        a.eventId(), a.rescheduledId() == null ? null : a.rescheduledId().toString(), a.place(), a.created().toString(),
        a.updated().toString(), a.audit());
  }

}
