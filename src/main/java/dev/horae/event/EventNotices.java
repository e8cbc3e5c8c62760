package dev.horae.event;

import dev.horae.shared.ParticipantNotification;
import dev.horae.shared.TenantId;

/**
 * The port through which a change tells the participants it affects: called inside the change's
 * transaction, after the event (and, for a series, its occurrences) is written, only when the
 * change asked for it ({@link ParticipantNotification#notifies()}). Whatever it records is sent
 * after commit; it never fails the change for want of a mail server.
 */
public interface EventNotices {
  void changed(TenantId tenant, ParticipantNotification how, Event before, Event after);

  /**
   * Tells one person who is not a participation (an appointment's customer) about {@code event}, as
   * the calendar entry {@code uid} at {@code sequence}: a new booking when {@code previous} is null,
   * a move from {@code previous}, or a cancellation when the event is cancelled.
   */
  void customer(TenantId tenant, Event event, Event previous, String name, String email, String uid, int sequence);
}
