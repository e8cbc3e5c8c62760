package dev.horae.connection;

import dev.horae.connection.sync.SyncProperties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.connection.ics.IcsProperties;
import dev.horae.connection.microsoft.MicrosoftProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The connection engine's settings: defaults as documented, and a bad value stops the start naming its environment variable (never clamped). */
class ConnectionPropertiesTest {
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({SyncProperties.class, IcsProperties.class, MicrosoftProperties.class,
      dev.horae.connection.google.GoogleProperties.class})
  static class Bound {}

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class)).withUserConfiguration(Bound.class);

  @Test
  void defaults() {
    context.run(c -> {
      assertThat(c).hasNotFailed();
      SyncProperties sync = c.getBean(SyncProperties.class);
      assertThat(sync.interval()).isEqualTo(Duration.ofMinutes(5));
      assertThat(sync.windowFuture()).isEqualTo(Duration.ofDays(400));
      assertThat(sync.joinTimeout()).isEqualTo(Duration.ofSeconds(25));
      assertThat(c.getBean(IcsProperties.class).maxBytes()).isEqualTo(10 * 1024 * 1024);
      assertThat(c.getBean(MicrosoftProperties.class).maxConcurrent()).isEqualTo(4);
      assertThat(c.getBean(MicrosoftProperties.class).outOfOffice()).isEqualTo(dev.horae.connection.OutOfOffice.BUSY);
    });
    context.withPropertyValues("horae.microsoft.out-of-office=free").run(c ->
        assertThat(c.getBean(MicrosoftProperties.class).outOfOffice()).isEqualTo(dev.horae.connection.OutOfOffice.FREE));
  }

  @Test
  void an_impossible_setting_stops_the_start_and_names_its_environment_variable() {
    String[][] bad = {
        {"horae.sync.interval=PT0S", "HORAE_SYNC_INTERVAL"},
        {"horae.sync.retry-base=PT2H", "HORAE_SYNC_RETRY_BASE"},
        {"horae.sync.retry-cap=PT1S", "HORAE_SYNC_RETRY_CAP must be at least HORAE_SYNC_RETRY_BASE"},
        {"horae.sync.window-future=P5000D", "HORAE_SYNC_WINDOW_FUTURE"},
        {"horae.ics.max-bytes=10", "HORAE_ICS_MAX_BYTES"},
        {"horae.microsoft.max-concurrent=0", "HORAE_MICROSOFT_MAX_CONCURRENT"},
        {"horae.microsoft.max-concurrent=12", "HORAE_MICROSOFT_MAX_CONCURRENT"},
        {"horae.microsoft.retry-attempts=0", "HORAE_MICROSOFT_RETRY_ATTEMPTS"},
        {"horae.google.page-size=5000", "HORAE_GOOGLE_PAGE_SIZE"},
        {"horae.google.retry-attempts=0", "HORAE_GOOGLE_RETRY_ATTEMPTS"},
    };
    for (String[] b : bad) {
      context.withPropertyValues(b[0]).run(c -> assertThat(c).as(b[0]).getFailure().rootCause().hasMessageContaining(b[1]));
    }
    context.withPropertyValues("horae.microsoft.out-of-office=MAYBE").run(c -> assertThat(c).as("an unknown out-of-office value").hasFailed());
  }
}
