package dev.horae.api;

/** Calendar V3 {@code cursorPaging}: a page size and, for later pages, the cursor. */
public record CursorPaging(Integer limit, String cursor) {}
