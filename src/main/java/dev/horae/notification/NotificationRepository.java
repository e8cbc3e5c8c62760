package dev.horae.notification;

import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The mail outbox and notification log in PostgreSQL, and who an event change reaches. */
@Repository
class NotificationRepository {
  private static final String COLUMNS = "tenant_id, id, change_id, event_id, participation_id, sender_name, from_address, reply_to, recipient, recipient_name, kind, method,"
      + " ical_uid, ical_sequence, message_id, subject, body_text, body_html, ical, status, status_reason, attempts, next_attempt_at,"
      + " last_error, created_at, sent_at";

  private final JdbcClient jdbc;

  NotificationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One participation an event change reaches: the event it is in (its calendar entry), and its person. */
  record Recipient(UUID participationId, String eventId, String name, String email) {}

  /**
   * The participations an event change reaches: those in the event itself; for a series, those in
   * its occurrences this transaction changed (the master's change reached them) that have not ended;
   * and those in the whole schedule, whose entry is the changed event. Only people with an email.
   */
  List<Recipient> recipients(TenantId tenant, String eventId, UUID scheduleId, boolean series, Instant now) {
    String occurrences = series
        ? " union all select p.id, p.event_id, p.participant from participation p join event e on e.tenant_id = p.tenant_id and e.id = p.event_id"
            + " where p.tenant_id = :tenant and e.recurring_event_id = :event and e.xmin = pg_current_xact_id()::xid and e.end_utc > :now"
        : "";
    return jdbc.sql("select id, event_id, participant ->> 'name' as name, participant ->> 'email' as email from ("
            + " select p.id, p.event_id, p.participant from participation p where p.tenant_id = :tenant and p.event_id = :event"
            + occurrences
            + " union all select p.id, :event as event_id, p.participant from participation p where p.tenant_id = :tenant and p.schedule_id = :schedule"
            + ") r where coalesce(participant ->> 'email', '') <> '' order by id")
        .param("tenant", tenant.value()).param("event", eventId).param("schedule", scheduleId).param("now", Instants.utc(now))
        .query((rs, n) -> new Recipient(rs.getObject("id", UUID.class), rs.getString("event_id"), rs.getString("name"), rs.getString("email")))
        .list();
  }

  void insert(TenantId tenant, Notification n) {
    jdbc.sql("insert into notification (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(tenant.value(), n.id(), n.changeId(), n.eventId(), n.participationId(), n.senderName(), n.fromAddress(), n.replyTo(), n.recipient(), n.recipientName(), n.kind().name(),
            n.kind().method(), n.icalUid(), n.icalSequence(), n.messageId(), n.subject(), n.bodyText(), n.bodyHtml(), n.ical(),
            n.status().name(), n.statusReason(), n.attempts(), n.nextAttemptAt() == null ? null : Instants.utc(n.nextAttemptAt()),
            n.lastError(), Instants.utc(n.createdAt()), n.sentAt() == null ? null : Instants.utc(n.sentAt()))
        .update();
  }

  /**
   * Leases up to {@code limit} due messages to {@code holder} until {@code until}, counting the
   * attempt before anything is sent: a message whose node dies mid-send is due again when the lease
   * runs out, and goes out again with the same Message-ID.
   */
  @Transactional
  List<Notification> claim(int limit, String holder, Instant now, Instant until) {
    return jdbc.sql("with due as (select tenant_id, id from notification where status = 'QUEUED' and next_attempt_at <= ?"
            + " order by next_attempt_at limit ? for update skip locked)"
            + " update notification n set next_attempt_at = ?, leased_by = ?, lease_until = ?, attempts = n.attempts + 1 from due"
            + " where n.tenant_id = due.tenant_id and n.id = due.id returning " + prefixed())
        .params(Instants.utc(now), limit, Instants.utc(until), holder, Instants.utc(until))
        .query(NotificationRepository::row).list();
  }

  /** Several accepted at once (one statement). */
  void sentAll(List<Notification> sent, Instant at) {
    if (sent.isEmpty()) {
      return;
    }
    jdbc.sql("update notification set status = 'SENT', sent_at = ?, next_attempt_at = null, leased_by = null, lease_until = null,"
            + " last_error = null where status = 'QUEUED' and (tenant_id, id) in (select * from unnest(cast(? as uuid[]), cast(? as uuid[])))")
        .params(Instants.utc(at), sent.stream().map(Notification::tenantId).toArray(UUID[]::new), sent.stream().map(Notification::id).toArray(UUID[]::new))
        .update();
  }

