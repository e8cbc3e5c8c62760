package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.connection.ics.IcsProperties;
import dev.horae.connection.microsoft.MicrosoftProperties;
import dev.horae.connection.sync.SyncProperties;
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
      dev.horae.connection.google.GoogleProperties.class, CalDavProperties.class, dev.horae.connection.push.PushProperties.class,
      dev.horae.connection.oauth.OAuthProperties.class, dev.horae.shared.PublicUrlProperties.class})
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
      assertThat(c.getBean(CalDavProperties.class).icloudUrl()).hasToString("https://caldav.icloud.com");
      assertThat(c.getBean(CalDavProperties.class).syncCollection()).isTrue();
      assertThat(c.getBean(CalDavProperties.class).maxAnswerBytes()).isEqualTo(32 * 1024 * 1024);
      assertThat(c.getBean(dev.horae.connection.push.PushProperties.class).renewBefore()).isEqualTo(Duration.ofDays(1));
      dev.horae.connection.oauth.OAuthProperties oauth = c.getBean(dev.horae.connection.oauth.OAuthProperties.class);
      assertThat(oauth.google().tokenUrl()).isEqualTo("https://oauth2.googleapis.com/token");
      assertThat(oauth.microsoft().authorizeUrl()).isEqualTo("https://login.microsoftonline.com/common/oauth2/v2.0/authorize");
      assertThat(oauth.stateTtl()).isEqualTo(Duration.ofMinutes(10));
      assertThat(c.getBean(dev.horae.shared.PublicUrlProperties.class).base()).isEqualTo("http://localhost:8080");
    });
    context.withPropertyValues("horae.oauth.google.client-secret=s3cret", "horae.public-url=https://horae.example.com/").run(c -> {
      assertThat(c.getBean(dev.horae.connection.oauth.OAuthProperties.class).google().clientSecret()).isEqualTo("s3cret");
      assertThat(c.getBean(dev.horae.connection.oauth.OAuthProperties.class).toString()).doesNotContain("s3cret");
      assertThat(c.getBean(dev.horae.shared.PublicUrlProperties.class).base()).isEqualTo("https://horae.example.com");
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
        {"horae.caldav.icloud-url=caldav.icloud.com", "HORAE_CALDAV_ICLOUD_URL"},
        {"horae.caldav.max-answer-bytes=1000", "HORAE_CALDAV_MAX_ANSWER_BYTES"},
        {"horae.push.renew-before=P8D", "HORAE_PUSH_RENEW_BEFORE must be shorter than HORAE_PUSH_LIFETIME"},
        {"horae.push.lifetime=PT1M", "HORAE_PUSH_LIFETIME"},
        {"horae.oauth.state-ttl=PT1S", "HORAE_OAUTH_STATE_TTL"},
        {"horae.oauth.google.token-url=", "HORAE_OAUTH_GOOGLE_TOKEN_URL"},
        {"horae.public-url=/relative", "HORAE_PUBLIC_URL"},
    };
    for (String[] b : bad) {
      context.withPropertyValues(b[0]).run(c -> assertThat(c).as(b[0]).getFailure().rootCause().hasMessageContaining(b[1]));
    }
    context.withPropertyValues("horae.microsoft.out-of-office=MAYBE").run(c -> assertThat(c).as("an unknown out-of-office value").hasFailed());
  }
}
