package dev.horae.api;

import dev.horae.shared.Constraints;
import dev.horae.shared.FieldViolation;
import dev.horae.shared.Rejection;
import dev.horae.storage.ClusterProperties;
import dev.horae.storage.DatabaseOutage;
import jakarta.validation.ConstraintViolation;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/** The one place where failures become RFC 9457 problem details; nothing leaves as an empty 500. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
  private final long retryAfterSeconds;

  ProblemAdvice(ClusterProperties cluster) {
    this.retryAfterSeconds = cluster.outageRetryAfter().toSeconds();
  }

  @ExceptionHandler(Rejection.class)
  ResponseEntity<Object> rejection(Rejection e) {
    HttpStatus status =
        switch (e.kind()) {
          case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case INVALID -> HttpStatus.BAD_REQUEST;
          case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
          case CONFLICT -> HttpStatus.CONFLICT;
          case FAILED_PRECONDITION -> HttpStatus.PRECONDITION_REQUIRED;
          case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    ProblemDetail problem =
        e.kind() == Rejection.Kind.INVALID
            ? Problems.invalid(status, e.getMessage(), e.violations())
            : Problems.of(status, e.code(), e.getMessage());
    if (e.kind() != Rejection.Kind.INVALID && !e.violations().isEmpty()) {
      Problems.withViolations(problem, e.violations());
    }
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      return unavailable(problem);
    }
    return problem(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    if (DatabaseOutage.causedBy(e)) {
      log.warn("PostgreSQL is unreachable; answering 503 ({})", e.toString());
      return unavailable(ClusterFilter.outage());
    }
    log.error("Unexpected failure", e);
    return problem(
        Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "An unexpected error occurred"));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Throwable cause = ex.getMostSpecificCause();
    if (cause instanceof StreamReadException read) {
      var loc = read.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      return problem(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "The body is not valid JSON" + where));
    }
    if (cause instanceof MismatchedInputException mismatch) {
      String field = path(mismatch);
      return problem(
          Problems.invalid(
              HttpStatus.BAD_REQUEST,
              field + ": " + describe(mismatch),
              List.of(new FieldViolation(field, describe(mismatch)))));
    }
    String detail =
        ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
            ? "A JSON request body is required"
            : "The body could not be read as the expected JSON";
    return problem(Problems.of(HttpStatus.BAD_REQUEST, "UNREADABLE_BODY", detail));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name =
        ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : String.valueOf(ex.getPropertyName());
    String description = "has an invalid value '" + ex.getValue() + "'";
    Class<?> required = ex.getRequiredType();
    if (required != null && required.isEnum()) {
      description += "; allowed: " + Arrays.toString(required.getEnumConstants());
    }
    return problem(
        Problems.invalid(
            HttpStatus.BAD_REQUEST, name + ": " + description, List.of(new FieldViolation(name, description))));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldViolation> fields =
        ex.getBindingResult().getFieldErrors().stream()
            .map(f -> new FieldViolation(f.getField(), f.contains(ConstraintViolation.class)
                ? Constraints.describe(f.unwrap(ConstraintViolation.class)) : f.getDefaultMessage()))
            .distinct()
            .sorted(java.util.Comparator.comparing(FieldViolation::field))
            .toList();
    return problem(Problems.invalid(HttpStatus.BAD_REQUEST, summary(fields), fields));
  }

  /** {@code schedule.name: must be at most 200 characters}, or how many fields are invalid. */
  private static String summary(List<FieldViolation> fields) {
    return fields.size() == 1 ? fields.get(0).field() + ": " + fields.get(0).description() : fields.size() + " fields are invalid";
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      org.springframework.web.servlet.resource.NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    return problem(Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND",
        "No endpoint " + ex.getHttpMethod() + " /" + ex.getResourcePath()));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    ProblemDetail problem =
        body instanceof ProblemDetail given
            ? given
            : ProblemDetail.forStatusAndDetail(statusCode, String.valueOf(ex.getMessage()));
    String code = HttpStatus.valueOf(statusCode.value()).name();
    ProblemDetail rendered = Problems.of(statusCode, code, problem.getDetail() == null ? code : problem.getDetail());
    ResponseEntity<Object> response = problem(rendered);
    return ResponseEntity.status(statusCode)
        .headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(response.getBody());
  }

  private ResponseEntity<Object> unavailable(ProblemDetail problem) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  static ResponseEntity<Object> problem(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static String path(JacksonException e) {
    StringBuilder sb = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  private static String describe(MismatchedInputException e) {
    if (e instanceof tools.jackson.databind.exc.InvalidNullException) {
      return "must not be null";
    }
    Class<?> target = e.getTargetType();
    if (e instanceof InvalidFormatException invalid) {
      String text = "has an invalid value '" + invalid.getValue() + "'";
      if (target != null && target.isEnum()) {
        return text + "; allowed: " + Arrays.toString(target.getEnumConstants());
      }
      return text + (target == null ? "" : "; expected " + simpleName(target));
    }
    return target == null ? "has the wrong type" : "has the wrong type; expected " + simpleName(target);
  }

  private static String simpleName(Class<?> type) {
    if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }
}
