/**
 * OnSched's side over Horae's core: services, resources (each owns a Calendar V3 schedule; its
 * Google or Outlook calendar is an ordinary connection of that schedule), availability and
 * appointments ({@code /setup/v1}, {@code /consumer/v1}).
 */
package dev.horae.resource;
