/**
 * Recurrence: RRULE/RDATE/EXDATE expansion inside a window and a cap. Pure Java, no Spring.
 *
 * <p>The port is {@link dev.horae.recurrence.RecurrenceExpander}; its one implementation runs
 * lib-recur for the rule arithmetic (which days and times a rule names, in wall time) and applies
 * the parts RFC 5545 defines against the time zone itself: a generated wall time that does not exist
 * is ignored and not counted (§3.3.10), {@code UNTIL} bounds by the instant, {@code DTSTART} is
 * always the first occurrence, {@code EXDATE} removes and {@code RDATE} adds. See docs/time.md.
 */
package dev.horae.recurrence;
