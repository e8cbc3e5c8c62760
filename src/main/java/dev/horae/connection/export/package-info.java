/** Writing a schedule's events to a connection's export calendar, one copy per event, created only if absent and replaced only at its ETag. */
package dev.horae.connection.export;
