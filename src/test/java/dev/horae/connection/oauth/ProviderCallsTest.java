package dev.horae.connection.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.horae.connection.account.ProviderRefusal;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one provider-call policy, against scripted answers. */
class ProviderCallsTest {
  private final List<String> refreshes = new ArrayList<>();
  private final OAuthAccounts.Session session = new OAuthAccounts.Session() {
    @Override
    public String key() {
      return "mailbox";
    }

    @Override
    public String accessToken() {
      return "old";
    }

    @Override
    public String refreshed() {
      refreshes.add("refresh");
      return "new";
    }
  };
  private final ProviderCalls calls = new ProviderCalls("Test", new ProviderCalls.Policy(3, Duration.ofMillis(1), Duration.ofMillis(5)),
      new ProviderCalls.Reading() {
        @Override
        public boolean slowDown(ProviderCalls.Answered a) {
          return a.status() == 403 && a.code().equals("rateLimitExceeded");
        }
      }, Clock.systemUTC());

  @Test
  void a_401_refreshes_once_and_tries_again_with_the_new_token() throws Exception {
    List<String> tokens = new ArrayList<>();
    String answer = calls.call(session, token -> {
      tokens.add(token);
      if (token.equals("old")) {
        throw new ProviderCalls.Answered(401, "", null);
      }
      return "ok";
    });
    assertThat(answer).isEqualTo("ok");
    assertThat(tokens).containsExactly("old", "new");
    assertThatThrownBy(() -> calls.call(session, token -> {
      throw new ProviderCalls.Answered(401, "", null);
    })).isInstanceOf(ProviderRefusal.class).extracting(e -> ((ProviderRefusal) e).reason()).isEqualTo(ProviderRefusal.Reason.BAD_CREDENTIALS);
    assertThat(refreshes).hasSize(2); // once per call, never twice in one
  }

  @Test
  void slowing_down_is_retried_then_rate_limited() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    String answer = calls.call(session, token -> {
      if (tries.incrementAndGet() < 3) {
        throw new ProviderCalls.Answered(tries.get() == 1 ? 429 : 403, tries.get() == 1 ? "" : "rateLimitExceeded", "0");
      }
      return "ok";
    });
    assertThat(answer).isEqualTo("ok");
    assertThat(tries).hasValue(3);
    tries.set(0);
    assertThatThrownBy(() -> calls.call(session, token -> {
      tries.incrementAndGet();
      throw new ProviderCalls.Answered(503, "", null);
    })).extracting(e -> ((ProviderRefusal) e).reason()).isEqualTo(ProviderRefusal.Reason.RATE_LIMITED);
    assertThat(tries).hasValue(3);
  }

  @Test
  void statuses_become_refusal_reasons() {
    assertThat(refusal(403, "")).isEqualTo(ProviderRefusal.Reason.BAD_CREDENTIALS);
    assertThat(refusal(404, "")).isEqualTo(ProviderRefusal.Reason.CALENDAR_DELETED);
    assertThat(refusal(409, "")).isEqualTo(ProviderRefusal.Reason.PRECONDITION_FAILED);
    assertThat(refusal(412, "")).isEqualTo(ProviderRefusal.Reason.PRECONDITION_FAILED);
    assertThat(refusal(410, "")).isEqualTo(ProviderRefusal.Reason.SYNC_TOKEN_EXPIRED);
    assertThat(refusal(400, "")).isEqualTo(ProviderRefusal.Reason.UNREACHABLE);
    assertThatThrownBy(() -> calls.call(session, token -> {
      throw new IOException("reset");
    })).extracting(e -> ((ProviderRefusal) e).reason()).isEqualTo(ProviderRefusal.Reason.UNREACHABLE);
  }

  private ProviderRefusal.Reason refusal(int status, String code) {
    try {
      calls.call(session, token -> {
        throw new ProviderCalls.Answered(status, code, null);
      });
      throw new AssertionError("no refusal");
    } catch (ProviderRefusal e) {
      return e.reason();
    }
  }
}
