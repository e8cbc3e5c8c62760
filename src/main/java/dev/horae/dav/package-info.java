/**
 * Horae's CalDAV server: every schedule as a calendar any CalDAV client can read and write, over
 * the event services (so a change made here is an ordinary Horae change).
 */
package dev.horae.dav;
