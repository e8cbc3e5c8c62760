package dev.horae.feed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Key rotation (HORAE_SECRET_KEYS): at start-up, feed tokens sealed with an older key are sealed again with the current one. */
@Component
class ResealingFeedTokens {
  private static final Logger log = LoggerFactory.getLogger(ResealingFeedTokens.class);
  private final FeedRepository feeds;

  ResealingFeedTokens(FeedRepository feeds) {
    this.feeds = feeds;
  }

  @EventListener(ApplicationReadyEvent.class)
  void reseal() {
    int n = feeds.resealStale();
    if (n > 0) {
      log.info("Re-sealed {} calendar feed tokens with the current key", n);
    }
  }
}
