package dev.horae.recurrence;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What RFC 5545 calls a recurrence set: DTSTART, its rules, RDATEs and EXDATEs. All values are wall
 * times of the same {@link ValueKind} (dates are midnights). {@code zone} is the event's zone for
 * {@link ValueKind#ZONED}; for floating and date values it is the zone they are read in.
 */
public record RecurrenceSet(
    ValueKind kind, LocalDateTime start, ZoneId zone, List<Rule> rules, List<LocalDateTime> rdates, List<LocalDateTime> exdates) {

  public RecurrenceSet {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(zone, "zone");
    rules = List.copyOf(rules);
    rdates = List.copyOf(rdates);
    exdates = List.copyOf(exdates);
  }

  public static RecurrenceSet of(ValueKind kind, LocalDateTime start, ZoneId zone, Rule rule) {
    return new RecurrenceSet(kind, start, zone, List.of(rule), List.of(), List.of());
  }
}
