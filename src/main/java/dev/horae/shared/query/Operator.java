package dev.horae.shared.query;

import java.util.Arrays;
import java.util.Optional;

/** The operators of the Wix API Query Language that Horae translates to SQL. */
public enum Operator {
  EQ("$eq"),
  NE("$ne"),
  LT("$lt"),
  LTE("$lte"),
  GT("$gt"),
  GTE("$gte"),
  IN("$in"),
  NIN("$nin"),
  STARTS_WITH("$startsWith"),
  IS_EMPTY("$isEmpty"),
  HAS_SOME("$hasSome"),
  HAS_ALL("$hasAll"),
  EXISTS("$exists");

  private final String token;

  Operator(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }

  static Optional<Operator> fromToken(String token) {
    return Arrays.stream(values()).filter(o -> o.token.equals(token)).findFirst();
  }
}