  /** A failed attempt: due again at {@code retryAt}, or FAILED for {@code reason} when {@code retryAt} is null. */
  void failed(Notification n, String holder, String error, Instant retryAt, String reason) {
    jdbc.sql("update notification set status = ?, status_reason = ?, next_attempt_at = ?, leased_by = null, lease_until = null, last_error = ?"
            + " where tenant_id = ? and id = ? and status = 'QUEUED' and leased_by = ?")
        .params(retryAt == null ? NotificationStatus.FAILED.name() : NotificationStatus.QUEUED.name(), retryAt == null ? reason : null,
            retryAt == null ? null : Instants.utc(retryAt), error, n.tenantId(), n.id(), holder)
        .update();
  }

  /** The heartbeat: moves {@code holder}'s leases on {@code held} to {@code until}; answers those it still holds. */
  List<Key> renew(String holder, List<Key> held, Instant until) {
    return jdbc.sql("update notification set next_attempt_at = ?, lease_until = ? where leased_by = ? and status = 'QUEUED'"
            + " and (tenant_id, id) in (select * from unnest(cast(? as uuid[]), cast(? as uuid[]))) returning tenant_id, id")
        .params(Instants.utc(until), Instants.utc(until), holder, held.stream().map(Key::tenant).toArray(UUID[]::new),
            held.stream().map(Key::id).toArray(UUID[]::new))
        .query((rs, n) -> new Key(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
  }

  /** A message's primary key. */
  record Key(UUID tenant, UUID id) {}

  /** Gives back what this node claimed but did not try (it is stopping): due at once, the attempt not counted. */
  void unsent(Notification n, String holder, Instant now) {
    jdbc.sql("update notification set next_attempt_at = ?, leased_by = null, lease_until = null, attempts = attempts - 1"
            + " where tenant_id = ? and id = ? and status = 'QUEUED' and leased_by = ?")
        .params(Instants.utc(now), n.tenantId(), n.id(), holder).update();
  }

  Optional<Notification> find(TenantId tenant, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from notification where tenant_id = ? and id = ?").params(tenant.value(), id)
        .query(NotificationRepository::row).optional();
  }

  /** The log, newest first, keyset-paged on (created_at, id); optionally one event's or one status's. */
  List<Notification> page(TenantId tenant, String eventId, NotificationStatus status, Instant beforeAt, UUID beforeId, int limit) {
    StringBuilder where = new StringBuilder("tenant_id = :tenant");
    if (eventId != null) {
      where.append(" and event_id = :event");
    }
    if (status != null) {
      where.append(" and status = :status");
    }
    if (beforeAt != null) {
      where.append(" and (created_at, id) < (:at, :id)");
    }
    return jdbc.sql("select " + COLUMNS + " from notification where " + where + " order by created_at desc, id desc limit :limit")
        .param("tenant", tenant.value()).param("event", eventId).param("status", status == null ? null : status.name())
        .param("at", beforeAt == null ? null : Instants.utc(beforeAt)).param("id", beforeId).param("limit", limit)
        .query(NotificationRepository::row).list();
  }

  /** The tenant's sender settings, if it set any. */
  Optional<SenderSettings> settings(TenantId tenant) {
    return jdbc.sql("select sender_name, from_address, reply_to, revision, updated_at from notification_settings where tenant_id = ?")
        .param(tenant.value())
        .query((rs, n) -> new SenderSettings(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), instant(rs, "updated_at")))
        .optional();
  }

  /** Writes the settings if {@code revision} is the one stored (0: none stored yet); false when it is not. */
  boolean saveSettings(TenantId tenant, SenderSettings s, long revision) {
    if (revision == 0) {
      return jdbc.sql("insert into notification_settings (tenant_id, sender_name, from_address, reply_to, revision, updated_at)"
              + " values (?, ?, ?, ?, 1, ?) on conflict (tenant_id) do update set sender_name = excluded.sender_name,"
              + " from_address = excluded.from_address, reply_to = excluded.reply_to, revision = 1, updated_at = excluded.updated_at"
              + " where notification_settings.revision = 0")
          .params(tenant.value(), s.senderName(), s.fromAddress(), s.replyTo(), Instants.utc(s.updatedDate())).update() == 1;
    }
    return jdbc.sql("update notification_settings set sender_name = ?, from_address = ?, reply_to = ?, revision = revision + 1, updated_at = ?"
            + " where tenant_id = ? and revision = ?")
        .params(s.senderName(), s.fromAddress(), s.replyTo(), Instants.utc(s.updatedDate()), tenant.value(), revision).update() == 1;
  }

  /** The participation the latest message of entry {@code uid} to {@code email} was sent for: proof Horae invited that address. */
  Optional<UUID> invited(TenantId tenant, String uid, String email) {
    return jdbc.sql("select participation_id from notification where tenant_id = ? and ical_uid = ? and lower(recipient) = lower(?)"
            + " and participation_id is not null order by created_at desc limit 1")
        .params(tenant.value(), uid, email).query((rs, n) -> rs.getObject(1, UUID.class)).optional();
  }

  /** The SHA-256 (hex) of the tenant's inbound token, if one was made. */
  Optional<String> inboundTokenHash(TenantId tenant) {
    return jdbc.sql("select inbound_token_hash from notification_settings where tenant_id = ? and inbound_token_hash is not null")
        .param(tenant.value()).query(String.class).optional();
  }

  void saveInboundTokenHash(TenantId tenant, String hash, Instant at) {
    jdbc.sql("insert into notification_settings (tenant_id, inbound_token_hash, revision, updated_at) values (?, ?, 0, ?)"
            + " on conflict (tenant_id) do update set inbound_token_hash = excluded.inbound_token_hash")
        .params(tenant.value(), hash, Instants.utc(at)).update();
  }

  /** The tenant's own templates, by kind. */
  java.util.Map<NotificationKind, Templates.Template> templates(TenantId tenant) {
    java.util.Map<NotificationKind, Templates.Template> out = new java.util.EnumMap<>(NotificationKind.class);
    jdbc.sql("select kind, subject, body_text, body_html from notification_template where tenant_id = ?").param(tenant.value())
        .query((rs, n) -> {
          out.put(NotificationKind.valueOf(rs.getString(1)), new Templates.Template(rs.getString(2), rs.getString(3), rs.getString(4)));
          return null;
        }).list();
    return out;
  }

  void saveTemplate(TenantId tenant, NotificationKind kind, Templates.Template t, Instant at) {
    jdbc.sql("insert into notification_template (tenant_id, kind, subject, body_text, body_html, updated_at) values (?, ?, ?, ?, ?, ?)"
            + " on conflict (tenant_id, kind) do update set subject = excluded.subject, body_text = excluded.body_text,"
            + " body_html = excluded.body_html, updated_at = excluded.updated_at")
        .params(tenant.value(), kind.name(), t.subject(), t.text(), t.html(), Instants.utc(at)).update();
  }

  void deleteTemplate(TenantId tenant, NotificationKind kind) {
    jdbc.sql("delete from notification_template where tenant_id = ? and kind = ?").params(tenant.value(), kind.name()).update();
  }

  private static String prefixed() {
    return java.util.Arrays.stream(COLUMNS.split(",")).map(c -> "n." + c.strip()).collect(java.util.stream.Collectors.joining(", "));
  }

  private static Notification row(ResultSet rs, int n) throws SQLException {
    return new Notification(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class), rs.getObject("change_id", UUID.class),
        rs.getString("event_id"), rs.getObject("participation_id", UUID.class), rs.getString("sender_name"), rs.getString("from_address"),
        rs.getString("reply_to"), rs.getString("recipient"), rs.getString("recipient_name"),
        NotificationKind.valueOf(rs.getString("kind")), rs.getString("ical_uid"), rs.getInt("ical_sequence"), rs.getString("message_id"),
        rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"), rs.getString("ical"),
        NotificationStatus.valueOf(rs.getString("status")), rs.getString("status_reason"), rs.getInt("attempts"),
        instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "sent_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
