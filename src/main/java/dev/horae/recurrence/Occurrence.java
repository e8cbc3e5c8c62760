package dev.horae.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One occurrence: its wall-time start as the rule names it (the RECURRENCE-ID; midnight for dates)
 * and the instant it starts.
 */
public record Occurrence(LocalDateTime local, Instant start) {}
