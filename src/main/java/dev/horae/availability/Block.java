package dev.horae.availability;

import java.time.Instant;

/**
 * Something that blocks a resource over {@code [start, end)} (epoch seconds): a busy event of its
 * schedule, busy time from its external calendar, or an appointment or hold on one capacity {@code
 * place} (0 for anything that blocks every place). {@code id} and {@code label} are only there to
 * explain a refusal.
 */
public record Block(long startSecond, long endSecond, Kind kind, String id, int place, String label) {
  public enum Kind { EVENT, EXTERNAL, APPOINTMENT }

  public Block(Instant start, Instant end, Kind kind, String id, int place, String label) {
    this(start.getEpochSecond(), end.getEpochSecond(), kind, id, place, label);
  }

  public Instant start() {
    return Instant.ofEpochSecond(startSecond);
  }

  public Instant end() {
    return Instant.ofEpochSecond(endSecond);
  }
}
