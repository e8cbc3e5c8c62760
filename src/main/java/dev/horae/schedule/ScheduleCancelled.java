package dev.horae.schedule;

import dev.horae.shared.TenantId;
import java.time.Instant;

/**
 * Published inside the cancelling transaction; the event feature cancels the schedule's future
 * events (keeping those with participants when asked to) in the same transaction.
 */
public record ScheduleCancelled(
    TenantId tenant, Schedule schedule, boolean preserveFutureEventsWithParticipants, Instant at) {}
