package dev.horae.tenant;

import dev.horae.shared.TenantId;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets a controller method take the caller's {@link TenantId}, or the whole {@link Caller}, as a parameter. */
@Configuration(proxyBeanMethods = false)
class CurrentTenantResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {
  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(this);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == TenantId.class || parameter.getParameterType() == Caller.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    Object caller = webRequest.getAttribute(AccessFilter.CALLER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (caller == null) {
      throw new IllegalStateException("No caller on an authenticated path");
    }
    return parameter.getParameterType() == Caller.class ? caller : ((Caller) caller).tenant();
  }
}
