/**
 * The one port to an external calendar account ({@link dev.horae.connection.account.CalendarAccount}),
 * its one change type ({@link dev.horae.connection.account.Change}), and the factory that opens a
 * connection's account from each provider's registration ({@link dev.horae.connection.account.CalendarAccounts},
 * {@link dev.horae.connection.account.AccountOpener}); plus what providers share: their refusals and
 * the iCalendar writer.
 */
package dev.horae.connection.account;
