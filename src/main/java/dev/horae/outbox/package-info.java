/**
 * The outbox: domain events written in the same transaction as the change they describe, each with
 * a per-tenant sequence number that follows commit order. Delivery (webhooks, the change feed)
 * reads from here.
 */
package dev.horae.outbox;
