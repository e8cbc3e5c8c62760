package dev.horae.shared.query;

import java.util.List;
import java.util.Set;

/**
 * One whitelisted filter field: the SQL expression it reads, the kind of value it takes and the
 * operators it supports. Anything not whitelisted is refused with a 400 that names it.
 *
 * @param sql a column or expression of trusted, constant SQL (never user input)
 * @param kind how values are checked and bound
 * @param operators the operators allowed on this field
 * @param allowedValues for {@link ValueKind#ENUM}, the accepted values; empty otherwise
 */
public record FilterField(String sql, ValueKind kind, Set<Operator> operators, List<String> allowedValues) {

  public static FilterField of(String sql, ValueKind kind, Operator... operators) {
    return new FilterField(sql, kind, Set.of(operators), List.of());
  }

  public static FilterField ofEnum(String sql, List<String> values, Operator... operators) {
    return new FilterField(sql, ValueKind.ENUM, Set.of(operators), List.copyOf(values));
  }

  /** How a filter value is checked and bound. */
  public enum ValueKind {
    TEXT,
    UUID,
    INTEGER,
    ENUM,
    /** the SQL expression is a {@code text[]} column; values are strings */
    TEXT_ARRAY,
    /** only {@code $exists} makes sense: the expression is a nullable column */
    PRESENCE,
    /** a {@code timestamptz} column; values are ISO-8601 instants with an offset or {@code Z} */
    TIMESTAMP,
    /** a boolean expression; values are true or false */
    BOOLEAN
  }
}
