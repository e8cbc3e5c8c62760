package dev.horae.tenant;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The access rules in the OpenAPI document, from the same rule the filter enforces: each tenant
 * operation names its scope (as {@code x-horae-scope} and in its description), and the
 * admin operations name the operator key.
 */
@Configuration(proxyBeanMethods = false)
class AccessOpenApi {
  static final String OPERATOR_SCHEME = "operatorKey";

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class); // the caller comes from the key, never from a parameter
  }

  @Bean
  @org.springframework.core.annotation.Order(0) // before the contract, which reads each operation's security
  OpenApiCustomizer horaeScopes() {
    return openApi -> {
      openApi.getComponents().addSecuritySchemes(OPERATOR_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
          .description("The operator's key (HORAE_ADMIN_API_KEY); tenant keys are refused here"));
      if (openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().forEach((path, item) -> {
        for (Map.Entry<PathItem.HttpMethod, Operation> op : item.readOperationsMap().entrySet()) {
          describe(path, op.getKey().name(), op.getValue());
        }
      });
    };
  }

  private static void describe(String path, String method, Operation operation) {
    if (AccessFilter.open(path)) {
      operation.setSecurity(List.of()); // no key: the provider's channel token or the signed state authenticates these
      return;
    }
    if (path.startsWith(AccessFilter.ADMIN_PREFIX)) {
      operation.setSecurity(List.of(new SecurityRequirement().addList(OPERATOR_SCHEME)));
      return;
    }
    RequiredScope.of(method, path.replaceAll("\\{[^}]+}", "x")).ifPresent(scope -> {
      // a bearer scheme has no scopes in OpenAPI (spectral's oas3-operation-security-defined): the scope is stated as
      // x-horae-scope and in the description
      operation.setSecurity(List.of(new SecurityRequirement().addList("apiKey")));
      operation.addExtension("x-horae-scope", scope.value());
      String note = "Scope: `" + scope.value() + "`" + (scope.isWrite() ? "" : " (or `" + scope.writeOfSurface().value() + "`)") + ".";
      operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
    });
  }
}
