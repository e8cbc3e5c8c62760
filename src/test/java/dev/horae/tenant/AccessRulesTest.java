package dev.horae.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class AccessRulesTest {

  @Test
  void a_generated_key_has_its_prefix_and_checksum_and_any_one_changed_character_is_caught() {
    for (int n = 0; n < 200; n++) {
      String key = ApiKeys.generate(ApiKeys.TENANT_PREFIX);
      assertThat(key).matches("hk_[0-9A-Za-z]{36}");
      assertThat(ApiKeys.mistyped(key, ApiKeys.TENANT_PREFIX)).isFalse();
      int at = 3 + n % 36;
      char swapped = key.charAt(at) == 'Z' ? 'Y' : 'Z';
      assertThat(ApiKeys.mistyped(key.substring(0, at) + swapped + key.substring(at + 1), ApiKeys.TENANT_PREFIX)).as(key).isTrue();
    }
    assertThat(ApiKeys.generate(ApiKeys.ADMIN_PREFIX)).matches("hka_[0-9A-Za-z]{36}");
  }

  @Test
  void keys_of_other_shapes_are_looked_up_as_they_are() {
    assertThat(ApiKeys.mistyped("hk_local_dev", ApiKeys.TENANT_PREFIX)).isFalse(); // an operator's chosen bootstrap key
    assertThat(ApiKeys.mistyped("hk_" + "A".repeat(43), ApiKeys.TENANT_PREFIX)).isFalse(); // a key of an earlier version
    String generated = ApiKeys.generate(ApiKeys.TENANT_PREFIX);
    assertThat(ApiKeys.mistyped(generated.substring(0, generated.length() - 1), ApiKeys.TENANT_PREFIX)).isFalse(); // truncated: unknown
    assertThat(ApiKeys.visiblePrefix(generated)).isEqualTo(generated.substring(0, 9) + "…");
  }

  @Test
  void reads_are_gets_and_queries_and_a_write_scope_includes_reading() {
    assertThat(RequiredScope.of("GET", "/calendar/v3/events/x")).contains(Scope.CALENDAR_READ);
    assertThat(RequiredScope.of("POST", "/calendar/v3/events/query")).contains(Scope.CALENDAR_READ);
    assertThat(RequiredScope.of("POST", "/calendar/v3/events")).contains(Scope.CALENDAR_WRITE);
    assertThat(RequiredScope.of("PUT", "/consumer/v1/appointments/x/book")).contains(Scope.APPOINTMENTS_WRITE);
    assertThat(RequiredScope.of("GET", "/consumer/v1/availability/s/2027-01-01/2027-01-02")).contains(Scope.RESOURCES_READ);
    assertThat(RequiredScope.of("DELETE", "/v1/api-keys/x")).contains(Scope.KEYS_WRITE);
    assertThat(RequiredScope.of("GET", "/v1/changes")).contains(Scope.WEBHOOKS_READ);
    assertThat(RequiredScope.of("GET", "/v1/api-keys/current")).isEmpty();
    assertThat(RequiredScope.of("GET", "/nowhere")).isEmpty();
    assertThat(Scope.CALENDAR_READ.grantedBy(Set.of(Scope.CALENDAR_WRITE))).isTrue();
    assertThat(Scope.CALENDAR_WRITE.grantedBy(Set.of(Scope.CALENDAR_READ))).isFalse();
    assertThat(Scope.CALENDAR_READ.grantedBy(EnumSet.complementOf(EnumSet.of(Scope.CALENDAR_READ, Scope.CALENDAR_WRITE)))).isFalse();
    for (Scope s : Scope.values()) {
      assertThat(Scope.parse(s.value())).isEqualTo(Optional.of(s));
      assertThat(s.writeOfSurface().isWrite()).isTrue();
      assertThat(s.writeOfSurface().value().split(":")[0]).isEqualTo(s.value().split(":")[0]);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(AccessProperties.class)
  static class Bound {}

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class)).withUserConfiguration(Bound.class);

  @Test
  void an_impossible_setting_stops_the_start_and_names_its_environment_variable() {
    context.withPropertyValues("horae.access.rate-limit.key-per-minute=0").run(c ->
        assertThat(c).getFailure().rootCause().hasMessageContaining("HORAE_RATE_LIMIT_KEY_PER_MINUTE"));
    context.withPropertyValues("horae.access.admin-api-key=short").run(c ->
        assertThat(c).getFailure().rootCause().hasMessageContaining("HORAE_ADMIN_API_KEY"));
    context.run(c -> {
      assertThat(c).hasNotFailed();
      AccessProperties p = c.getBean(AccessProperties.class);
      assertThat(p.rateLimit().keyPerMinute()).isEqualTo(1200);
      assertThat(p.toString()).doesNotContain("short");
    });
    context.withPropertyValues("horae.access.admin-api-key=a-secret-operator-key-123").run(c ->
        assertThat(c.getBean(AccessProperties.class).toString()).doesNotContain("a-secret-operator-key-123"));
  }
}
