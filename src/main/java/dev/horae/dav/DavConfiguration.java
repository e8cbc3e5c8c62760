package dev.horae.dav;

import dev.horae.api.ApiProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serves CalDAV beside the API: its methods (PROPFIND, REPORT) are not ones Spring MVC maps. */
@Configuration(proxyBeanMethods = false)
class DavConfiguration {
  @Bean
  ServletRegistrationBean<DavServlet> davServlet(CalDav dav, ApiProperties api) {
    ServletRegistrationBean<DavServlet> bean = new ServletRegistrationBean<>(new DavServlet(dav, api.maxBodyBytes()), "/dav/*", "/dav",
        "/.well-known/caldav", "/.well-known/caldav/");
    bean.setName("caldav");
    bean.setLoadOnStartup(1);
    return bean;
  }
}
