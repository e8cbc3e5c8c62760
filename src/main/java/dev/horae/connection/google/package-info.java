/** The Google Calendar API v3 adapter of {@link dev.horae.connection.oauth.OAuthAccounts}, on Google's own client library. */
package dev.horae.connection.google;
