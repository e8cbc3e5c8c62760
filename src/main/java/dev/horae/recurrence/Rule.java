package dev.horae.recurrence;

/**
 * One parsed RRULE. {@code arithmetic} is the rule without {@code COUNT} and {@code UNTIL}: which
 * wall times it names. The bounds are kept apart because RFC 5545 applies them to what remains
 * after dropping wall times that do not exist, and {@code UNTIL} compares instants.
 *
 * @param text the rule as written (without an {@code RRULE:} prefix)
 * @param frequency the {@code FREQ} value, upper case
 * @param count {@code COUNT}, or null
 * @param until {@code UNTIL}, or null
 */
public record Rule(String text, String frequency, String arithmetic, Integer count, Until until) {}
