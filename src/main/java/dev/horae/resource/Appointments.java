package dev.horae.resource;

import dev.horae.availability.Availability;
import dev.horae.event.CancellingEvent;
import dev.horae.event.CreatingEvent;
import dev.horae.event.EventChanges;
import dev.horae.event.EventEnums.EventType;
import dev.horae.event.EventEnums.Transparency;
import dev.horae.event.FindingEvents;
import dev.horae.shared.Change;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Holds, bookings, reservations, reschedules and cancellations. A new appointment must be a slot
 * availability offers for its resource (so hours, events, external busy time, buffers, notice and
 * horizon apply); then it takes the first free capacity place. That last step is the database's:
 * the exclusion constraint refuses two live appointments on one place at overlapping times, so two
 * bookings racing for the last place cannot both win, whatever the check before said. A hold (IN)
 * lasts {@code horae.appointments.hold-ttl} (10 minutes); an expired one gives its place back. A
 * booking (BK) puts an APPOINTMENT event in the resource's schedule, which exports it to the
 * resource's own calendar when that is connected.
 */
@Component
class Appointments {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private final AppointmentRepository appointments;
  private final ResourceRepository resources;
  private final ServiceRepository services;
  private final Availabilities availabilities;
  private final CreatingEvent creatingEvent;
  private final CancellingEvent cancellingEvent;
  private final FindingEvents findingEvents;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration holdTtl;
  private final dev.horae.outbox.Outbox outbox;
  private final dev.horae.event.EventNotices notices;
  /** Appointment changes reach webhooks and the change feed as {@code onsched.consumer.v1.appointment.created|booked|reserved|cancelled|rescheduled|deleted}. */
  static final String FQDN = "onsched.consumer.v1.appointment";

  Appointments(AppointmentRepository appointments, ResourceRepository resources, ServiceRepository services, Availabilities availabilities,
      CreatingEvent creatingEvent, CancellingEvent cancellingEvent, FindingEvents findingEvents, TransactionTemplate transactions, Clock clock,
      @Value("${horae.appointments.hold-ttl:PT10M}") Duration holdTtl, dev.horae.outbox.Outbox outbox,
      dev.horae.event.EventNotices notices) {
    this.notices = notices;
    this.outbox = outbox;
    this.appointments = appointments;
    this.resources = resources;
    this.services = services;
    this.availabilities = availabilities;
    this.creatingEvent = creatingEvent;
    this.cancellingEvent = cancellingEvent;
    this.findingEvents = findingEvents;
    this.transactions = transactions;
    this.clock = clock;
    this.holdTtl = holdTtl;
  }

  record Customer(String name, String email, String phone, String notes, String customerMessage) {}

  /** Creates a hold (IN), or goes straight to {@code complete} (RS or BK). */
  Appointment create(TenantId tenant, Service service, Resource resource, Instant start, String timeZone, Customer customer, AppointmentStatus complete) {
    return transactions.execute(status -> {
      Instant now = Instants.truncate(clock.instant());
      Appointment held = place(tenant, status, service, resource, start, timeZone, customer, now, null);
      return complete == AppointmentStatus.IN ? held : transition(tenant, held, complete, customer, now, service, resource);
    });
  }

  Appointment book(TenantId tenant, UUID id, Customer customer) {
    return change(tenant, id, AppointmentStatus.BK, customer);
  }

  Appointment reserve(TenantId tenant, UUID id) {
    return change(tenant, id, AppointmentStatus.RS, null);
  }

  Appointment cancel(TenantId tenant, UUID id) {
    return change(tenant, id, AppointmentStatus.CN, null);
  }

  void delete(TenantId tenant, UUID id) {
    transactions.executeWithoutResult(status -> {
      Appointment a = appointments.find(tenant, id, true).orElseThrow(() -> Rejection.notFound("Appointment", id));
      if (a.status() != AppointmentStatus.IN) {
        throw Rejection.failedPrecondition("APPOINTMENT_NOT_HELD", "only a hold (IN) can be deleted; this appointment is " + a.status() + ": cancel it");
      }
      appointments.delete(tenant, id);
      outbox.record(tenant, dev.horae.outbox.DomainEvent.action(FQDN, "deleted", id.toString(), (long) a.audit().size() + 1, Map.of("id", id.toString())));
    });
  }

