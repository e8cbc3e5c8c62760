package dev.horae.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Operator;
import dev.horae.support.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two nodes of the built jar on the test's database: a key revoked through one is refused by the
 * other on its next request, and one rate limit holds across both.
 */
class TwoNodesAccessIT extends ApiTest {
  private static final int ANONYMOUS_PER_MINUTE = 20;
  @Autowired DataSource dataSource;
  private Cluster cluster;
  private Api node1;
  private Api node2;

  @BeforeAll
  void nodes() throws Exception {
    cluster = Cluster.start(dataSource, ApiTest.onServerPostgres() ? "horae_it" : null, 2, false,
        Map.of("horae.access.rate-limit.anonymous-per-minute", Integer.toString(ANONYMOUS_PER_MINUTE)));
    node1 = cluster.node(0);
    node2 = cluster.node(1);
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private String[] newTenant(Api node, String name, Integer keyPerMinute) {
    Operator.Tenant t = new Operator(node).tenant(name, keyPerMinute);
    return new String[] {t.id(), t.key()};
  }

  @Test
  void a_key_revoked_through_one_node_is_refused_by_the_other_within_a_second() {
    String owner = newTenant(node1, "Revoker", null)[1];
    Response made = node1.withKey(owner).post("/v1/api-keys", Map.of("apiKey", Map.of("name", "leaked", "scopes", List.of("calendar:read"))));
    String leaked = made.at("/apiKey/secret").stringValue();
    for (int i = 0; i < 5; i++) { // warm: node 2 has answered with this key
      assertThat(node2.withKey(leaked).get("/calendar/v3/events/view").status()).isEqualTo(200);
    }
    assertThat(node1.withKey(owner).delete("/v1/api-keys/" + made.at("/apiKey/id").stringValue()).status()).isEqualTo(200);
    long revokedAt = System.nanoTime();
    Response next = node2.withKey(leaked).get("/calendar/v3/events/view");
    int requests = 1;
    while (next.status() == 200 && System.nanoTime() - revokedAt < 2_000_000_000L) {
      next = node2.withKey(leaked).get("/calendar/v3/events/view");
      requests++;
    }
    long ms = (System.nanoTime() - revokedAt) / 1_000_000;
    assertThat(next.status()).isEqualTo(401);
    assertThat(next.at("/code").stringValue()).isEqualTo("API_KEY_REVOKED");
    assertThat(ms).as("node 2 refuses the revoked key within 1 s").isLessThan(1000);
    System.out.printf("two nodes: revoked on node 1, refused by node 2 %d ms later, at its request number %d after the revocation%n", ms, requests);
  }

  /** Sends {@code perThread} requests from each of four threads, alternating the nodes; answers {allowed, refused, elapsed nanos}. */
  private long[] burst(String key, int perThread, String path) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    long start = System.nanoTime();
    List<Future<int[]>> results = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Api node = (t % 2 == 0 ? node1 : node2).withKey(key);
      results.add(pool.submit((Callable<int[]>) () -> {
        int[] counts = new int[2];
        for (int i = 0; i < perThread; i++) {
          int status = node.get(path).status();
          assertThat(status).isIn(200, 429);
          counts[status == 200 ? 0 : 1]++;
        }
        return counts;
      }));
    }
    long allowed = 0;
    long refused = 0;
    for (Future<int[]> f : results) {
      allowed += f.get()[0];
      refused += f.get()[1];
    }
    pool.shutdown();
    return new long[] {allowed, refused, System.nanoTime() - start};
  }

  @Test
  void one_key_limit_is_shared_by_both_nodes() throws Exception {
    int limit = 30; // under 100 a minute, every request is counted in PostgreSQL: exact
    String key = newTenant(node1, "Shared limit", limit)[1];
    long[] r = burst(key, 20, "/calendar/v3/events/view");
    double seconds = r[2] / 1e9;
    long refill = (long) Math.ceil(seconds * limit / 60.0); // tokens the bucket gained while the test ran
    System.out.printf("two nodes: %d of 80 requests allowed in %.2f s under a limit of %d a minute (refill in that time: %d)%n",
        r[0], seconds, limit, refill);
    assertThat(r[0] + r[1]).isEqualTo(80);
    assertThat(r[0]).isBetween((long) limit, limit + refill + 1);
  }

  @Test
  void a_large_limit_counted_partly_on_each_node_stays_within_the_limit_plus_each_nodes_local_share() throws Exception {
    int limit = 1000; // 1 % of it, 10 requests, may be counted on a node before it reaches the shared bucket
    String key = newTenant(node1, "Large shared limit", limit)[1];
    long[] r = burst(key, 400, "/v1/api-keys/current");
    double seconds = r[2] / 1e9;
    long refill = (long) Math.ceil(seconds * limit / 60.0);
    long localShares = 2 * (limit / 100);
    System.out.printf("two nodes: %d of 1600 requests allowed in %.2f s under a limit of %d a minute (refill %d, local shares %d)%n",
        r[0], seconds, limit, refill, localShares);
    assertThat(r[1]).as("refused").isPositive();
    assertThat(r[0]).isBetween((long) limit, limit + refill + localShares + 1);
  }

  @Test
  void failed_authentications_from_one_address_are_limited_across_both_nodes() {
    String address = "198.51.100." + (int) (Math.random() * 200 + 1);
    int unauthorized = 0;
    int limited = 0;
    for (int i = 0; i < 2 * ANONYMOUS_PER_MINUTE; i++) {
      Api node = (i % 2 == 0 ? node1 : node2).withKey("hk_wrong_" + i).withHeader("X-Forwarded-For", address);
      int status = node.get("/calendar/v3/events/view").status();
      assertThat(status).isIn(401, 429);
      if (status == 401) {
        unauthorized++;
      } else {
        limited++;
      }
    }
    assertThat(unauthorized).isBetween(ANONYMOUS_PER_MINUTE, ANONYMOUS_PER_MINUTE + 2);
    assertThat(limited).isPositive();
    // the console's sign-in is limited the same way
    Response console = node1.withHeader("X-Forwarded-For", address).withHeader("X-Horae-Console", "1")
        .post("/console/session", Map.of("apiKey", "hk_wrong_again"));
    assertThat(console.status()).as(console.toString()).isEqualTo(429);
  }
}
