package dev.horae.shared;

import java.util.List;

/**
 * An expected refusal of a request: no valid credentials, not allowed, not found, invalid input, a
 * conflict, a failed precondition, or not now (unavailable).
 *
 * <p>It is thrown rather than returned so that the surrounding transaction rolls back and a refused
 * request never leaves a half-written change. It knows nothing of HTTP; the api package maps each
 * {@link Kind} to a status and renders an RFC 9457 problem.
 */
public final class Rejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What the caller should understand; the api layer maps each to one HTTP status. */
  public enum Kind {
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    INVALID,
    UNPROCESSABLE,
    CONFLICT,
    FAILED_PRECONDITION,
    /** Not now, for a reason of ours (the database is unreachable, this node is shutting down): send it again later. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String code;
  private final transient List<FieldViolation> violations;

  public Rejection(Kind kind, String code, String detail, List<FieldViolation> violations) {
    super(detail, null, false, false);
    this.kind = kind;
    this.code = code;
    this.violations = List.copyOf(violations);
  }

  /** No valid credentials; {@code field} names the one that is wrong, or is null when none was given. */
  public static Rejection unauthenticated(String field, String description) {
    return new Rejection(Kind.UNAUTHENTICATED, "UNAUTHENTICATED", field == null ? description : field + ": " + description,
        field == null ? List.of() : List.of(new FieldViolation(field, description)));
  }

  public static Rejection forbidden(String code, String detail) {
    return new Rejection(Kind.FORBIDDEN, code, detail, List.of());
  }

  public static Rejection notFound(String entity, Object id) {
    return new Rejection(
        Kind.NOT_FOUND, entity.toUpperCase(java.util.Locale.ROOT).replace(' ', '_') + "_NOT_FOUND", entity + " " + id + " not found", List.of());
  }

  public static Rejection invalid(String field, String description) {
    return invalid(List.of(new FieldViolation(field, description)));
  }

  public static Rejection invalid(List<FieldViolation> violations) {
    String detail =
        violations.size() == 1
            ? violations.get(0).field() + ": " + violations.get(0).description()
            : violations.size() + " fields are invalid";
    return new Rejection(Kind.INVALID, "INVALID_ARGUMENT", detail, violations);
  }

  public static Rejection revisionMismatch(String entity, Object id, Long given, long current) {
    String detail =
        given == null
            ? entity + " " + id + " needs the revision you read (current revision is " + current + ")"
            : entity + " " + id + " is at revision " + current + ", not " + given;
    return new Rejection(Kind.CONFLICT, "REVISION_MISMATCH", detail, List.of());
  }

  /** Throws a revision mismatch unless the caller sent exactly the current revision. */
  public static void requireRevision(String entity, Object id, Long given, long current) {
    if (given == null || given != current) {
      throw revisionMismatch(entity, id, given, current);
    }
  }

  public static Rejection conflict(String code, String detail) {
    return new Rejection(Kind.CONFLICT, code, detail, List.of());
  }

  public static Rejection failedPrecondition(String code, String detail) {
    return new Rejection(Kind.FAILED_PRECONDITION, code, detail, List.of());
  }

  public static Rejection unavailable(String code, String detail) {
    return new Rejection(Kind.UNAVAILABLE, code, detail, List.of());
  }

  public static Rejection unprocessable(String code, String detail) {
    return new Rejection(Kind.UNPROCESSABLE, code, detail, List.of());
  }

  /** A well-formed value the domain can't accept (e.g. a recurrence rule RFC 5545 refuses), naming the field. */
  public static Rejection unprocessable(String code, String field, String description) {
    return new Rejection(Kind.UNPROCESSABLE, code, field + ": " + description, List.of(new FieldViolation(field, description)));
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}
