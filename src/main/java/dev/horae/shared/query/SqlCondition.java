package dev.horae.shared.query;

import java.util.List;
import java.util.Set;

/**
 * A translated filter: a WHERE fragment with positional {@code ?} placeholders, its parameters in
 * order, and the filter fields it referenced (some defaults depend on them).
 */
public record SqlCondition(String sql, List<Object> params, Set<String> fields) {
  public static final SqlCondition TRUE = new SqlCondition("true", List.of(), Set.of());
}
