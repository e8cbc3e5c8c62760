package dev.horae.shared.query;

import dev.horae.shared.FieldViolation;
import dev.horae.shared.Rejection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Translates a Wix API Query Language filter into parameterised SQL over a whitelist of fields.
 *
 * <p>{@code {"scheduleId": "…"}} means {@code $eq}; {@code {"totalCapacity": {"$gte": 2, "$lt": 9}}}
 * combines operators with AND; {@code $and}, {@code $or} (arrays) and {@code $not} (an object)
 * combine conditions. Values are never spliced into the SQL text; every one is bound.
 */
public final class FilterTranslator {
  private static final int MAX_LIST = 1000;
  private static final int MAX_DEPTH = 8;

  private final Map<String, FilterField> fields;
  private final String path;

  /**
   * @param fields the whitelist, by the field name clients use
   * @param path where the filter sits in the request, for error messages (e.g. {@code query.filter})
   */
  public FilterTranslator(Map<String, FilterField> fields, String path) {
    this.fields = Map.copyOf(fields);
    this.path = path;
  }

  public SqlCondition translate(JsonNode filter) {
    if (filter == null || filter.isNull() || filter.isMissingNode()) {
      return SqlCondition.TRUE;
    }
    Context ctx = new Context();
    String sql = node(filter, path, 0, ctx);
    if (!ctx.violations.isEmpty()) {
      throw Rejection.invalid(ctx.violations);
    }
    return new SqlCondition(sql, Collections.unmodifiableList(ctx.params), Set.copyOf(ctx.referenced));
  }

  private static final class Context {
    final List<Object> params = new ArrayList<>();
    final List<FieldViolation> violations = new ArrayList<>();
    final Set<String> referenced = new LinkedHashSet<>();
  }

  private String node(JsonNode filter, String at, int depth, Context ctx) {
    if (!filter.isObject()) {
      ctx.violations.add(new FieldViolation(at, "must be an object"));
      return "true";
    }
    if (depth > MAX_DEPTH) {
      ctx.violations.add(new FieldViolation(at, "is nested deeper than " + MAX_DEPTH + " levels"));
      return "true";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : filter.properties()) {
      String key = e.getKey();
      String keyPath = at + "." + key;
      switch (key) {
        case "$and", "$or" -> parts.add(logical(key, e.getValue(), keyPath, depth, ctx));
        case "$not" -> parts.add("not (" + node(e.getValue(), keyPath, depth + 1, ctx) + ")");
        default -> parts.add(field(key, e.getValue(), keyPath, ctx));
      }
    }
    return parts.isEmpty() ? "true" : "(" + String.join(" and ", parts) + ")";
  }

  private String logical(String op, JsonNode value, String at, int depth, Context ctx) {
    if (!value.isArray() || value.isEmpty()) {
      ctx.violations.add(new FieldViolation(at, "must be a non-empty array of conditions"));
      return "true";
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      parts.add(node(value.get(i), at + "[" + i + "]", depth + 1, ctx));
    }
    return "(" + String.join(op.equals("$and") ? " and " : " or ", parts) + ")";
  }

  private String field(String name, JsonNode value, String at, Context ctx) {
    FilterField field = fields.get(name);
    if (field == null) {
      ctx.violations.add(
          new FieldViolation(at, "is not a filterable field; filterable fields: " + new TreeSet<>(fields.keySet())));
      return "true";
    }
    ctx.referenced.add(name);
    boolean operatorObject =
        value.isObject() && value.size() > 0 && value.propertyNames().stream().allMatch(k -> k.startsWith("$"));
    if (!operatorObject) {
      return operator(field, Operator.EQ, value, at, ctx);
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      String opPath = at + "." + e.getKey();
      Operator op = Operator.fromToken(e.getKey()).orElse(null);
      if (op == null || !field.operators().contains(op)) {
        ctx.violations.add(new FieldViolation(opPath, "is not supported on " + name + "; supported: " + tokens(field)));
        continue;
      }
      parts.add(operator(field, op, e.getValue(), opPath, ctx));
    }
    return parts.isEmpty() ? "true" : String.join(" and ", parts);
  }

