package dev.horae.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Secrets at rest: bound to their row, and a key rotation that keeps old values readable until re-sealed. */
class SecretBoxTest {
  private static final String K1 = "k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  private static final String K2 = "k2:ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

  @Test
  void sealed_values_open_only_for_what_they_were_bound_to() throws Exception {
    SecretBox box = new SecretBox(K1, Files.createTempDirectory("box").toString());
    String sealed = box.seal("hunter2", "connection-credentials:t:1");
    assertThat(sealed).startsWith("k1:").doesNotContain("hunter2");
    assertThat(box.open(sealed, "connection-credentials:t:1")).isEqualTo("hunter2");
    assertThatThrownBy(() -> box.open(sealed, "connection-credentials:t:2")).isInstanceOf(IllegalStateException.class);
    assertThat(box.seal("hunter2", "x")).isNotEqualTo(box.seal("hunter2", "x")); // a fresh nonce every time
  }

  @Test
  void after_a_rotation_old_values_still_open_and_are_resealed_with_the_new_key() throws Exception {
    String dir = Files.createTempDirectory("box").toString();
    String old = new SecretBox(K1, dir).seal("hunter2", "b");
    SecretBox rotated = new SecretBox(K2 + "," + K1, dir);
    assertThat(rotated.stale(old)).isTrue();
    assertThat(rotated.open(old, "b")).isEqualTo("hunter2");
    String fresh = rotated.reseal(old, "b");
    assertThat(fresh).startsWith("k2:");
    assertThat(rotated.stale(fresh)).isFalse();
    assertThatThrownBy(() -> new SecretBox(K2, dir).open(old, "b")).isInstanceOf(IllegalStateException.class); // k1 dropped too early
  }
}
