package dev.horae.schedule;

import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancel Schedule: irreversible. Future events of the schedule are cancelled in the same
 * transaction, except those with participants when {@code preserveFutureEventsWithParticipants}.
 */
@Component
public class CancellingSchedule {
  private final Outbox outbox;
  private final ScheduleRepository schedules;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  CancellingSchedule(ScheduleRepository schedules, ApplicationEventPublisher events, Clock clock, Outbox outbox) {
    this.outbox = outbox;
    this.schedules = schedules;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public Schedule cancel(TenantId tenant, UUID id, Long revision, boolean preserveFutureEventsWithParticipants) {
    return cancel(tenant, id, revision, preserveFutureEventsWithParticipants, dev.horae.shared.ParticipantNotification.NONE);
  }

  /** Cancel Schedule, telling the participants of the events it cancels when {@code how} asks for it. */
  @Transactional
  public Schedule cancel(TenantId tenant, UUID id, Long revision, boolean preserveFutureEventsWithParticipants,
      dev.horae.shared.ParticipantNotification how) {
    Schedule current = schedules.findForUpdate(tenant, id).orElseThrow(() -> Rejection.notFound("Schedule", id));
    ScheduleGuards.mayChange(current, revision);
    Instant now = Instants.truncate(clock.instant());
    Schedule cancelled =
        new Schedule(
            current.id(), current.externalId(), current.name(), ScheduleStatus.CANCELLED, current.timeZone(),
            current.businessTimeZoneEnabled(), current.defaultTitle(), current.defaultLocation(),
            current.defaultCapacity(), current.defaultConferencingDetails(), current.appId(),
            current.permissions(), current.extendedFields(), current.revision() + 1, current.createdDate(), now);
    schedules.update(tenant, cancelled, current.revision());
    ScheduleView view = ScheduleView.of(cancelled, true);
    outbox.record(tenant, List.of(
        DomainEvent.updated(ScheduleView.FQDN, cancelled.id().toString(), cancelled.revision(), view),
        DomainEvent.action(ScheduleView.FQDN, "cancelled", cancelled.id().toString(), cancelled.revision(), Map.of("schedule", view))));
    events.publishEvent(new ScheduleCancelled(tenant, cancelled, preserveFutureEventsWithParticipants, now, how));
    return cancelled;
  }
}
