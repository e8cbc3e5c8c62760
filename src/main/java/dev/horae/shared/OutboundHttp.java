package dev.horae.shared;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for URLs a tenant gives (webhook targets, CalDAV servers and their
 * redirects). Its only resolver is {@link OutboundPolicy#resolve}: each connection goes to the
 * addresses that were just checked, never to a second lookup's answer, so DNS rebinding cannot
 * reach inside. IP literals are checked before the request, since no lookup happens for them. No
 * proxy, no cookies, no automatic redirects or retries: callers follow redirects hop by hop, each
 * hop through the same guard.
 */
@Component
public class OutboundHttp {
  /** The most of an answer read; a larger one fails as an {@link IOException}. */
  static final int MAX_ANSWER = 32 * 1024 * 1024;

  private final OutboundPolicy policy;

  public OutboundHttp(OutboundPolicy policy) {
    this.policy = policy;
  }

  /** An answer: status, headers (names case-insensitive) and body. */
  public record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    public Optional<String> header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** An answer larger than the caller reads. */
  public static final class TooLarge extends IOException {
    public TooLarge(int limit) {
      super("the answer is larger than " + limit + " bytes");
    }
  }

  /** A client with a connect timeout of its own; close it with its owner. */
  public Client client(Duration connectTimeout, int maxConnections) {
    return new Client(policy, connectTimeout, maxConnections);
  }

  /** A pooled client whose connections go only where the policy allows. */
  public static final class Client implements AutoCloseable {
    private final OutboundPolicy policy;
    private final CloseableHttpClient http;

    Client(OutboundPolicy policy, Duration connectTimeout, int maxConnections) {
      this.policy = policy;
      DnsResolver guard = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
          return policy.resolve(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
          return policy.resolve(host)[0].getCanonicalHostName();
        }
      };
      this.http = HttpClients.custom()
          .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
              .setDnsResolver(guard)
              .setMaxConnTotal(maxConnections)
              .setMaxConnPerRoute(maxConnections)
              .setDefaultConnectionConfig(ConnectionConfig.custom()
                  .setConnectTimeout(Timeout.of(connectTimeout.toMillis(), TimeUnit.MILLISECONDS))
                  .setValidateAfterInactivity(Timeout.ofSeconds(2))
                  .build())
              .build())
          .disableRedirectHandling()
          .disableAutomaticRetries()
          .disableCookieManagement()
          .disableAuthCaching()
          .evictIdleConnections(Timeout.ofSeconds(30))
          .build();
    }

    /**
     * Sends one request and reads the whole answer. {@link OutboundPolicy.Refused} (an {@link
     * IOException}) when the host, or an address it resolves to, is not one Horae calls.
     */
    public Answer exchange(String method, URI uri, Map<String, String> headers, byte[] body, String contentType, Duration timeout)
        throws IOException {
      return exchange(method, uri, headers, body, contentType, timeout, MAX_ANSWER);
    }

    /** As {@link #exchange(String, URI, Map, byte[], String, Duration)}, reading at most {@code maxAnswer} bytes ({@link TooLarge} beyond). */
    public Answer exchange(String method, URI uri, Map<String, String> headers, byte[] body, String contentType, Duration timeout, int maxAnswer)
        throws IOException {
      String host = uri.getHost();
      if (host != null && (host.startsWith("[") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
        policy.resolve(host); // a literal: no lookup will ask the guard
      }
      ClassicRequestBuilder builder = ClassicRequestBuilder.create(method).setUri(uri);
      headers.forEach(builder::addHeader);
      if (body != null) {
        builder.setEntity(new ByteArrayEntity(body, contentType == null ? ContentType.APPLICATION_OCTET_STREAM : ContentType.parse(contentType)));
      }
      ClassicHttpRequest request = builder.build();
      Timeout answerTimeout = Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS);
      org.apache.hc.client5.http.protocol.HttpClientContext context = org.apache.hc.client5.http.protocol.HttpClientContext.create();
      context.setRequestConfig(RequestConfig.custom().setResponseTimeout(answerTimeout).setConnectionRequestTimeout(answerTimeout).build());
      return http.execute(request, context, response -> {
        Map<String, List<String>> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header h : response.getHeaders()) {
          names.computeIfAbsent(h.getName(), k -> new java.util.ArrayList<>()).add(h.getValue());
        }
        byte[] bytes = new byte[0];
        if (response.getEntity() != null) {
          try (InputStream in = response.getEntity().getContent()) {
            bytes = in.readNBytes(maxAnswer + 1);
          }
          if (bytes.length > maxAnswer) {
            throw new TooLarge(maxAnswer);
          }
        }
        return new Answer(response.getCode(), names, bytes);
      });
    }

    @Override
    public void close() throws IOException {
      http.close();
    }
  }
}
