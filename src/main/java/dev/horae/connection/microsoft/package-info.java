/** The Microsoft Graph (Outlook calendars) adapter of {@link dev.horae.connection.oauth.OAuthAccounts}, over plain HTTP. */
package dev.horae.connection.microsoft;
