package dev.horae.schedule;

import dev.horae.shared.ParticipantNotification;
import dev.horae.shared.TenantId;
import java.time.Instant;

/**
 * Published inside the updating transaction when a default that events inherit changed (title,
 * time zone, location, capacity, conferencing); future events that inherit it follow.
 */
public record ScheduleDefaultsChanged(TenantId tenant, Schedule before, Schedule after, Instant at, ParticipantNotification how) {}
