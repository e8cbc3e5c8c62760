/** CalDAV accounts (iCloud and any CalDAV server): discovery, sync-collection, multiget, PUT and DELETE, MKCALENDAR; XML read without DOCTYPEs. */
package dev.horae.connection.caldav;
