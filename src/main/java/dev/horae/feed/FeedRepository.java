package dev.horae.feed;

import dev.horae.shared.Digests;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.storage.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The feeds' rows: the token is found by its SHA-256 and kept sealed, bound to the feed, so the URL can be shown again. */
@Repository
class FeedRepository {
  /** A feed found by its URL's token, with its tenant. */
  record Found(TenantId tenant, CalendarFeed feed) {}

  private final JdbcClient jdbc;
  private final SecretBox box;

  FeedRepository(JdbcClient jdbc, SecretBox box) {
    this.jdbc = jdbc;
    this.box = box;
  }

  /** Holds the schedule's feeds against concurrent creates until the transaction ends, and counts them. */
  int holdAndCount(TenantId tenant, UUID scheduleId) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 21))").param("calendar_feed:" + tenant.value() + ":" + scheduleId)
        .query((rs, n) -> null).list();
    return jdbc.sql("select count(*) from calendar_feed where tenant_id = ? and schedule_id = ?").params(tenant.value(), scheduleId)
        .query(Integer.class).single();
  }

  void insert(TenantId tenant, CalendarFeed f) {
    jdbc.sql("insert into calendar_feed (tenant_id, id, schedule_id, name, privacy, past_days, future_days, token_hash, token_sealed,"
            + " revision, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(tenant.value(), f.id(), f.scheduleId(), f.name(), f.privacy().name(), f.pastDays(), f.futureDays(),
            Digests.sha256Hex(f.token()), seal(f), f.revision(), Instants.utc(f.createdDate()), Instants.utc(f.updatedDate()))
        .update();
  }

  /** Writes {@code f} (settings and token) if the stored revision is still {@code expected}. */
  boolean update(TenantId tenant, CalendarFeed f, long expected) {
    return jdbc.sql("update calendar_feed set name = ?, privacy = ?, past_days = ?, future_days = ?, token_hash = ?, token_sealed = ?,"
            + " revision = ?, updated_at = ? where tenant_id = ? and id = ? and revision = ?")
        .params(f.name(), f.privacy().name(), f.pastDays(), f.futureDays(), Digests.sha256Hex(f.token()), seal(f), f.revision(),
            Instants.utc(f.updatedDate()), tenant.value(), f.id(), expected)
        .update() == 1;
  }

  boolean delete(TenantId tenant, UUID id) {
    return jdbc.sql("delete from calendar_feed where tenant_id = ? and id = ?").params(tenant.value(), id).update() == 1;
  }

  Optional<CalendarFeed> find(TenantId tenant, UUID id) {
    return jdbc.sql("select * from calendar_feed where tenant_id = ? and id = ?").params(tenant.value(), id).query(this::row).optional();
  }

  List<CalendarFeed> ofSchedule(TenantId tenant, UUID scheduleId) {
    return jdbc.sql("select * from calendar_feed where tenant_id = ? and schedule_id = ? order by created_at, id")
        .params(tenant.value(), scheduleId).query(this::row).list();
  }

  Optional<Found> byToken(String token) {
    return jdbc.sql("select * from calendar_feed where token_hash = ?").param(Digests.sha256Hex(token))
        .query((rs, n) -> new Found(new TenantId(rs.getObject("tenant_id", UUID.class)), row(rs, n)))
        .optional()
        .filter(found -> Digests.same(found.feed().token(), token));
  }

  /**
   * Key rotation: tokens sealed with an older key are sealed again with the current one (at
   * start-up; the row is only written if nobody changed it meanwhile). Returns how many.
   */
  int resealStale() {
    int n = 0;
    for (var row : jdbc.sql("select tenant_id, id, token_sealed from calendar_feed").query().listOfRows()) {
      String stored = (String) row.get("token_sealed");
      if (box.stale(stored)) {
        n += jdbc.sql("update calendar_feed set token_sealed = ? where tenant_id = ? and id = ? and token_sealed = ?")
            .params(box.reseal(stored, "calendar_feed:" + row.get("id")), (UUID) row.get("tenant_id"), (UUID) row.get("id"), stored)
            .update();
      }
    }
    return n;
  }

  private String seal(CalendarFeed f) {
    return box.seal(f.token(), "calendar_feed:" + f.id());
  }

  private CalendarFeed row(ResultSet rs, int n) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    return new CalendarFeed(id, rs.getObject("schedule_id", UUID.class), rs.getString("name"), FeedPrivacy.valueOf(rs.getString("privacy")),
        rs.getInt("past_days"), rs.getInt("future_days"), box.open(rs.getString("token_sealed"), "calendar_feed:" + id),
        rs.getLong("revision"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
