package dev.horae.api;

import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
/** Calendar V3 {@code cursorPaging}: a page size and, for later pages, the cursor. */
public record CursorPaging(Integer limit, @Size(max = TextLimits.CURSOR) String cursor) {}
