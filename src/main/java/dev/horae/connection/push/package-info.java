/** Push channels (Google watch channels, Graph subscriptions): kept on each imported calendar, and the endpoints their notifications arrive at. */
package dev.horae.connection.push;
