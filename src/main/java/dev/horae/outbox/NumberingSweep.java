package dev.horae.outbox;

import dev.horae.shared.TenantId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every node, every second: numbers committed changes whose writer could not (it died between its
 * commit and its numbering, or the database went away in between). Idle, it costs one index-only
 * query a second.
 */
@Component
class NumberingSweep implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(NumberingSweep.class);
  private final Numbering numbering;
  private ScheduledExecutorService loop;
  private volatile boolean running;

  NumberingSweep(Numbering numbering) {
    this.numbering = numbering;
  }

  @Override
  public void start() {
    running = true;
    loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "outbox-numbering-sweep");
      t.setDaemon(true);
      return t;
    });
    loop.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
  }

  void sweep() {
    try {
      for (TenantId tenant : numbering.unnumbered()) {
        int n = numbering.number(tenant);
        if (n > 0) {
          log.debug("Numbered {} changes of tenant {} that their writer had not numbered yet", n, tenant.value());
        }
      }
    } catch (RuntimeException e) {
      log.warn("Outbox numbering sweep failed; the next one retries ({})", e.toString());
    }
  }

  @Override
  public void stop() {
    running = false;
    if (loop != null) {
      loop.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
