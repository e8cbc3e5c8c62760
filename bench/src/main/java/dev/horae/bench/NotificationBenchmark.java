package dev.horae.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Participant notifications from one bulk change: {@code events} events with {@code per-event}
 * participants each (distinct addresses), then one Bulk Update Events moving all of them with
 * {@code notifyParticipants: true}. Measured: how long the bulk request takes (it writes every
 * message into the outbox), and the time from its answer until the local SMTP server has accepted
 * every message, with the rate.
 */
public final class NotificationBenchmark {
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern REVISION = Pattern.compile("\"revision\":\"(\\d+)\"");

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("bench.url", "http://127.0.0.1:18094");
    String key = System.getProperty("bench.key", "hk_bench_notifications");
    int smtpPort = Integer.getInteger("bench.smtp-port", 18025);
    int events = Integer.getInteger("bench.events", 50);
    int perEvent = Integer.getInteger("bench.per-event", 20);
    GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String schedule = first(ID, post(http, url, key, "/calendar/v3/schedules",
          "{\"schedule\":{\"name\":\"Bench classes\",\"timeZone\":\"Europe/Berlin\"}}"));
      List<String> ids = new ArrayList<>();
      for (int e = 0; e < events; e++) {
        String day = String.format("2027-06-%02d", 1 + e % 28);
        String hour = String.format("%02d", 8 + e / 28);
        ids.add(first(ID, post(http, url, key, "/calendar/v3/events", "{\"event\":{\"scheduleId\":\"" + schedule + "\",\"title\":\"Class " + e
            + "\",\"start\":{\"localDate\":\"" + day + "T" + hour + ":00:00\"},\"end\":{\"localDate\":\"" + day + "T" + hour + ":45:00\"}}}")));
      }
      for (int e = 0; e < events; e++) {
        for (int p = 0; p < perEvent; p++) {
          post(http, url, key, "/calendar/v3/participations", "{\"participation\":{\"eventId\":\"" + ids.get(e)
              + "\",\"partySize\":1,\"participant\":{\"name\":\"P " + e + "-" + p + "\",\"email\":\"p" + e + "-" + p + "@bench.example\"}}}");
        }
      }
      StringBuilder bulk = new StringBuilder("{\"events\":[");
      for (int e = 0; e < events; e++) {
        String event = get(http, url, key, "/calendar/v3/events/" + ids.get(e));
        Matcher r = REVISION.matcher(event);
        if (!r.find()) {
          throw new IllegalStateException(event);
        }
        String day = String.format("2027-06-%02d", 1 + e % 28);
        String hour = String.format("%02d", 8 + e / 28);
        bulk.append(e == 0 ? "" : ",").append("{\"event\":{\"id\":\"").append(ids.get(e)).append("\",\"revision\":\"").append(r.group(1))
            .append("\",\"start\":{\"localDate\":\"").append(day).append("T").append(hour).append(":15:00\"},\"end\":{\"localDate\":\"")
            .append(day).append("T").append(hour).append(":59:00\"}}}");
      }
      bulk.append("],\"participantNotification\":{\"notifyParticipants\":true,\"message\":\"Every class starts 15 minutes later.\"}}");
      int expected = events * perEvent;
      long start = System.nanoTime();
      String answer = post(http, url, key, "/calendar/v3/bulk/events/update", bulk.toString());
      long answered = System.nanoTime();
      if (!answer.contains("\"totalFailures\":0")) {
        throw new IllegalStateException(answer);
      }
      long firstAt = 0;
      while (smtp.getReceivedMessages().length < expected) {
        if (firstAt == 0 && smtp.getReceivedMessages().length > 0) {
          firstAt = System.nanoTime();
        }
        if (System.nanoTime() - answered > 600_000_000_000L) {
          throw new IllegalStateException("only " + smtp.getReceivedMessages().length + " of " + expected + " arrived in 10 minutes");
        }
        Thread.sleep(5);
      }
      long done = System.nanoTime();
      double queueMs = (answered - start) / 1e6;
      double sendS = (done - answered) / 1e9;
      System.out.printf("notifications: %d messages (%d events x %d participants) queued by one bulk update in %.0f ms;"
              + " first accepted by SMTP %.0f ms after the answer, all %d accepted %.2f s after it: %.0f messages/s (%.2f s from the request)%n",
          expected, events, perEvent, queueMs, (firstAt == 0 ? done - answered : firstAt - answered) / 1e6, expected, sendS, expected / sendS,
          (done - start) / 1e9);
    } finally {
      smtp.stop();
    }
  }

  private static String first(Pattern p, String body) {
    Matcher m = p.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException(body);
    }
    return m.group(1);
  }

  private static String post(HttpClient http, String url, String key, String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private static String get(HttpClient http, String url, String key, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + key).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
