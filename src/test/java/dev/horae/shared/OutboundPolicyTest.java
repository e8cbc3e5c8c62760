package dev.horae.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The SSRF policy for user-given URLs. */
class OutboundPolicyTest {
  private final OutboundPolicy strict = new OutboundPolicy(false);
  private final OutboundPolicy local = new OutboundPolicy(true);

  @Test
  void internal_addresses_are_refused_unless_allowed() {
    for (String url : new String[] {"http://127.0.0.1/x", "http://localhost:8080/", "https://10.1.2.3/", "http://192.168.0.10/",
        "http://172.16.5.4/", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fd00::1]/", "http://100.64.0.1/",
        "http://0.0.0.0/"}) {
      assertThatThrownBy(() -> strict.check(url, "webhook.url")).as(url).isInstanceOf(Rejection.class)
          .hasMessageContaining("webhook.url");
      assertThat(local.check(url, "webhook.url")).isNotNull();
    }
    assertThat(strict.check("https://93.184.216.34/hook", "webhook.url").getHost()).isEqualTo("93.184.216.34");
  }

  @Test
  void only_http_and_https_without_user_info() {
    for (String url : new String[] {"ftp://93.184.216.34/", "file:///etc/passwd", "gopher://93.184.216.34/", "https://user:pw@93.184.216.34/", "not a url"}) {
      assertThatThrownBy(() -> local.check(url, "f")).as(url).isInstanceOf(Rejection.class);
    }
  }
}
