package dev.horae.event;

import dev.horae.recurrence.LibRecurExpander;
import dev.horae.recurrence.RecurrenceExpander;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recurrence port's one implementation. */
@Configuration(proxyBeanMethods = false)
class RecurrenceConfiguration {
  @Bean
  RecurrenceExpander recurrenceExpander() {
    return new LibRecurExpander();
  }
}