  /** Reschedules a booking: the old one becomes RE, a new BK takes the new slot (rescheduledId → the old); all or nothing. */
  Appointment reschedule(TenantId tenant, UUID id, Instant start, UUID resourceId) {
    return transactions.execute(status -> {
      Instant now = Instants.truncate(clock.instant());
      lockResourceOf(tenant, id);
      Appointment old = appointments.find(tenant, id, true).orElseThrow(() -> Rejection.notFound("Appointment", id));
      if (old.status() != AppointmentStatus.BK) {
        throw Rejection.failedPrecondition("APPOINTMENT_NOT_BOOKED", "only a booked (BK) appointment can be rescheduled; this one is " + old.status());
      }
      Service service = services.find(tenant, old.serviceId()).orElseThrow();
      Resource resource = resources.find(tenant, resourceId == null ? old.resourceId() : resourceId, true)
          .filter(r -> r.deletedAt() == null).orElseThrow(() -> Rejection.invalid("resourceId", "is not a resource of GET /setup/v1/resources"));
      Appointment moved = with(old, AppointmentStatus.RE, null, old.eventId(), audit(old, AppointmentStatus.RE, now), now);
      appointments.update(tenant, moved); // frees its place first, so the new slot may overlap the old one
      record(tenant, moved, "rescheduled", service, resources.find(tenant, old.resourceId(), false).orElseThrow());
      cancelEvent(tenant, old.eventId());
      Customer customer = new Customer(old.name(), old.email(), old.phone(), old.notes(), old.customerMessage());
      Appointment fresh = place(tenant, status, service, resource, start, old.timeZone(), customer, now, old.id());
      return transition(tenant, fresh, AppointmentStatus.BK, customer, now, service, resource);
    });
  }

  private Appointment change(TenantId tenant, UUID id, AppointmentStatus to, Customer customer) {
    return transactions.execute(status -> {
      Instant now = Instants.truncate(clock.instant());
      Resource resource = lockResourceOf(tenant, id);
      Appointment a = appointments.find(tenant, id, true).orElseThrow(() -> Rejection.notFound("Appointment", id));
      Service service = services.find(tenant, a.serviceId()).orElseThrow();
      return transition(tenant, a, to, customer, now, service, resource);
    });
  }

