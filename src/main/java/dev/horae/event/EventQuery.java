package dev.horae.event;

import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import dev.horae.event.EventEnums.RecurrenceType;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A Query Events request: a local-time window in {@code timeZone}, the recurrence types, a Wix
 * query-language filter, one sort and cursor paging. With a cursor, everything but the limit comes
 * from the cursor.
 */
public record EventQuery(
    String fromLocalDate,
    String toLocalDate,
    String timeZone,
    List<RecurrenceType> recurrenceType,
    JsonNode filter,
    List<Sort> sort,
    Integer limit,
    String cursor) {

  public record Sort(@Size(max = TextLimits.TOKEN) String fieldName, @Size(max = TextLimits.TOKEN) String order) {}
}
