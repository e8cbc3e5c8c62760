package dev.horae.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * API key secrets: a recognisable prefix, 30 random base62 characters (178 bits) and a 6-character
 * base62 CRC32 of what precedes it, as GitHub's tokens have, so a secret scanner or a support person
 * can tell a Horae key from a typo without a database. Tenant keys start {@code hk_}, the operator's
 * key {@code hka_}. Only the SHA-256 of a secret is stored: with this much entropy a slow hash adds
 * nothing.
 */
final class ApiKeys {
  static final String TENANT_PREFIX = "hk_";
  static final String ADMIN_PREFIX = "hka_";
  private static final int RANDOM_CHARS = 30;
  private static final int CHECKSUM_CHARS = 6;
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  static String generate(String prefix) {
    StringBuilder key = new StringBuilder(prefix);
    for (int i = 0; i < RANDOM_CHARS; i++) {
      key.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return key.append(checksum(key)).toString();
  }

  /**
   * Whether {@code raw} has the shape of a generated key with the given prefix but a wrong checksum:
   * a typo or a truncation, refused without a look-up. Keys of other shapes (set by an operator
   * through {@code HORAE_BOOTSTRAP_API_KEY}, or made before keys had checksums) are looked up as they are.
   */
  static boolean mistyped(String raw, String prefix) {
    if (raw.length() != prefix.length() + RANDOM_CHARS + CHECKSUM_CHARS || !raw.startsWith(prefix)) {
      return false;
    }
    for (int i = prefix.length(); i < raw.length(); i++) {
      if (BASE62.indexOf(raw.charAt(i)) < 0) {
        return false;
      }
    }
    int split = raw.length() - CHECKSUM_CHARS;
    return !raw.substring(split).equals(checksum(raw.subSequence(0, split)));
  }

  /** What may be shown of a secret: its prefix and the first six random characters. */
  static String visiblePrefix(String raw) {
    int visible = Math.min(raw.length(), raw.startsWith(ADMIN_PREFIX) ? 10 : 9);
    return raw.substring(0, visible) + "…";
  }

  private static String checksum(CharSequence body) {
    CRC32 crc = new CRC32();
    crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] out = new char[CHECKSUM_CHARS];
    for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
      out[i] = BASE62.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(out);
  }

  static String hash(String rawKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(rawKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
