/**
 * External calendar connections (Bookings External Calendars v2): the API (connect, configure,
 * list calendars, disconnect), the connection record and its repository, and the providers. The
 * engine lives in sub-packages: {@code account} (the one port to a provider), {@code sync}, {@code
 * export}, {@code push}, {@code oauth}; each provider in a package of its own ({@code caldav},
 * {@code google}, {@code microsoft}, {@code ics}) whose types never leave it.
 */
package dev.horae.connection;
