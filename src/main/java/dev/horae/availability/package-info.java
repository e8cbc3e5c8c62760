/**
 * Availability, pure Java: open hours of resources in their own zones, sliced by a service's
 * duration and interval, minus what blocks them (busy events, external busy time, appointments and
 * holds by capacity place), with buffers, minimum notice and booking horizon; and why a slot is not
 * offered. No Spring, no database: {@code dev.horae.resource} feeds it.
 */
package dev.horae.availability;
