package dev.horae.shared;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where clients and providers reach this service ({@code horae.public-url}, {@code HORAE_PUBLIC_URL}):
 * OAuth sign-ins return there and push notifications arrive there.
 */
@Validated
@ConfigurationProperties("horae")
public record PublicUrlProperties(@DefaultValue("http://localhost:8080") @NotNull URI publicUrl) {

  @AssertTrue(message = "HORAE_PUBLIC_URL must be an absolute http(s) URL")
  public boolean isPublicUrlAbsolute() {
    return publicUrl == null || (publicUrl.isAbsolute() && publicUrl.getHost() != null
        && ("https".equals(publicUrl.getScheme()) || "http".equals(publicUrl.getScheme())));
  }

  /** The URL without a trailing slash. */
  public String base() {
    String s = publicUrl.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
