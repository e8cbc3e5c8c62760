/**
 * Recurrence: RRULE/RDATE/EXDATE expansion inside a window and a cap. Pure Java, no Spring.
 *
 * <p>The port is {@link dev.horae.recurrence.RecurrenceExpander}; its one implementation runs
 * lib-recur for the rule arithmetic (which days and times a rule names, in wall time) and applies
 * the parts RFC 5545 defines against the time zone itself: a generated wall time in a DST gap is
 * kept and moved forward when its time of day is DTSTART's (§3.3.5), and ignored and not counted when
 * BYHOUR, BYMINUTE, BYSECOND or a sub-daily frequency made it (§3.3.10), {@code UNTIL} bounds by the instant, {@code DTSTART} is
 * always the first occurrence, {@code EXDATE} removes and {@code RDATE} adds. See docs/time.md.
 */
package dev.horae.recurrence;
