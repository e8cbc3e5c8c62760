package dev.horae.api;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How request bodies are read: a {@code null} element of a list ({@code "resources": [null]},
 * {@code "events": [null]}) is refused as it is read, a 400 naming its place ({@code
 * resources[0]}: "must not be null"), instead of reaching code that assumes elements; a number or
 * a boolean sent for a string is a 400 too ({@code apiKey.name: has the wrong type}).
 */
@Configuration(proxyBeanMethods = false)
class JsonInput {
  @Bean
  JsonMapperBuilderCustomizer noNullElements() {
    JsonSetter.Value fail = JsonSetter.Value.forContentNulls(Nulls.FAIL);
    return builder -> builder
        .withConfigOverride(List.class, o -> o.setNullHandling(fail))
        .withConfigOverride(Set.class, o -> o.setNullHandling(fail))
        .withConfigOverride(Collection.class, o -> o.setNullHandling(fail))
        // a number or a boolean where the document says string is refused, not turned into text
        .withCoercionConfig(LogicalType.Textual, c -> c
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        // and text, a fraction or an empty string where it says integer, number or boolean is refused, not read as
        // a number (or as absent)
        .withCoercionConfig(LogicalType.Integer, c -> c
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Float, c -> c
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Boolean, c -> c
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
  }
}
