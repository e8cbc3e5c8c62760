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
 * @param maxAnswerBytes {@code HORAE_CALDAV_MAX_ANSWER_BYTES}: the most Horae reads of one answer; a
 *     sync-collection listing with the objects' data over it is asked for again without the data,
 *     and the objects fetched 100 at a time
 */
@Validated
@ConfigurationProperties("horae.caldav")
public record CalDavProperties(@DefaultValue("https://caldav.icloud.com") @NotNull(message = "is required (HORAE_CALDAV_ICLOUD_URL)") URI icloudUrl,
    @DefaultValue("true") boolean syncCollection,
    @DefaultValue("33554432") @jakarta.validation.constraints.Min(value = 65536, message = "must be 64 KiB..256 MiB (HORAE_CALDAV_MAX_ANSWER_BYTES)")
        @jakarta.validation.constraints.Max(value = 268435456, message = "must be 64 KiB..256 MiB (HORAE_CALDAV_MAX_ANSWER_BYTES)") int maxAnswerBytes) {

  @jakarta.validation.constraints.AssertTrue(message = "HORAE_CALDAV_ICLOUD_URL must be an absolute http(s) URL")
  public boolean isIcloudUrlAbsolute() {
    return icloudUrl == null || (icloudUrl.isAbsolute() && icloudUrl.getHost() != null
        && ("https".equals(icloudUrl.getScheme()) || "http".equals(icloudUrl.getScheme())));
  }
}
