/**
 * Telling other systems about changes: the pull feed of the outbox ({@code GET /v1/changes}), and
 * (next) signed webhooks with retries and a delivery log.
 */
package dev.horae.webhook;