  private String operator(FilterField field, Operator op, JsonNode value, String at, Context ctx) {
    if (!field.operators().contains(op)) {
      ctx.violations.add(new FieldViolation(at, "does not support " + op.token() + "; supported: " + tokens(field)));
      return "true";
    }
    String col = field.sql();
    return switch (op) {
      case EXISTS -> {
        if (!value.isBoolean()) {
          ctx.violations.add(new FieldViolation(at, "must be true or false"));
          yield "true";
        }
        yield col + (value.booleanValue() ? " is not null" : " is null");
      }
      case IN -> col + " in (" + list(field, value, at, ctx) + ")";
      case NIN -> "(" + col + " is null or " + col + " not in (" + list(field, value, at, ctx) + "))";
      case STARTS_WITH -> {
        if (!value.isString()) {
          ctx.violations.add(new FieldViolation(at, "must be a string"));
          yield "true";
        }
        ctx.params.add(value.stringValue().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        yield "cast(" + col + " as text) like ?";
      }
      case IS_EMPTY -> {
        if (!value.isBoolean()) {
          ctx.violations.add(new FieldViolation(at, "must be true or false"));
          yield "true";
        }
        String empty = field.kind() == FilterField.ValueKind.TEXT_ARRAY ? "cardinality(" + col + ") = 0"
            : "(" + col + " is null or cast(" + col + " as text) = '')";
        yield value.booleanValue() ? empty : "not " + empty;
      }
      // a list is never empty, so a match names something: said here, it lets an index of non-empty arrays only serve the filter
      case HAS_SOME -> "(cardinality(" + col + ") > 0 and " + col + " && array[" + list(field, value, at, ctx) + "]::text[])";
      case HAS_ALL -> "(cardinality(" + col + ") > 0 and " + col + " @> array[" + list(field, value, at, ctx) + "]::text[])";
      case EQ -> bindOne(field, value, at, ctx) ? col + " = ?" : "true";
      case NE -> bindOne(field, value, at, ctx) ? col + " is distinct from ?" : "true";
      case LT -> bindOne(field, value, at, ctx) ? col + " < ?" : "true";
      case LTE -> bindOne(field, value, at, ctx) ? col + " <= ?" : "true";
      case GT -> bindOne(field, value, at, ctx) ? col + " > ?" : "true";
      case GTE -> bindOne(field, value, at, ctx) ? col + " >= ?" : "true";
    };
  }

  private String list(FilterField field, JsonNode value, String at, Context ctx) {
    if (!value.isArray() || value.isEmpty() || value.size() > MAX_LIST) {
      ctx.violations.add(new FieldViolation(at, "must be an array of 1 to " + MAX_LIST + " values"));
      return "null";
    }
    List<String> marks = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (bindOne(field, value.get(i), at + "[" + i + "]", ctx)) {
        marks.add("?");
      }
    }
    return marks.isEmpty() ? "null" : String.join(", ", marks);
  }

  private boolean bindOne(FilterField field, JsonNode value, String at, Context ctx) {
    Object bound = convert(field, value);
    if (bound == null) {
      ctx.violations.add(new FieldViolation(at, expected(field)));
      return false;
    }
    ctx.params.add(bound);
    return true;
  }

  private static Object convert(FilterField field, JsonNode value) {
    return switch (field.kind()) {
      case TEXT, TEXT_ARRAY -> value.isString() ? value.stringValue() : null;
      case UUID -> value.isString() ? uuid(value.stringValue()) : null;
      case INTEGER -> value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : null;
      case ENUM -> value.isString() && field.allowedValues().contains(value.stringValue()) ? value.stringValue() : null;
      case PRESENCE -> null;
      case TIMESTAMP -> value.isString() ? instant(value.stringValue()) : null;
      case BOOLEAN -> value.isBoolean() ? value.booleanValue() : null;
    };
  }

  private static java.time.OffsetDateTime instant(String s) {
    try {
      return java.time.OffsetDateTime.parse(s).withOffsetSameInstant(java.time.ZoneOffset.UTC);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static UUID uuid(String s) {
    try {
      UUID parsed = UUID.fromString(s);
      return parsed.toString().equalsIgnoreCase(s) ? parsed : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String expected(FilterField field) {
    return switch (field.kind()) {
      case TEXT, TEXT_ARRAY -> "must be a string";
      case UUID -> "must be a GUID string";
      case INTEGER -> "must be an integer";
      case ENUM -> "must be one of " + field.allowedValues();
      case PRESENCE -> "supports only $exists";
      case TIMESTAMP -> "must be a date-time with an offset, e.g. 2027-01-01T00:00:00Z";
      case BOOLEAN -> "must be true or false";
    };
  }

  private static List<String> tokens(FilterField field) {
    return field.operators().stream().sorted().map(Operator::token).toList();
  }
}