  private Appointment transition(TenantId tenant, Appointment a, AppointmentStatus to, Customer customer, Instant now, Service service, Resource resource) {
    switch (to) {
      case BK, RS -> {
        if (a.status() != AppointmentStatus.IN) {
          throw Rejection.failedPrecondition("APPOINTMENT_NOT_HELD", "only a hold (IN) can be " + (to == AppointmentStatus.BK ? "booked" : "reserved")
              + "; this appointment is " + a.status());
        }
        if (a.expiresAt() != null && !a.expiresAt().isAfter(now)) {
          throw Rejection.failedPrecondition("HOLD_EXPIRED", "the hold expired at " + a.expiresAt() + "; the slot may be gone: create a new appointment");
        }
      }
      case CN -> {
        if (a.status() != AppointmentStatus.BK && a.status() != AppointmentStatus.RS) {
          throw Rejection.failedPrecondition("APPOINTMENT_NOT_BOOKED", "only a booked (BK) or reserved (RS) appointment can be cancelled; this one is "
              + a.status() + (a.status() == AppointmentStatus.IN ? ": delete the hold" : ""));
        }
        if (a.start().isBefore(now)) {
          throw Rejection.failedPrecondition("APPOINTMENT_IN_PAST", "an appointment that has started can't be cancelled");
        }
      }
      default -> throw new IllegalArgumentException(to.name());
    }
    Appointment merged = customer == null ? a : new Appointment(a.id(), a.resourceId(), a.serviceId(), a.status(), a.start(), a.end(), a.place(),
        a.expiresAt(), a.timeZone(), first(customer.name(), a.name()), first(customer.email(), a.email()), first(customer.phone(), a.phone()),
        first(customer.notes(), a.notes()), first(customer.customerMessage(), a.customerMessage()), a.eventId(), a.rescheduledId(), a.audit(),
        a.created(), a.updated());
    if (to == AppointmentStatus.BK) {
      List<String> missing = new ArrayList<>();
      if (merged.name() == null || merged.name().isBlank()) {
        missing.add("name");
      }
      if (merged.email() == null || merged.email().isBlank()) {
        missing.add("email");
      }
      if (!missing.isEmpty()) {
        throw Rejection.invalid(missing.get(0), "is required to book");
      }
    }
    String eventId = merged.eventId();
    dev.horae.event.Event told = null;
    if (to == AppointmentStatus.BK) {
      told = creatingEvent.create(tenant, new EventChanges(Change.to(resource.scheduleId().toString()), Change.to(EventType.APPOINTMENT),
          Change.to(service.name() + ": " + merged.name()), Change.to(resource.timeZone().getId()),
          Change.to(LOCAL.format(merged.start().atZone(resource.timeZone()))), Change.to(LOCAL.format(merged.end().atZone(resource.timeZone()))),
          Change.to(false), Change.to(Transparency.OPAQUE), Change.absent(), Change.absent(), Change.absent(), Change.absent(), Change.absent(),
          Change.absent(), Change.to(Map.of("appointmentId", merged.id().toString())), Change.absent())).event();
      eventId = told.id();
    } else if (to == AppointmentStatus.CN) {
      told = cancelEvent(tenant, eventId);
    }
    if (told != null && service.notifyCustomers()) {
      tellCustomer(tenant, merged, to, told);
    }
    Appointment after = with(merged, to, null, eventId, audit(merged, to, now), now);
    appointments.update(tenant, after);
    record(tenant, after, switch (to) {
      case BK -> "booked";
      case RS -> "reserved";
      default -> "cancelled";
    }, service, resource);
    return after;
  }

  /**
   * The resource's row lock orders the writers of one resource's appointments. It is not what keeps
   * bookings apart (the exclusion constraint is, even for a writer that skips it), but without it
   * two bookings could deadlock: each one's pending row waits for the other's at the constraint check.
   */
  private Resource lockResourceOf(TenantId tenant, UUID appointmentId) {
    Appointment a = appointments.find(tenant, appointmentId, false).orElseThrow(() -> Rejection.notFound("Appointment", appointmentId));
    return resources.find(tenant, a.resourceId(), true).orElseThrow();
  }

  /** Checks the slot is offered, then takes the first free place; the exclusion constraint has the last word. */
  private Appointment place(TenantId tenant, TransactionStatus status, Service service, Resource resource, Instant start, String timeZone,
      Customer customer, Instant now, UUID rescheduledFrom) {
    resources.find(tenant, resource.id(), true); // see lockResourceOf
    Instant end = start.plus(Duration.ofMinutes(service.duration()));
    LocalDate day = start.atZone(resource.timeZone()).toLocalDate();
    Availabilities.Answer answer = availabilities.compute(tenant, service, List.of(resource), day, day, resource.timeZone(), 1, true, now);
    if (answer.result().slots().stream().noneMatch(s -> s.start().equals(start))) {
      Availability.Refusal why = answer.result().refusals().stream().filter(r -> r.start().equals(start)).findFirst().orElse(null);
      throw Rejection.conflict("SLOT_UNAVAILABLE", "the slot at " + start + " is not offered: "
          + (why == null ? "it is not on the service's slot grid within the resource's hours" : why.reason().name()
              + (why.block() == null ? "" : " (" + why.block().kind() + " " + why.block().id() + ")")));
    }
    Instant blockStart = start.minus(Duration.ofMinutes(service.bufferBefore()));
    Instant blockEnd = end.plus(Duration.ofMinutes(service.bufferAfter()));
    appointments.dropExpiredHolds(tenant, resource.id(), blockStart, blockEnd, now);
    for (int place = 1; place <= service.bookingLimit(); place++) {
      Appointment a = new Appointment(Ids.newUuid(), resource.id(), service.id(), AppointmentStatus.IN, start, end, place, now.plus(holdTtl), timeZone,
          customer.name(), customer.email(), customer.phone(), customer.notes(), customer.customerMessage(), null, rescheduledFrom,
          List.of(entry(null, AppointmentStatus.IN, now)), now, now);
      Object savepoint = status.createSavepoint();
      try {
        appointments.insert(tenant, a, blockStart, blockEnd);
        status.releaseSavepoint(savepoint);
        outbox.record(tenant, dev.horae.outbox.DomainEvent.created(FQDN, a.id().toString(), a.audit().size(),
            AppointmentController.view(a, service, resource)));
        return a;
      } catch (DataAccessException e) {
        if (!placeTaken(e)) {
          throw e;
        }
        status.rollbackToSavepoint(savepoint); // that place is taken at an overlapping time: try the next
      }
    }
    throw Rejection.conflict("SLOT_TAKEN", "every place of the slot at " + start + " has just been booked");
  }

