package dev.horae.shared;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock of the application; domain code receives it, never calls a zero-argument now(). */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
