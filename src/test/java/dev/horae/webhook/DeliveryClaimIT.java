package dev.horae.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Two nodes claiming at once never get the same delivery (the claim is FOR UPDATE SKIP LOCKED with a lease). */
@TestPropertySource(properties = "horae.webhooks.enabled=false")
class DeliveryClaimIT extends ApiTest {
  @Autowired Deliveries deliveries;

  @Test
  void concurrent_claims_split_the_due_deliveries_without_overlap() throws Exception {
    api.post("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/never-called", "eventTypes", List.of("wix.calendar.v3.schedule.created")));
    Fixtures fixtures = new Fixtures(api);
    for (int i = 0; i < 40; i++) {
      fixtures.schedule(Map.of("name", "Claim " + i));
    }
    while (deliveries.fanOut() > 0) {
      // fan out everything recorded so far
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Callable<List<UUID>>> nodes = new ArrayList<>();
    for (int node = 0; node < 2; node++) {
      String holder = "claim-test-node-" + node;
      java.time.Instant until = java.time.Instant.now().plusSeconds(60);
      nodes.add(() -> {
        List<UUID> mine = new ArrayList<>();
        for (List<Deliveries.Claimed> batch = deliveries.claim(3, holder, until); !batch.isEmpty(); batch = deliveries.claim(3, holder, until)) {
          batch.stream().filter(d -> d.tenant().equals(tenant.id())).forEach(d -> mine.add(d.id()));
        }
        return mine;
      });
    }
    List<UUID> all = new ArrayList<>();
    for (Future<List<UUID>> f : pool.invokeAll(nodes)) {
      all.addAll(f.get());
    }
    pool.shutdown();
    Set<UUID> distinct = new HashSet<>(all);
    assertThat(all).hasSize(40);
    assertThat(distinct).hasSize(40);
  }
}
