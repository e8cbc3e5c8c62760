package dev.horae.availability;

import java.time.Instant;

/**
 * Something that blocks a resource over {@code [start, end)}: a busy event of its schedule, busy time
 * from its external calendar, or an appointment or hold on one capacity {@code place} (0 for
 * anything that blocks every place).
 */
public record Block(Instant start, Instant end, Kind kind, String id, int place, String label) {
  public enum Kind { EVENT, EXTERNAL, APPOINTMENT }
}
