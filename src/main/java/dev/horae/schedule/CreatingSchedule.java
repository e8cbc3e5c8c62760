package dev.horae.schedule;

import dev.horae.outbox.DomainEvent;
import dev.horae.outbox.Outbox;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.shared.TimeZones;
import dev.horae.shared.Violations;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Create Schedule: an ACTIVE schedule at revision 1; the time zone defaults to UTC. */
@Component
public class CreatingSchedule {
  private final Outbox outbox;
  static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

  private final ScheduleRepository schedules;
  private final Clock clock;

  CreatingSchedule(ScheduleRepository schedules, Clock clock, Outbox outbox) {
    this.outbox = outbox;
    this.schedules = schedules;
    this.clock = clock;
  }

  @Transactional
  public Schedule create(TenantId tenant, ScheduleChanges c) {
    Violations v = new Violations();
    ZoneId zone = c.timeZone().setsValue() ? TimeZones.parse(c.timeZone().value(), "schedule.timeZone", v) : DEFAULT_ZONE;
    Instant now = Instants.truncate(clock.instant());
    Schedule s =
        new Schedule(
            Ids.newUuid(),
            c.externalId().value(),
            c.name().value(),
            ScheduleStatus.ACTIVE,
            zone == null ? DEFAULT_ZONE : zone,
            c.businessTimeZoneEnabled().setsValue() ? c.businessTimeZoneEnabled().value() : true,
            c.defaultTitle().value(),
            c.defaultLocation().value(),
            c.defaultCapacity().value(),
            c.defaultConferencingDetails().value(),
            c.appId().value(),
            c.permissions().value(),
            c.extendedFields().value(),
            1,
            now,
            now);
    ScheduleRules.check(s, v);
    v.throwIfAny();
    schedules.insert(tenant, s);
    outbox.record(tenant, DomainEvent.created(ScheduleView.FQDN, s.id().toString(), s.revision(), ScheduleView.of(s, true)));
    return s;
  }
}
