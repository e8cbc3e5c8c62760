package dev.horae.shared;

import java.util.UUID;

/** Generates identifiers; one place so that tests and the benchmark loader agree on their shape. */
public final class Ids {
  private Ids() {}

  public static UUID newUuid() {
    return UUID.randomUUID();
  }

  /** 32 lower-case hex digits of a fresh random UUID. */
  public static String newHex32() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
