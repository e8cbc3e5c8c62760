package dev.horae.api;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How request bodies are read: a {@code null} element of a list ({@code "resources": [null]},
 * {@code "events": [null]}) is refused as it is read, a 400 naming its place ({@code
 * resources[0]}: "must not be null"), instead of reaching code that assumes elements.
 */
@Configuration(proxyBeanMethods = false)
class JsonInput {
  @Bean
  JsonMapperBuilderCustomizer noNullElements() {
    JsonSetter.Value fail = JsonSetter.Value.forContentNulls(Nulls.FAIL);
    return builder -> builder
        .withConfigOverride(List.class, o -> o.setNullHandling(fail))
        .withConfigOverride(Set.class, o -> o.setNullHandling(fail))
        .withConfigOverride(Collection.class, o -> o.setNullHandling(fail));
  }
}
