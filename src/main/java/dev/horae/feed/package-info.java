/**
 * ICS feeds (issue 21): a schedule's events at a secret URL that any calendar app subscribes to,
 * in full or as busy time only, over a window the tenant sets, with ETag and Cache-Control so an
 * unchanged feed costs a 304. Tokens are rotated and revoked through {@code /v1/calendar-feeds}.
 */
package dev.horae.feed;
