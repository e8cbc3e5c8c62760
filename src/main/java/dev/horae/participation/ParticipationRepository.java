package dev.horae.participation;

import dev.horae.event.ParticipantLists;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.storage.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Participations in PostgreSQL; also answers the event feature's {@link ParticipantLists} port. */
@Repository
class ParticipationRepository implements ParticipantLists {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final String COLUMNS =
      "id, event_id, schedule_id, external_id, participant, party_size, status, app_id, extended_fields,"
          + " revision, created_at, updated_at, reply_status, reply_date";

  private final JdbcClient jdbc;
  private final JsonColumns json;

  ParticipationRepository(JdbcClient jdbc, JsonColumns json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(TenantId tenant, Participation p) {
    jdbc.sql("insert into participation (tenant_id, " + COLUMNS + ") values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)")
        .params(tenant.value(), p.id(), p.eventId(), p.scheduleId(), p.externalId(), json.write(p.participant()),
            p.partySize(), p.status().name(), p.appId(), json.write(p.extendedFields()), p.revision(),
            Instants.utc(p.createdDate()), Instants.utc(p.updatedDate()), p.reply() == null ? null : p.reply().status().name(),
            p.reply() == null ? null : Instants.utc(p.reply().date()))
        .update();
  }

  void update(TenantId tenant, Participation p) {
    jdbc.sql("update participation set participant = ?::jsonb, party_size = ?, status = ?, extended_fields = ?::jsonb,"
            + " revision = ?, updated_at = ?, reply_status = ?, reply_date = ? where tenant_id = ? and id = ?")
        .params(json.write(p.participant()), p.partySize(), p.status().name(), json.write(p.extendedFields()),
            p.revision(), Instants.utc(p.updatedDate()), p.reply() == null ? null : p.reply().status().name(),
            p.reply() == null ? null : Instants.utc(p.reply().date()), tenant.value(), p.id())
        .update();
  }

  void delete(TenantId tenant, UUID id) {
    jdbc.sql("delete from participation where tenant_id = ? and id = ?").params(tenant.value(), id).update();
  }

  Optional<Participation> find(TenantId tenant, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from participation where tenant_id = ? and id = ?")
        .params(tenant.value(), id).query(this::map).optional();
  }

  Optional<Participation> findForUpdate(TenantId tenant, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from participation where tenant_id = ? and id = ? for update")
        .params(tenant.value(), id).query(this::map).optional();
  }

  List<Participation> query(String where, List<Object> params, int limit) {
    return jdbc.sql("select " + COLUMNS + " from participation where " + where
            + " order by created_at desc, id desc limit " + limit)
        .params(params).query(this::map).list();
  }

  @Override
  public Map<String, List<ParticipantLists.Participant>> forEvents(TenantId tenant, Collection<String> eventIds, int maxPerEvent) {
    Map<String, List<ParticipantLists.Participant>> lists = new LinkedHashMap<>();
    if (eventIds.isEmpty()) {
      return lists;
    }
    jdbc.sql("select event_id, participant from (select event_id, participant, row_number() over"
            + " (partition by event_id order by created_at, id) as n from participation"
            + " where tenant_id = ? and event_id = any(?)) p where n <= ? order by event_id, n")
        .params(tenant.value(), eventIds.toArray(String[]::new), maxPerEvent)
        .query((rs, n) -> {
          Participation.Participant p = json.read(rs.getString("participant"), Participation.Participant.class);
          lists.computeIfAbsent(rs.getString("event_id"), k -> new java.util.ArrayList<>())
              .add(new ParticipantLists.Participant(p.name(), p.phone(), p.email(), p.contactId()));
          return null;
        })
        .list();
    return lists;
  }


  private Participation map(ResultSet rs, int n) throws SQLException {
    return new Participation(
        rs.getObject("id", UUID.class), rs.getString("event_id"), rs.getObject("schedule_id", UUID.class),
        rs.getString("external_id"), json.read(rs.getString("participant"), Participation.Participant.class),
        rs.getInt("party_size"), Participation.Status.valueOf(rs.getString("status")), rs.getString("app_id"),
        json.read(rs.getString("extended_fields"), MAP), rs.getLong("revision"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
        rs.getString("reply_status") == null ? null : new Participation.Reply(Participation.ReplyStatus.valueOf(rs.getString("reply_status")),
            rs.getObject("reply_date", OffsetDateTime.class).toInstant()));
  }
}
