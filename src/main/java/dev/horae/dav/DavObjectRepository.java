package dev.horae.dav;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The names and UIDs clients gave the events they created over CalDAV ({@code dav_object}). */
@Repository
class DavObjectRepository {
  /** A client's name for an event, and the UID it wrote. */
  record Named(String name, String uid, String eventId) {}

  private final JdbcClient jdbc;

  DavObjectRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Named> byName(TenantId tenant, UUID scheduleId, String name) {
    return jdbc.sql("select name, uid, event_id from dav_object where tenant_id = ? and schedule_id = ? and name = ?")
        .params(tenant.value(), scheduleId, name)
        .query((rs, n) -> new Named(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  /** The rows naming these events (by event id). */
  Map<String, Named> byEvents(TenantId tenant, Collection<String> eventIds) {
    Map<String, Named> out = new HashMap<>();
    if (eventIds.isEmpty()) {
      return out;
    }
    jdbc.sql("select name, uid, event_id from dav_object where tenant_id = ? and event_id = any(?)")
        .params(tenant.value(), eventIds.toArray(String[]::new))
        .query((rs, n) -> new Named(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list()
        .forEach(r -> out.put(r.eventId(), r));
    return out;
  }

  /** Every row of the schedule, by event id (a calendar's listing). */
  Map<String, Named> ofSchedule(TenantId tenant, UUID scheduleId) {
    Map<String, Named> out = new HashMap<>();
    jdbc.sql("select name, uid, event_id from dav_object where tenant_id = ? and schedule_id = ?")
        .params(tenant.value(), scheduleId)
        .query((rs, n) -> new Named(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list()
        .forEach(r -> out.put(r.eventId(), r));
    return out;
  }

  /** The events of the schedule whose objects carry this UID (to refuse a second object with it). */
  List<String> eventsWithUid(TenantId tenant, UUID scheduleId, String uid) {
    return jdbc.sql("select event_id from dav_object where tenant_id = ? and schedule_id = ? and uid = ?")
        .params(tenant.value(), scheduleId, uid)
        .query(String.class)
        .list();
  }

  /**
   * Claims {@code name} for a new event: inserts the row, or points a row whose event is gone at the
   * new one. False when the name is taken by a live event (a concurrent PUT won the name).
   */
  boolean claim(TenantId tenant, UUID scheduleId, String name, String uid, String eventId, Instant now, String replacedEventId) {
    if (replacedEventId == null) {
      return jdbc.sql("insert into dav_object (tenant_id, schedule_id, name, uid, event_id, created_at) values (?, ?, ?, ?, ?, ?)"
              + " on conflict do nothing")
          .params(tenant.value(), scheduleId, name, uid, eventId, Instants.utc(now))
          .update() == 1;
    }
    return jdbc.sql("update dav_object set uid = ?, event_id = ?, created_at = ? where tenant_id = ? and schedule_id = ? and name = ?"
            + " and event_id = ?")
        .params(uid, eventId, Instants.utc(now), tenant.value(), scheduleId, name, replacedEventId)
        .update() == 1;
  }
}
