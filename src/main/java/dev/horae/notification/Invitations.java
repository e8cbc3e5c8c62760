package dev.horae.notification;

import dev.horae.event.Event;
import dev.horae.event.EventEntry;
import dev.horae.event.EventNotices;
import dev.horae.event.FindingEvents;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.ParticipantNotification;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns an event change that asked to notify participants into messages, in the change's
 * transaction: one per participant with an email address and calendar entry (the event the
 * participation is in; for participations in the whole schedule, the changed event), deduplicated
 * by address and entry across the whole transaction (a cancelled schedule's events and series). Each entry's UID is stable ({@code <event id>@horae}) and its SEQUENCE is the event's
 * revision less one, so every change arrives with a higher one and updates the entry in place.
 * Without an SMTP relay the messages are still written, as NOT_SENT (SMTP_NOT_CONFIGURED).
 */
@Component
class Invitations implements EventNotices {
  static final String NOT_CONFIGURED = "SMTP_NOT_CONFIGURED";

  private final NotificationRepository repository;
  private final FindingEvents events;
  private final MailProperties mail;
  private final Clock clock;

  Invitations(NotificationRepository repository, FindingEvents events, MailProperties mail, Clock clock) {
    this.repository = repository;
    this.events = events;
    this.mail = mail;
    this.clock = clock;
  }

  @Override
  public void changed(TenantId tenant, ParticipantNotification how, Event before, Event after) {
    if (!how.notifies()) {
      return;
    }
    Instant now = Instants.truncate(clock.instant());
    List<NotificationRepository.Recipient> recipients = repository.recipients(tenant, after.id(), after.scheduleId(), after.recurring(), now);
    if (recipients.isEmpty()) {
      return;
    }
    Map<String, Event> entries = new HashMap<>();
    entries.put(after.id(), after);
    List<String> others = recipients.stream().map(NotificationRepository.Recipient::eventId).filter(id -> !entries.containsKey(id)).distinct().toList();
    for (int i = 0; i < others.size(); i += 100) {
      for (EventEntry found : events.list(tenant, others.subList(i, Math.min(others.size(), i + 100)))) {
        entries.put(found.event().id(), found.event());
      }
    }
    Sender sender = sender(tenant);
    Map<NotificationKind, Templates.Template> own = repository.templates(tenant);
    InTransaction tx = inTransaction();
    UUID change = tx.change();
    Set<String> once = tx.queued();
    for (NotificationRepository.Recipient r : recipients) {
      Event entry = entries.get(r.eventId());
      if (entry == null || !once.add(r.email().toLowerCase(Locale.ROOT) + " " + entry.id())) {
        continue;
      }
      NotificationKind kind = entry.cancelled() ? NotificationKind.CANCELLATION : NotificationKind.UPDATE;
      Event previous = entry.id().equals(after.id()) ? before : null;
      repository.insert(tenant, message(tenant, change, kind, entry, previous, how.message(), sender, r, now,
          own.getOrDefault(kind, Templates.DEFAULTS.get(kind))));
    }
  }

  @Override
  public void customer(TenantId tenant, Event event, Event previous, String name, String email, String uid, int sequence) {
    if (email == null || email.isBlank()) {
      return;
    }
    Instant now = Instants.truncate(clock.instant());
    Sender sender = sender(tenant);
    NotificationKind kind = event.cancelled() ? NotificationKind.CANCELLATION : previous == null ? NotificationKind.INVITATION : NotificationKind.UPDATE;
    Templates.Template template = repository.templates(tenant).getOrDefault(kind, Templates.DEFAULTS.get(kind));
    Notification n = message(tenant, inTransaction().change(), kind, event, previous, null, sender,
        new NotificationRepository.Recipient(null, event.id(), name, email), now, template);
    repository.insert(tenant, withEntry(n, uid, sequence, new CalendarPart.Party(sender.name(), sender.from()), event, kind, now));
  }

  /** The same message as the entry {@code uid} at {@code sequence} (an appointment keeps one entry across reschedules). */
  private static Notification withEntry(Notification n, String uid, int sequence, CalendarPart.Party organizer, Event event, NotificationKind kind,
      Instant now) {
    String ical = CalendarPart.write(kind, uid, sequence, now, event, null, organizer, new CalendarPart.Party(n.recipientName(), n.recipient()));
    return new Notification(n.tenantId(), n.id(), n.changeId(), n.eventId(), n.participationId(), n.senderName(), n.fromAddress(), n.replyTo(),
        n.recipient(), n.recipientName(), n.kind(), uid, sequence, n.messageId(), n.subject(), n.bodyText(), n.bodyHtml(), ical, n.status(),
        n.statusReason(), n.attempts(), n.nextAttemptAt(), n.lastError(), n.createdAt(), n.sentAt());
  }

  /** What this transaction queued so far: one change id for all its messages, and each (address, entry) once. */
  record InTransaction(UUID change, Set<String> queued) {}

  private InTransaction inTransaction() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return new InTransaction(Ids.newUuid(), new LinkedHashSet<>());
    }
    InTransaction tx = (InTransaction) TransactionSynchronizationManager.getResource(this);
    if (tx == null) {
      tx = new InTransaction(Ids.newUuid(), new LinkedHashSet<>());
      TransactionSynchronizationManager.bindResource(this, tx);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(Invitations.this);
        }
      });
    }
    return tx;
  }

  /** Who sends the tenant's messages: its settings, else the service's defaults. */
  Sender sender(TenantId tenant) {
    SenderSettings s = repository.settings(tenant).orElse(null);
    return new Sender(s != null && s.senderName() != null ? s.senderName() : mail.senderName(),
        s != null && s.fromAddress() != null ? s.fromAddress() : mail.from(), s == null ? null : s.replyTo());
  }

  record Sender(String name, String from, String replyTo) {}

  private Notification message(TenantId tenant, UUID change, NotificationKind kind, Event entry, Event previous, String note, Sender sender,
      NotificationRepository.Recipient r, Instant now, Templates.Template template) {
    UUID id = Ids.newUuid();
    String uid = uid(entry.id());
    int sequence = (int) Math.max(0, entry.revision() - 1);
    Wording.Message words = Wording.of(kind, entry, previous, note, sender.name(), template);
    String ical = CalendarPart.write(kind, uid, sequence, now, entry, note, new CalendarPart.Party(sender.name(), sender.from()),
        new CalendarPart.Party(r.name(), r.email()));
    boolean sendable = mail.configured();
    return new Notification(tenant.value(), id, change, entry.id(), r.participationId(), sender.name(), sender.from(), sender.replyTo(), r.email(), r.name(), kind, uid, sequence,
        messageId(id, sender.from()), words.subject(), words.text(), words.html(), ical,
        sendable ? NotificationStatus.QUEUED : NotificationStatus.NOT_SENT, sendable ? null : NOT_CONFIGURED, 0, sendable ? now : null,
        null, now, null);
  }

  static String uid(String eventId) {
    return eventId + "@horae";
  }

  /** {@code <id@domain>}: the row's id, so every retry of this message carries the same one (RFC 5322 §3.6.4). */
  static String messageId(UUID id, String from) {
    int at = from.lastIndexOf('@');
    String domain = at < 0 || at == from.length() - 1 ? "horae.invalid" : from.substring(at + 1);
    return "<" + id + "@" + domain + ">";
  }
}
