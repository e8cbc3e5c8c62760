package dev.horae.event;

/** An event as read back, with the name of its schedule (which the API shows as {@code scheduleName}). */
public record EventEntry(Event event, String scheduleName) {}
