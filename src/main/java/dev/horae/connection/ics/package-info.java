/** ICS feed subscriptions: a conditional GET through the outbound guard, split by UID, read-only. */
package dev.horae.connection.ics;
