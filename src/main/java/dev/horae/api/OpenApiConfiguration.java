package dev.horae.api;

import io.swagger.v3.oas.models.servers.Server;
import dev.horae.shared.TenantId;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: bearer API keys, no tenant parameter, and schemas of nested request and
 * response records named after their outer class. Names OpenAPI schemas of nested request and response records after their outer class, so that
 * {@code ScheduleController.CreateRequest} and {@code EventController.CreateRequest} become
 * {@code ScheduleCreateRequest} and {@code EventCreateRequest} instead of colliding.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
  static {
    // the caller's tenant comes from the API key, never from a parameter
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(TenantId.class);
    // a query's filter is a free-form object, not the members of Jackson's JsonNode class
    SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class,
        new io.swagger.v3.oas.models.media.ObjectSchema().description("A JSON object"));
  }

  @Bean
  OpenAPI horaeOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Horae").version("0.1.0")
            .description("Calendar V3 schedules, events and participations; external calendars; resources, services, "
                + "availability and appointments; webhooks and the change feed. Every call needs "
                + "`Authorization: Bearer <api key>`; errors are RFC 9457 problem details.")
            .contact(new Contact().name("Horae").url("https://horae.dev/")))
        // fixed, so that the served document is the published docs/openapi.json whatever address it was asked at
        .addServersItem(new Server().url("http://localhost:8080").description("The service on its default port; use your deployment's address"))
        .components(new Components().addSecuritySchemes("apiKey",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("A tenant API key")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }

  @Bean
  ModelResolver horaeSchemaNames() {
    return new ModelResolver(Json.mapper(), new NestedTypeNames());
  }

  static final class NestedTypeNames extends TypeNameResolver {
    @Override
    protected String getNameOfClass(Class<?> cls) {
      String name = super.getNameOfClass(cls);
      Class<?> outer = cls.getEnclosingClass();
      return outer == null ? name : outer.getSimpleName().replace("Controller", "") + name;
    }
  }
}
