package dev.horae.participation;

import dev.horae.event.EventCapacity;
import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Violations;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Update Participation (needs the revision read; bumps it by 1) and Delete Participation. The
 * event's places follow: a larger party takes more (409 when they are not left), a smaller one or a
 * deletion gives them back.
 */
@Component
public class ChangingParticipation {
  private final Outbox outbox;
  private final ParticipationRepository participations;
  private final EventCapacity capacity;
  private final Clock clock;

  ChangingParticipation(ParticipationRepository participations, EventCapacity capacity, Clock clock, Outbox outbox) {
    this.outbox = outbox;
    this.participations = participations;
    this.capacity = capacity;
    this.clock = clock;
  }

  @Transactional
  Participation update(TenantId tenant, UUID id, Long revision, ParticipationChanges c) {
    Participation current = participations.findForUpdate(tenant, id).orElseThrow(() -> Rejection.notFound("Participation", id));
    Rejection.requireRevision("Participation", id, revision, current.revision());
    Violations v = new Violations();
    v.check(!c.eventId().present() || Objects.equals(c.eventId().value(), current.eventId()), "participation.eventId", "can't be changed");
    v.check(!c.scheduleId().present() || Objects.equals(c.scheduleId().value(), String.valueOf(current.scheduleId())),
        "participation.scheduleId", "can't be changed");
    v.check(!c.externalId().present() || Objects.equals(c.externalId().value(), current.externalId()), "participation.externalId", "can't be changed");
    Participation next = new Participation(
        current.id(), current.eventId(), current.scheduleId(), current.externalId(),
        c.participant().orElse(current.participant()),
        c.partySize().setsValue() ? c.partySize().value() : current.partySize(),
        c.status().setsValue() ? c.status().value() : current.status(),
        current.appId(), c.extendedFields().orElse(current.extendedFields()), current.revision() + 1,
        current.createdDate(), Instants.truncate(clock.instant()), current.reply());
    ParticipationRules.check(next, v);
    v.throwIfAny();
    int places = next.partySize() - current.partySize();
    int pending = next.pendingPlaces() - current.pendingPlaces();
    if (current.eventId() != null && (places != 0 || pending != 0)) {
      capacity.change(tenant, current.eventId(), places, pending);
    }
    participations.update(tenant, next);
    outbox.record(tenant, DomainEvent.updated(ParticipationController.View.FQDN, next.id().toString(), next.revision(), ParticipationController.View.of(next)));
    return next;
  }

  /**
   * A participant's answer to an invitation: the reply is recorded, and ACCEPTED confirms the
   * participation (TENTATIVE and DECLINED leave its status and places as they are: the business
   * decides what a decline means for the booking).
   */
  @Transactional
  public Optional<Participation> replied(TenantId tenant, UUID id, Participation.ReplyStatus answer) {
    Participation current = participations.findForUpdate(tenant, id).orElse(null);
    if (current == null) {
      return Optional.empty();
    }
    Instant now = Instants.truncate(clock.instant());
    Participation.Status status = answer == Participation.ReplyStatus.ACCEPTED ? Participation.Status.CONFIRMED : current.status();
    Participation next = new Participation(current.id(), current.eventId(), current.scheduleId(), current.externalId(), current.participant(),
        current.partySize(), status, current.appId(), current.extendedFields(), current.revision() + 1, current.createdDate(), now,
        new Participation.Reply(answer, now));
    int pending = next.pendingPlaces() - current.pendingPlaces();
    if (current.eventId() != null && pending != 0) {
      capacity.change(tenant, current.eventId(), 0, pending);
    }
    participations.update(tenant, next);
    outbox.record(tenant, DomainEvent.updated(ParticipationController.View.FQDN, next.id().toString(), next.revision(), ParticipationController.View.of(next)));
    return Optional.of(next);
  }

  @Transactional
  void delete(TenantId tenant, UUID id) {
    Participation current = participations.findForUpdate(tenant, id).orElseThrow(() -> Rejection.notFound("Participation", id));
    if (current.eventId() != null) {
      capacity.change(tenant, current.eventId(), -current.partySize(), -current.pendingPlaces());
    }
    participations.delete(tenant, id);
    outbox.record(tenant, DomainEvent.action(ParticipationController.View.FQDN, "deleted", id.toString(), current.revision(),
        Map.of("participation", ParticipationController.View.of(current))));
  }
}
