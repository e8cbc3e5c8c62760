package dev.horae.feed;

import dev.horae.api.Revisions;
import dev.horae.shared.Instants;
import dev.horae.shared.PublicUrlProperties;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.TextLimits;
import dev.horae.shared.Uuids;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The feeds of a schedule ({@code /v1/calendar-feeds}) and the feeds themselves ({@code /feeds/v1/{token}.ics}, no key: the token is the secret). */
@RestController
class FeedController {
  static final String FEED_PATH = "/feeds/v1/";
  static final MediaType CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

  private final CalendarFeeds feeds;
  private final PublicUrlProperties publicUrl;
  private final FeedProperties properties;

  FeedController(CalendarFeeds feeds, PublicUrlProperties publicUrl, FeedProperties properties) {
    this.feeds = feeds;
    this.publicUrl = publicUrl;
    this.properties = properties;
  }

  /** A feed as the API shows it: {@code url} is the secret address to subscribe to, {@code webcalUrl} the same for one-click subscribing. */
  record FeedView(String id, String scheduleId, String name, FeedPrivacy privacy, int pastDays, int futureDays, String url, String webcalUrl,
      String revision, String createdDate, String updatedDate) {}

  record FeedResponse(FeedView feed) {}

  record FeedsResponse(List<FeedView> feeds) {}

  record NewFeed(
      @NotNull @Size(max = TextLimits.ID) String scheduleId,
      @Size(max = TextLimits.NAME) String name,
      FeedPrivacy privacy,
      @Min(0) @Max(CalendarFeeds.MAX_PAST_DAYS) Integer pastDays,
      @Min(1) @Max(CalendarFeeds.MAX_FUTURE_DAYS) Integer futureDays) {}

  record CreateRequest(@NotNull @Valid NewFeed feed) {}

  record FeedChanges(
      @Size(max = TextLimits.REVISION) String revision,
      @Size(max = TextLimits.NAME) String name,
      FeedPrivacy privacy,
      @Min(0) @Max(CalendarFeeds.MAX_PAST_DAYS) Integer pastDays,
      @Min(1) @Max(CalendarFeeds.MAX_FUTURE_DAYS) Integer futureDays) {}

  record UpdateRequest(@NotNull @Valid FeedChanges feed) {}

  @PostMapping(path = "/v1/calendar-feeds", consumes = "application/json", produces = "application/json")
  FeedResponse create(TenantId tenant, @Valid @RequestBody CreateRequest body) {
    NewFeed f = body.feed();
    UUID schedule = Uuids.parse(f.scheduleId()).orElseThrow(() -> Rejection.invalid("feed.scheduleId", "must be a schedule id (a UUID)"));
    return new FeedResponse(view(feeds.create(tenant, schedule, blankless(f.name()), f.privacy(), f.pastDays(), f.futureDays())));
  }

  @GetMapping(path = "/v1/calendar-feeds", produces = "application/json")
  FeedsResponse list(TenantId tenant, @RequestParam String scheduleId) {
    UUID schedule = Uuids.parse(scheduleId).orElseThrow(() -> Rejection.invalid("scheduleId", "must be a schedule id (a UUID)"));
    return new FeedsResponse(feeds.ofSchedule(tenant, schedule).stream().map(this::view).toList());
  }

  @GetMapping(path = "/v1/calendar-feeds/{id}", produces = "application/json")
  FeedResponse get(TenantId tenant, @PathVariable String id) {
    return new FeedResponse(view(feeds.get(tenant, id(id))));
  }

  @PatchMapping(path = "/v1/calendar-feeds/{id}", consumes = "application/json", produces = "application/json")
  FeedResponse update(TenantId tenant, @PathVariable String id, @Valid @RequestBody UpdateRequest body) {
    FeedChanges f = body.feed();
    UUID feedId = id(id);
    return new FeedResponse(view(feeds.update(tenant, feedId, Revisions.parse(f.revision(), "feed.revision"),
        f.name() == null ? Optional.empty() : Optional.of(blankless(f.name())), f.privacy(), f.pastDays(), f.futureDays())));
  }

  @PostMapping(path = "/v1/calendar-feeds/{id}/rotate-token", produces = "application/json")
  FeedResponse rotate(TenantId tenant, @PathVariable String id) {
    return new FeedResponse(view(feeds.rotate(tenant, id(id))));
  }

  @DeleteMapping("/v1/calendar-feeds/{id}")
  void delete(TenantId tenant, @PathVariable String id) {
    feeds.delete(tenant, id(id));
  }

  @GetMapping(path = FEED_PATH + "{token}.ics", produces = "text/calendar")
  @ApiResponse(responseCode = "200", description = "The calendar (RFC 5545), with its ETag and Cache-Control",
      content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")),
      headers = {@Header(name = "ETag", description = "The tag of this text: its state and its digest", schema = @Schema(type = "string")),
          @Header(name = "Cache-Control", description = "private, max-age=<HORAE_FEEDS_REFRESH_INTERVAL in seconds>", schema = @Schema(type = "string"))})
  @ApiResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match", content = @Content,
      headers = @Header(name = "ETag", description = "The tag to send next time (of the current state, for the same text)",
          schema = @Schema(type = "string")))
  ResponseEntity<String> feed(@PathVariable String token, @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    CalendarFeeds.Answer answer = feeds.answer(token, ifNoneMatch).orElseThrow(() -> Rejection.notFound("Calendar feed", "with this token"));
    CacheControl cache = CacheControl.maxAge(properties.refreshInterval()).cachePrivate();
    if (answer instanceof CalendarFeeds.Written written) {
      return ResponseEntity.ok().contentType(CALENDAR).eTag(written.etag()).cacheControl(cache).body(written.text());
    }
    return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(answer.etag()).cacheControl(cache).build();
  }

  private FeedView view(CalendarFeed f) {
    String url = publicUrl.base() + FEED_PATH + f.token() + ".ics";
    return new FeedView(f.id().toString(), f.scheduleId().toString(), f.name(), f.privacy(), f.pastDays(), f.futureDays(), url,
        url.replaceFirst("^https?://", "webcal://"), Revisions.format(f.revision()), Instants.format(f.createdDate()),
        Instants.format(f.updatedDate()));
  }

  private static String blankless(String name) {
    return name == null || name.isBlank() ? null : name.strip();
  }

  private static UUID id(String id) {
    return Uuids.parse(id).orElseThrow(() -> Rejection.notFound("Calendar feed", id));
  }
}
