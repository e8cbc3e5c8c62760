package dev.horae.api;

import dev.horae.shared.FieldViolation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * An empty value for a query parameter that is not text ({@code ?limit=}, {@code ?deleted=}) is a
 * 400 naming the parameter. Spring would read it as absent (or as the default), while the
 * document says the parameter is a number or a boolean; an empty text parameter stays allowed.
 */
@Configuration(proxyBeanMethods = false)
class EmptyParameters implements WebMvcConfigurer {
  private final JsonMapper json;

  EmptyParameters(JsonMapper json) {
    this.json = json;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new HandlerInterceptor() {
      @Override
      public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!(handler instanceof HandlerMethod method) || request.getQueryString() == null) {
          return true;
        }
        for (MethodParameter parameter : method.getMethodParameters()) {
          RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
          if (param == null || CharSequence.class.isAssignableFrom(parameter.getParameterType())
              || java.util.Collection.class.isAssignableFrom(parameter.getParameterType())) {
            continue;
          }
          String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : parameter.getParameterName();
          String[] values = name == null ? null : request.getParameterValues(name);
          if (values != null && java.util.Arrays.stream(values).anyMatch(String::isBlank)) {
            String description = "must not be empty; leave it out to use the default";
            Problems.write(response, Problems.invalid(HttpStatus.BAD_REQUEST, name + ": " + description,
                List.of(new FieldViolation(name, description))), json);
            return false;
          }
        }
        return true;
      }
    });
  }
}
