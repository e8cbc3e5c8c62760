package dev.horae.resource;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.shared.Violations;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Services ({@code /setup/v1/services}): OnSched's service with the rules availability uses, in
 * minutes: {@code duration}, {@code interval} (default: the duration), {@code bufferBefore}, {@code
 * bufferAfter}, {@code minimumNotice}; {@code bookingHorizon} in days (365); {@code bookingLimit},
 * the bookings one resource takes at once (1).
 */
@RestController
@RequestMapping(path = "/setup/v1/services", produces = "application/json")
class ServiceController {
  private final ServiceRepository services;
  private final Clock clock;
  private final dev.horae.outbox.Outbox outbox;
  private final org.springframework.transaction.support.TransactionTemplate transactions;
  /** Service changes reach webhooks and the change feed as {@code onsched.setup.v1.service.created|updated}. */
  static final String FQDN = "onsched.setup.v1.service";

  ServiceController(ServiceRepository services, Clock clock, dev.horae.outbox.Outbox outbox,
      org.springframework.transaction.support.TransactionTemplate transactions) {
    this.services = services;
    this.clock = clock;
    this.outbox = outbox;
    this.transactions = transactions;
  }

  private void save(TenantId tenant, Service s, boolean created) {
    transactions.executeWithoutResult(status -> {
      services.save(tenant, s);
      outbox.record(tenant, created ? dev.horae.outbox.DomainEvent.created(FQDN, s.id().toString(), s.updated().toEpochMilli(), view(s))
          : dev.horae.outbox.DomainEvent.updated(FQDN, s.id().toString(), s.updated().toEpochMilli(), view(s)));
    });
  }

  record ServiceInput(
      @Size(max = TextLimits.NAME) String name, @Size(max = TextLimits.DESCRIPTION) String description, Integer duration, Integer interval, Integer bufferBefore, Integer bufferAfter,
      Integer minimumNotice, Integer bookingHorizon, Integer bookingLimit, Boolean notifyCustomers) {}

  @PostMapping(consumes = "application/json")
  View create(TenantId tenant, @Valid @RequestBody ServiceInput in) {
    Instant now = Instants.truncate(clock.instant());
    Service s = validated(in, Ids.newUuid(), now, now);
    save(tenant, s, true);
    return view(s);
  }

  @PutMapping(path = "/{id}", consumes = "application/json")
  View update(TenantId tenant, @PathVariable String id, @Valid @RequestBody ServiceInput in) {
    Service current = get(tenant, id);
    Service s = validated(in, current.id(), current.created(), Instants.truncate(clock.instant()));
    save(tenant, s, false);
    return view(s);
  }

  @GetMapping("/{id}")
  View one(TenantId tenant, @PathVariable String id) {
    return view(get(tenant, id));
  }

  @GetMapping
  Paging.Listed<View> list(TenantId tenant, @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "20") int limit) {
    Paging p = Paging.of(offset, limit);
    var page = services.list(tenant, p.offset(), p.limit()).stream().map(ServiceController::view).toList();
    return p.envelope("/setup/v1/services", page, services.count(tenant));
  }

  private Service get(TenantId tenant, String id) {
    return services.get(tenant, id);
  }

  private static Service validated(ServiceInput in, UUID id, Instant created, Instant updated) {
    Violations v = new Violations();
    v.check(in.name() != null && !in.name().isBlank(), "name", "is required"); // its length is @Size's
    v.check(in.duration() != null && in.duration() >= 1 && in.duration() <= 1440, "duration", "is required: minutes, 1 to 1440");
    int interval = in.interval() == null ? (in.duration() == null ? 0 : in.duration()) : in.interval();
    v.check(interval >= 1 && interval <= 1440, "interval", "must be minutes, 1 to 1440");
    v.check(in.bufferBefore() == null || (in.bufferBefore() >= 0 && in.bufferBefore() <= 1440), "bufferBefore", "must be minutes, 0 to 1440");
    v.check(in.bufferAfter() == null || (in.bufferAfter() >= 0 && in.bufferAfter() <= 1440), "bufferAfter", "must be minutes, 0 to 1440");
    v.check(in.minimumNotice() == null || in.minimumNotice() >= 0, "minimumNotice", "must be minutes, 0 or more");
    v.check(in.bookingHorizon() == null || (in.bookingHorizon() >= 1 && in.bookingHorizon() <= 3650), "bookingHorizon", "must be days, 1 to 3650");
    v.check(in.bookingLimit() == null || (in.bookingLimit() >= 1 && in.bookingLimit() <= 1000), "bookingLimit", "must be 1 to 1000");
    v.throwIfAny();
    return new Service(id, in.name(), in.description(), in.duration(), interval, orZero(in.bufferBefore()), orZero(in.bufferAfter()),
        orZero(in.minimumNotice()), in.bookingHorizon() == null ? 365 : in.bookingHorizon(), in.bookingLimit() == null ? 1 : in.bookingLimit(),
        Boolean.TRUE.equals(in.notifyCustomers()), created, updated);
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }

  /** OnSched's ServiceViewModel, the parts Horae has: minutes for durations, days for the horizon. */
  record View(
      @Schema(allowableValues = "service") String object, String id, String name, String description, int duration, int interval,
      int bufferBefore, int bufferAfter, int minimumNotice, int bookingHorizon, int bookingLimit, boolean notifyCustomers) {}

  static View view(Service s) {
    return new View("service", s.id().toString(), s.name(), s.description(), s.duration(), s.interval(), s.bufferBefore(),
        s.bufferAfter(), s.minimumNotice(), s.bookingHorizon(), s.bookingLimit(), s.notifyCustomers());
  }
}
