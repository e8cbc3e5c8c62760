package dev.horae.shared;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The Bean Validation constraints of request members ({@code @Size}, {@code @NotNull}, …) as the
 * API reports them: one {@link FieldViolation} per field, named by its JSON path, with a sentence
 * rather than Hibernate Validator's default message. Request bodies are checked by {@code @Valid};
 * the items of a bulk request are checked here one by one, so that one item's fault fails only that
 * item.
 */
@Component
public class Constraints {
  private final Validator validator;

  public Constraints(Validator validator) {
    this.validator = validator;
  }

  /** Refuses {@code value} (found at {@code path}, e.g. {@code events[3].event}) when it breaks a constraint. */
  public void check(Object value, String path) {
    if (value == null) {
      return;
    }
    Collection<? extends ConstraintViolation<?>> found = validator.validate(value).stream().map(v -> (ConstraintViolation<?>) v).toList();
    if (!found.isEmpty()) {
      throw Rejection.invalid(found.stream()
          .map(v -> new FieldViolation(path + (v.getPropertyPath().toString().isEmpty() ? "" : "." + v.getPropertyPath()), describe(v)))
          .sorted(Comparator.comparing(FieldViolation::field))
          .toList());
    }
  }

  /** What is wrong, as a sentence: {@code must be at most 200 characters}. */
  public static String describe(ConstraintViolation<?> violation) {
    Map<String, Object> attributes = violation.getConstraintDescriptor().getAttributes();
    Object value = violation.getInvalidValue();
    if (violation.getConstraintDescriptor().getAnnotation() instanceof Size) {
      int min = (Integer) attributes.get("min");
      int max = (Integer) attributes.get("max");
      String unit = value instanceof CharSequence ? "characters" : "items";
      return min > 0 ? "must be " + min + " to " + max + " " + unit + " long" : "must be at most " + max + " " + unit;
    }
    if (violation.getConstraintDescriptor().getAnnotation() instanceof jakarta.validation.constraints.NotNull) {
      return "is required";
    }
    return violation.getMessage();
  }
}
