package dev.horae.schedule;

import dev.horae.shared.ParticipantNotification;
import dev.horae.shared.TenantId;
import java.time.Instant;

/**
 * Published inside the cancelling transaction; the event feature cancels the schedule's future
 * events (keeping those with participants when asked to) in the same transaction, telling their
 * participants when {@code how} asks for it.
 */
public record ScheduleCancelled(
    TenantId tenant, Schedule schedule, boolean preserveFutureEventsWithParticipants, Instant at, ParticipantNotification how) {}
