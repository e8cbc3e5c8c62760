/**
 * What the OAuth providers share: the adapter interface Google and Graph implement, their tokens
 * (exchange, refresh, revocation), clients and settings, the one provider-call policy, and
 * cluster-wide request slots.
 */
package dev.horae.connection.oauth;
