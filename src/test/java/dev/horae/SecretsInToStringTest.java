package dev.horae;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * No record of the service prints a secret it holds (a password, a client secret, a token, an API
 * key, a webhook secret) in its {@code toString}, where logs and exception messages would carry it.
 * Every record with such a component is found by name, made with a marker in each text, and its
 * {@code toString} must not show the marker of a secret component.
 */
class SecretsInToStringTest {
  private static final Set<String> SECRET_NAMES = Set.of("password", "secret", "clientsecret", "accesstoken", "refreshtoken", "apikey");
  private static final String MARK = "SENSITIVE-";

  @Test
  void no_record_prints_its_secrets() throws Exception {
    List<String> leaking = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.horae")) {
      Class<?> type = Class.forName(c.getName(), false, getClass().getClassLoader());
      if (!type.isRecord()) {
        continue;
      }
      List<String> secrets = new ArrayList<>();
      for (RecordComponent rc : type.getRecordComponents()) {
        if (rc.getType() == String.class && secret(type, rc.getName())) {
          secrets.add(rc.getName());
        }
      }
      if (secrets.isEmpty()) {
        continue;
      }
      checked.add(type.getName());
      String text = String.valueOf(make(type, 0));
      for (String s : secrets) {
        if (text.contains(MARK + s)) {
          leaking.add(type.getName() + "." + s + " in " + text);
        }
      }
    }
    assertThat(leaking).as("records that print a secret").isEmpty();
    assertThat(checked).as("records holding secrets").contains("dev.horae.connection.oauth.OAuthTokens$Tokens",
        "dev.horae.connection.oauth.OAuthProviders$Client", "dev.horae.webhook.WebhookRepository$Secret", "dev.horae.tenant.ApiKeyView");
  }

  private static boolean secret(Class<?> record, String component) {
    return SECRET_NAMES.contains(component.toLowerCase()) || record.getSimpleName().equals("Secret") && component.equals("value");
  }

  private static Object make(Class<?> type, int depth) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = value(components[i].getType(), components[i].getName(), depth);
    }
    Constructor<?> canonical = type.getDeclaredConstructor(types);
    canonical.setAccessible(true);
    return canonical.newInstance(args);
  }

  private static Object value(Class<?> t, String name, int depth) throws Exception {
    if (t == String.class) {
      return MARK + name;
    }
    if (t == int.class || t == Integer.class) {
      return 0;
    }
    if (t == long.class || t == Long.class) {
      return 0L;
    }
    if (t == boolean.class || t == Boolean.class) {
      return false;
    }
    if (t == double.class || t == Double.class) {
      return 0.0;
    }
    if (t == Instant.class) {
      return Instant.EPOCH;
    }
    if (t == UUID.class) {
      return new UUID(0, 1);
    }
    if (t == Path.class) {
      return Path.of("x");
    }
    if (List.class.isAssignableFrom(t)) {
      return List.of();
    }
    if (Set.class.isAssignableFrom(t)) {
      return Set.of();
    }
    if (Map.class.isAssignableFrom(t)) {
      return Map.of();
    }
    if (t.isEnum()) {
      return t.getEnumConstants()[0];
    }
    if (t.isRecord() && depth < 3) {
      return make(t, depth + 1);
    }
    return null;
  }
}
