/**
 * External calendar connections (Bookings External Calendars v2): providers, connections, their
 * calendars and credentials. Provider families live in sub-packages whose types never leave them;
 * CalDAV (iCloud and any CalDAV server, by credentials) is the first.
 */
package dev.horae.connection;
