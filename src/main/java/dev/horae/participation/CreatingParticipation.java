package dev.horae.participation;

import dev.horae.event.EventCapacity;
import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;
import dev.horae.schedule.FindingSchedules;
import dev.horae.schedule.Schedule;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import dev.horae.shared.Violations;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Create Participation in an event (taking {@code partySize} places, 409 when they are not left)
 * or in a schedule. Exactly one of {@code eventId} and {@code scheduleId}.
 */
@Component
class CreatingParticipation {
  private final Outbox outbox;
  private final ParticipationRepository participations;
  private final EventCapacity capacity;
  private final FindingSchedules schedules;
  private final Clock clock;

  CreatingParticipation(ParticipationRepository participations, EventCapacity capacity, FindingSchedules schedules, Clock clock, Outbox outbox) {
    this.outbox = outbox;
    this.participations = participations;
    this.capacity = capacity;
    this.schedules = schedules;
    this.clock = clock;
  }

  @Transactional
  Participation create(TenantId tenant, ParticipationChanges c) {
    String eventId = c.eventId().value();
    String scheduleText = c.scheduleId().value();
    if ((eventId == null) == (scheduleText == null)) {
      throw Rejection.invalid("participation.eventId", "exactly one of eventId and scheduleId is required");
    }
    Instant now = Instants.truncate(clock.instant());
    UUID scheduleId = scheduleText == null ? null
        : Uuids.parse(scheduleText).orElseThrow(() -> Rejection.invalid("participation.scheduleId", "must be a GUID"));
    Participation.Status status = c.status().setsValue() ? c.status().value() : Participation.Status.CONFIRMED;
    Participation p = new Participation(
        Ids.newUuid(), eventId, scheduleId, c.externalId().value(), c.participant().value(),
        c.partySize().setsValue() ? c.partySize().value() : 0, status, null, c.extendedFields().value(), 1, now, now, null);
    Violations v = new Violations();
    ParticipationRules.check(p, v);
    v.throwIfAny();
    String appId;
    if (eventId != null) {
      appId = capacity.change(tenant, eventId, p.partySize(), p.pendingPlaces());
    } else {
      Schedule s = schedules.getActiveAndHold(tenant, scheduleId);
      appId = s.appId();
    }
    Participation stored = new Participation(p.id(), p.eventId(), p.scheduleId(), p.externalId(), p.participant(),
        p.partySize(), p.status(), appId, p.extendedFields(), 1, now, now, null);
    participations.insert(tenant, stored);
    outbox.record(tenant, DomainEvent.created(ParticipationController.View.FQDN, stored.id().toString(), stored.revision(), ParticipationController.View.of(stored)));
    return stored;
  }
}
