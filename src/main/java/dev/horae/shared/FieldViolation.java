package dev.horae.shared;

/** One invalid input field: its JSON path (e.g. {@code event.start.localDate}) and what is wrong with it. */
public record FieldViolation(String field, String description) {}
