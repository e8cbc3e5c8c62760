/**
 * The sync engine: one sync per connection at a time across the cluster (a renewed lease in
 * PostgreSQL), the worker that leases due connections, importing each calendar's changes as busy
 * time (expanded by Horae's recurrence engine), and its settings.
 */
package dev.horae.connection.sync;
