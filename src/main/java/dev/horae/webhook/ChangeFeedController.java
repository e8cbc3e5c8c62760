package dev.horae.webhook;

import dev.horae.outbox.Change;
import dev.horae.outbox.Changes;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.query.Cursors;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pull feed: {@code GET /v1/changes?cursor=…&limit=…} answers the tenant's changes after the
 * cursor, in sequence order, and the cursor to continue from ({@code nextCursor}, the same one when
 * nothing is new). No cursor starts at the beginning.
 */
@RestController
@RequestMapping(path = "/v1/changes", produces = "application/json")
class ChangeFeedController {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final Changes changes;
  private final Cursors cursors;

  ChangeFeedController(Changes changes, Cursors cursors) {
    this.changes = changes;
    this.cursors = cursors;
  }

  record Position(long after) {}

  record FeedResponse(List<Envelope> changes, String nextCursor) {}

  @GetMapping
  FeedResponse feed(TenantId tenant, @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
    long after = cursor == null || cursor.isBlank() ? 0 : cursors.decode(cursor, Position.class, "cursor").after();
    if (after < 0) {
      throw Rejection.invalid("cursor", "is not a cursor this API issued");
    }
    int n = limit == null ? DEFAULT_LIMIT : limit;
    if (n < 1 || n > MAX_LIMIT) {
      throw Rejection.invalid("limit", "must be 1.." + MAX_LIMIT);
    }
    List<Change> page = changes.after(tenant, after, n);
    long last = page.isEmpty() ? after : page.get(page.size() - 1).sequence();
    return new FeedResponse(page.stream().map(Envelope::of).toList(), cursors.encode(new Position(last)));
  }
}