  private static boolean placeTaken(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23P01".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Cancels the appointment's event; answers it as cancelled (null without one, or when it already was). */
  private dev.horae.event.Event cancelEvent(TenantId tenant, String eventId) {
    if (eventId != null) {
      var event = findingEvents.get(tenant, eventId).event();
      if (!event.cancelled()) {
        return cancellingEvent.cancel(tenant, eventId, event.revision()).event();
      }
    }
    return null;
  }

  /**
   * Emails the customer (the service has {@code notifyCustomers}): booked, rescheduled (one entry
   * in their calendar across every reschedule: the UID of the first appointment of the chain, the
   * SEQUENCE its number of reschedules) or cancelled (one more).
   */
  private void tellCustomer(TenantId tenant, Appointment a, AppointmentStatus to, dev.horae.event.Event event) {
    int moves = 0;
    UUID root = a.id();
    dev.horae.event.Event previous = null;
    UUID back = a.rescheduledId();
    while (back != null && moves < 1000) {
      Appointment earlier = appointments.find(tenant, back, false).orElse(null);
      if (earlier == null) {
        break;
      }
      if (moves == 0 && earlier.eventId() != null) {
        previous = findingEvents.get(tenant, earlier.eventId()).event();
      }
      root = earlier.id();
      back = earlier.rescheduledId();
      moves++;
    }
    notices.customer(tenant, event, to == AppointmentStatus.CN ? null : previous, a.name(), a.email(), "appointment-" + root + "@horae",
        to == AppointmentStatus.CN ? moves + 1 : moves);
  }

  private void record(TenantId tenant, Appointment a, String slug, Service service, Resource resource) {
    outbox.record(tenant, dev.horae.outbox.DomainEvent.action(FQDN, slug, a.id().toString(), (long) a.audit().size(),
        Map.of("appointment", AppointmentController.view(a, service, resource))));
  }

  private static Appointment with(Appointment a, AppointmentStatus status, Instant expires, String eventId, List<Map<String, Object>> audit, Instant now) {
    return new Appointment(a.id(), a.resourceId(), a.serviceId(), status, a.start(), a.end(), a.place(), expires, a.timeZone(), a.name(), a.email(),
        a.phone(), a.notes(), a.customerMessage(), eventId, a.rescheduledId(), audit, a.created(), now);
  }

  private static List<Map<String, Object>> audit(Appointment a, AppointmentStatus to, Instant now) {
    List<Map<String, Object>> out = new ArrayList<>(a.audit());
    out.add(entry(a.status(), to, now));
    return out;
  }

  private static Map<String, Object> entry(AppointmentStatus before, AppointmentStatus after, Instant at) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("modifiedOn", at.toString());
    e.put("modificationType", "status");
    e.put("statusBefore", before == null ? null : before.name());
    e.put("statusAfter", after.name());
    return e;
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }
}
