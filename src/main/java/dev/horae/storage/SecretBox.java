package dev.horae.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (webhook signing secrets now, provider credentials next) with AES-256-GCM
 * from the JDK, bound to what they belong to by associated data (e.g. tenant and webhook id), so a
 * ciphertext copied to another row does not decrypt.
 *
 * <p>Keys come from {@code HORAE_SECRET_KEYS}: {@code id:base64key[,id:base64key…]}, 32-byte keys,
 * the first one encrypting and all of them decrypting. Rotation: put a new key first, keep the old
 * ones listed until every row has been re-written (each feature re-seals its stale rows at start-up,
 * see {@link #stale}), then drop them. With no keys configured a key is
 * generated once into {@code $HORAE_DATA_DIR/secret-keys} (fine for one machine; a cluster must set
 * the variable). Stored form: {@code keyId:base64(nonce ‖ ciphertext)}.
 */
@Component
public class SecretBox {
  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
  private static final int NONCE_BYTES = 12;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
  private final String primary;

  SecretBox(@Value("${horae.secrets.keys:}") String configured, @Value("${horae.data-dir:./data}") String dataDir) {
    String spec = configured;
    if (spec == null || spec.isBlank()) {
      spec = generatedKey(Path.of(dataDir, "secret-keys"));
    }
    for (String entry : spec.split(",")) {
      int colon = entry.indexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException("HORAE_SECRET_KEYS entries must be id:base64key");
      }
      byte[] key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
      if (key.length != 32) {
        throw new IllegalArgumentException("HORAE_SECRET_KEYS key " + entry.substring(0, colon) + " must be 32 bytes");
      }
      keys.put(entry.substring(0, colon).strip(), new SecretKeySpec(key, "AES"));
    }
    primary = keys.keySet().iterator().next();
  }

  public String seal(String plaintext, String boundTo) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(primary), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return primary + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  public String open(String stored, String boundTo) {
    int colon = stored.indexOf(':');
    SecretKeySpec key = colon < 0 ? null : keys.get(stored.substring(0, colon));
    if (key == null) {
      throw new IllegalStateException("a secret was sealed with a key that is not configured (key id " + (colon < 0 ? "?" : stored.substring(0, colon)) + ")");
    }
    try {
      byte[] all = Base64.getDecoder().decode(stored.substring(colon + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored secret does not decrypt (wrong key or moved row)", e);
    }
  }

  /**
   * An HMAC-SHA256 tag over {@code data} (base64url), keyed by a key derived from the first key;
   * for values that travel through other hands and must come back unchanged (OAuth state).
   */
  public String sign(String data) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(keys.get(primary), data));
  }

  /** Whether {@code tag} is {@link #sign}'s tag for {@code data} under any configured key (constant time). */
  public boolean verify(String data, String tag) {
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(tag);
    } catch (IllegalArgumentException e) {
      return false;
    }
    for (SecretKeySpec key : keys.values()) {
      if (java.security.MessageDigest.isEqual(hmac(key, data), given)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] hmac(SecretKeySpec key, String data) {
    try {
      javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
      derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      byte[] macKey = derive.doFinal("horae-signing-key".getBytes(StandardCharsets.UTF_8));
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when {@code stored} was sealed with a key other than the first (a rotation is under way). */
  public boolean stale(String stored) {
    return stored != null && !stored.startsWith(primary + ":");
  }

  /** {@code stored} sealed again with the first key (same plaintext, same binding). */
  public String reseal(String stored, String boundTo) {
    return seal(open(stored, boundTo), boundTo);
  }

  private String generatedKey(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      byte[] key = new byte[32];
      random.nextBytes(key);
      String spec = "k1:" + Base64.getEncoder().encodeToString(key);
      Files.createDirectories(file.getParent());
      Files.writeString(file, spec);
      try {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      log.warn("No HORAE_SECRET_KEYS set: generated an encryption key in {} (set HORAE_SECRET_KEYS on every node of a cluster)", file);
      return spec;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
