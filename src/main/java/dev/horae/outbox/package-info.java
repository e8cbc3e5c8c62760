/**
 * The outbox: domain events written in the same transaction as the change they describe, numbered
 * per tenant right after that transaction commits ({@link dev.horae.outbox.Numbering}), so that
 * sequence order is the order changes became readable. Delivery (webhooks, the change feed) reads
 * numbered changes from here.
 */
package dev.horae.outbox;
