package dev.horae.event;

import dev.horae.shared.Rejection;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Places taken in an event by its participations. Taking places is one conditional UPDATE: the
 * database re-checks the remaining capacity under the row lock, so two concurrent participations can
 * never both take the last place. Each change bumps the event's revision.
 */
@Component
public class EventCapacity {
  private final JdbcClient jdbc;
  private final EventRepository events;
  private final EventLog log;
  private final Clock clock;

  EventCapacity(JdbcClient jdbc, EventRepository events, EventLog log, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Adds {@code places} (negative to release) and {@code pending} unconfirmed places to the event,
   * and answers its app id (which a new participation inherits). Taking places needs a CONFIRMED
   * event with room for them; one statement checks that, takes them and reads the app id.
   */
  public String change(TenantId tenant, String eventId, int places, int pending) {
    Optional<EventEntry> before = events.findForUpdate(tenant, eventId);
    List<Optional<String>> updated =
        jdbc.sql(
                "update event set participants_total = participants_total + :places,"
                    + " participants_pending = participants_pending + :pending,"
                    + " remaining_capacity = case when total_capacity is null then null"
                    + "   else total_capacity - (participants_total + :places) end,"
                    + " revision = revision + 1, updated_at = :now"
                    + " where tenant_id = :tenant and id = :id"
                    + " and (:places <= 0 or (status <> 'CANCELLED'"
                    + "   and (total_capacity is null or total_capacity - participants_total >= :places)))"
                    + " returning app_id")
            .params(Map.of("places", places, "pending", pending, "now", Instants.utc(clock.instant()),
                "tenant", tenant.value(), "id", eventId))
            .query((rs, n) -> Optional.ofNullable(rs.getString("app_id")))
            .list();
    if (updated.isEmpty() || before.isEmpty()) {
      throw whyRefused(tenant, eventId, places);
    }
    log.updated(tenant, before.get(), events.find(tenant, eventId).orElseThrow());
    return updated.get(0).orElse(null);
  }

  private RuntimeException whyRefused(TenantId tenant, String eventId, int places) {
    var rows = jdbc.sql("select status, remaining_capacity from event where tenant_id = ? and id = ?")
        .params(tenant.value(), eventId).query().listOfRows();
    if (rows.isEmpty()) {
      return Rejection.notFound("Event", eventId);
    }
    if ("CANCELLED".equals(rows.get(0).get("status"))) {
      return Rejection.failedPrecondition("EVENT_CANCELLED", "Event " + eventId + " is cancelled");
    }
    return Rejection.conflict("CAPACITY_EXCEEDED",
        "Event " + eventId + " has " + rows.get(0).get("remaining_capacity") + " places left; " + places + " were asked for");
  }
}
