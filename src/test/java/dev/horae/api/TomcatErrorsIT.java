package dev.horae.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.ApiTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests Tomcat refuses before Spring sees them (bad path encoding, characters a request target
 * may not hold, oversized headers and URLs) and methods nobody serves answer problem details too,
 * never an HTML error page. Sent over a raw socket: HTTP clients refuse to send most of them.
 */
class TomcatErrorsIT extends ApiTest {
  record Raw(int status, String contentType, String body) {}

  private Raw raw(String requestLine, String... headers) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      StringBuilder out = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
      for (String h : headers) {
        out.append(h).append("\r\n");
      }
      out.append("\r\n");
      OutputStream o = s.getOutputStream();
      o.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
      o.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
      String type = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:")).map(l -> l.substring(13).strip()).findFirst().orElse("");
      return new Raw(status, type, answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }
  }

  @Test
  void what_tomcat_refuses_is_a_problem_document() throws Exception {
    Map<String, Raw> answers = new LinkedHashMap<>();
    answers.put("encoded slash", raw("GET /calendar/v3/schedules/a%2Fb HTTP/1.1"));
    answers.put("encoded NUL", raw("GET /calendar/v3/schedules/a%00b HTTP/1.1"));
    answers.put("pipe in the path", raw("GET /calendar/v3/schedules/a|b HTTP/1.1"));
    answers.put("bad percent encoding", raw("GET /calendar/v3/schedules/%zz HTTP/1.1"));
    answers.put("oversized header", raw("GET /calendar/v3/schedules HTTP/1.1", "X-Big: " + "b".repeat(20_000)));
    answers.put("oversized URL", raw("GET /calendar/v3/schedules/" + "u".repeat(20_000) + " HTTP/1.1"));
    Map<String, Integer> statuses = new LinkedHashMap<>();
    answers.forEach((k, v) -> statuses.put(k, v.status()));
    System.out.printf("tomcat errors: %s%n", statuses);
    for (var e : answers.entrySet()) {
      Raw r = e.getValue();
      assertThat(r.status()).as(e.getKey() + ": " + r).isBetween(400, 499);
      assertThat(r.contentType()).as(e.getKey() + ": " + r).startsWith("application/problem+json");
      assertThat(r.body()).as(e.getKey()).contains("\"status\":" + r.status()).contains("\"code\":").doesNotContain("<html");
    }
  }

  @Test
  void a_method_nobody_serves_is_a_405_problem() throws Exception {
    for (String method : new String[] {"TRACE", "CONNECT", "BREW"}) {
      Raw r = raw(method + " /calendar/v3/schedules HTTP/1.1", "Authorization: Bearer " + tenant.apiKey());
      assertThat(r.status()).as(method + ": " + r).isIn(400, 405, 501);
      assertThat(r.contentType()).as(method + ": " + r).startsWith("application/problem+json");
    }
  }
}
