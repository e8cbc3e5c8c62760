package dev.horae.schedule;

import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.TimeZones;
import dev.horae.shared.Violations;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Update Schedule: needs the revision the caller read; bumps it by exactly 1. {@code externalId}
 * and {@code appId} are immutable; a cancelled schedule takes no change (428).
 */
@Component
public class UpdatingSchedule {
  private final Outbox outbox;
  private final ScheduleRepository schedules;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  UpdatingSchedule(ScheduleRepository schedules, ApplicationEventPublisher events, Clock clock, Outbox outbox) {
    this.outbox = outbox;
    this.schedules = schedules;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public Schedule update(TenantId tenant, UUID id, Long revision, ScheduleChanges c) {
    return update(tenant, id, revision, c, dev.horae.shared.ParticipantNotification.NONE);
  }

  /** Update Schedule, telling the participants of the events whose defaults change when {@code how} asks for it. */
  @Transactional
  public Schedule update(TenantId tenant, UUID id, Long revision, ScheduleChanges c, dev.horae.shared.ParticipantNotification how) {
    Schedule current = schedules.findForUpdate(tenant, id).orElseThrow(() -> Rejection.notFound("Schedule", id));
    ScheduleGuards.mayChange(current, revision);
    Violations v = new Violations();
    v.check(!c.externalId().present() || Objects.equals(c.externalId().value(), current.externalId()),
        "schedule.externalId", "can't be changed after creation");
    v.check(!c.appId().present() || Objects.equals(c.appId().value(), current.appId()),
        "schedule.appId", "can't be changed after creation");
    ZoneId zone = current.timeZone();
    if (c.timeZone().present()) {
      zone = TimeZones.parse(c.timeZone().value(), "schedule.timeZone", v);
    }
    Instant now = Instants.truncate(clock.instant());
    Schedule next =
        new Schedule(
            current.id(),
            current.externalId(),
            c.name().orElse(current.name()),
            current.status(),
            zone == null ? current.timeZone() : zone,
            c.businessTimeZoneEnabled().setsValue() ? c.businessTimeZoneEnabled().value() : current.businessTimeZoneEnabled(),
            c.defaultTitle().orElse(current.defaultTitle()),
            c.defaultLocation().orElse(current.defaultLocation()),
            c.defaultCapacity().orElse(current.defaultCapacity()),
            c.defaultConferencingDetails().orElse(current.defaultConferencingDetails()),
            current.appId(),
            c.permissions().orElse(current.permissions()),
            c.extendedFields().orElse(current.extendedFields()),
            current.revision() + 1,
            current.createdDate(),
            now);
    ScheduleRules.check(next, v);
    v.throwIfAny();
    schedules.update(tenant, next, current.revision());
    outbox.record(tenant, DomainEvent.updated(ScheduleView.FQDN, next.id().toString(), next.revision(), ScheduleView.of(next, true)));
    if (defaultsChanged(current, next)) {
      events.publishEvent(new ScheduleDefaultsChanged(tenant, current, next, now, how));
    }
    return next;
  }

  private static boolean defaultsChanged(Schedule a, Schedule b) {
    return !Objects.equals(a.defaultTitle(), b.defaultTitle())
        || !Objects.equals(a.timeZone(), b.timeZone())
        || !Objects.equals(a.defaultLocation(), b.defaultLocation())
        || !Objects.equals(a.defaultCapacity(), b.defaultCapacity())
        || !Objects.equals(a.defaultConferencingDetails(), b.defaultConferencingDetails());
  }
}
