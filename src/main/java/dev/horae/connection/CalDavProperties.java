package dev.horae.connection;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * CalDAV connections ({@code horae.caldav.*}); validated at start-up.
 *
 * @param icloudUrl {@code HORAE_CALDAV_ICLOUD_URL}: iCloud's CalDAV server, where Apple ID connections go
 * @param syncCollection {@code HORAE_CALDAV_SYNC_COLLECTION}: whether imports ask for RFC 6578
 *     sync-collection (false: every sync compares the CTag, then every ETag)
 */
@Validated
@ConfigurationProperties("horae.caldav")
public record CalDavProperties(@DefaultValue("https://caldav.icloud.com") @NotNull(message = "is required (HORAE_CALDAV_ICLOUD_URL)") URI icloudUrl,
    @DefaultValue("true") boolean syncCollection) {

  @jakarta.validation.constraints.AssertTrue(message = "HORAE_CALDAV_ICLOUD_URL must be an absolute http(s) URL")
  public boolean isIcloudUrlAbsolute() {
    return icloudUrl == null || (icloudUrl.isAbsolute() && icloudUrl.getHost() != null
        && ("https".equals(icloudUrl.getScheme()) || "http".equals(icloudUrl.getScheme())));
  }
}
