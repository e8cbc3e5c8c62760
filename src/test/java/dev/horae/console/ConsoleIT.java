package dev.horae.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.connection.emulator.Emulators;
import dev.horae.connection.emulator.GoogleEmulator;
import dev.horae.support.Api;
import dev.horae.support.ApiTest;
import dev.horae.support.Receiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The web console end to end in a real headless Chromium: the browser's clock is in New York, the
 * schedule's in Berlin. Screenshots of each page go to target/console-screenshots.
 */
class ConsoleIT extends ApiTest {
  @org.junit.jupiter.api.extension.RegisterExtension
  static final Emulators PROVIDERS = Emulators.withBoth("owner@example.com");
  static final GoogleEmulator GOOGLE = PROVIDERS.google();
  static final dev.horae.connection.emulator.GraphEmulator GRAPH = PROVIDERS.graph();
  private static final ZoneId VIEWER = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  private Browser browser;
  private Receiver receiver;
  private final LocalDate monday = LocalDate.now(BERLIN).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);

  @DynamicPropertySource
  static void google(DynamicPropertyRegistry registry) {
    PROVIDERS.register(registry);
  }

  @BeforeAll
  void start() throws Exception {
    browser = new Browser(VIEWER.getId(), 1280, 1000);
    receiver = new Receiver();
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private String console(String fragment) {
    return "http://localhost:" + port + "/console/" + fragment;
  }

  @Test
  void the_business_owner_runs_the_seed_flows_in_the_browser() throws Exception {
    try {
      seedFlows();
    } catch (Throwable e) {
      browser.screenshot("failure");
      throw new AssertionError("Page at failure: " + browser.js("return document.body.innerText"), e);
    }
  }

  private void seedFlows() throws Exception {
    String schedule = api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Studio", "timeZone", "Europe/Berlin",
        "defaultCapacity", 3))).at("/schedule/id").stringValue();
    assertThat(api.post("/v1/webhooks", Map.of("url", receiver.url("/hooks"), "eventTypes", List.of("*"))).status()).isEqualTo(200);

    signIn();

    // --- a recurring event, made in the console, in the viewer's time zone ---
    browser.open(console("#calendar?schedule=" + schedule + "&date=" + monday));
    browser.button("main", "New event").click();
    browser.find("dialog[open]");
    browser.type(browser.labelled("dialog[open]", "Title"), "Yoga");
    browser.set(browser.labelled("dialog[open]", "Starts"), monday + "T10:00");
    browser.set(browser.labelled("dialog[open]", "Ends"), monday + "T11:00");
    new org.openqa.selenium.support.ui.Select(browser.labelled("dialog[open]", "Repeats")).selectByVisibleText("Daily");
    browser.type(browser.labelled("dialog[open]", "Occurrences"), "5");
    browser.screenshot("event-dialog");
    assertThat(browser.accessibilityViolations()).as("event-dialog").isEmpty();
    browser.button("dialog[open]", "Create").click();
    browser.until(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
    List<String> days = List.of(0, 1, 2, 3, 4).stream().map(i -> monday.plusDays(i).toString()).toList();
    browser.until(d -> eventText(days.get(4)).equals("↻ Yoga"));
    for (String day : days) {
      assertThat(eventText(day)).as(day).isEqualTo("↻ Yoga");
    }
    // the viewer's 10:00 in New York is the schedule's 16:00 in Berlin
    JsonNode mondayInstance = occurrence(schedule, monday);
    assertThat(mondayInstance.at("/start/utcDate").stringValue())
        .isEqualTo(monday.atTime(10, 0).atZone(VIEWER).toInstant().toString().replace("Z", ".000Z"));
    assertThat(mondayInstance.at("/start/localDate").stringValue()).isEqualTo(monday + "T16:00:00");
    browser.screenshot("calendar-week");
    // everything the page loaded came from the service itself: no CDN, no other origin
    @SuppressWarnings("unchecked")
    List<String> loaded = (List<String>) browser.js("return performance.getEntriesByType('resource').map(e => e.name)");
    assertThat(loaded).isNotEmpty().allMatch(u -> u.startsWith("http://localhost:" + port + "/"))
        .anyMatch(u -> u.contains("/webjars/fullcalendar/"));
    assertThat(browser.accessibilityViolations()).as("calendar-week").isEmpty();

    // --- edit one instance: it becomes an exception, the others stay ---
    openEvent(days.get(2));
    browser.type(browser.labelled("dialog[open]", "Title"), "Yoga (moved)");
    browser.set(browser.labelled("dialog[open]", "Starts"), days.get(2) + "T12:00");
    browser.set(browser.labelled("dialog[open]", "Ends"), days.get(2) + "T13:00");
    assertThat(browser.find("dialog[open] input[name=scope][value=this]").isSelected()).isTrue();
    browser.button("dialog[open]", "Save").click();
    browser.until(d -> eventText(days.get(2)).equals("✱ Yoga (moved)"));
    assertThat(browser.find(".fc-timegrid-col[data-date='" + days.get(2) + "'] .fc-event").getAttribute("class")).contains("ev-exception");
    assertThat(occurrence(schedule, monday.plusDays(2)).get("recurrenceType").stringValue()).isEqualTo("EXCEPTION");
    assertThat(occurrence(schedule, monday.plusDays(2)).at("/start/utcDate").stringValue())
        .isEqualTo(monday.plusDays(2).atTime(12, 0).atZone(VIEWER).toInstant().toString().replace("Z", ".000Z"));
    assertThat(eventText(days.get(1))).isEqualTo("↻ Yoga");

    // --- drag Tuesday's occurrence one hour later: that occurrence moves (an exception), the series stays ---
    WebElement tuesday = browser.find(".fc-timegrid-col[data-date='" + days.get(1) + "'] .fc-event:not(.ev-busy)");
    int hour = browser.find(".fc-timegrid-slot-lane[data-time='10:00:00']").getSize().getHeight() * 2;
    new org.openqa.selenium.interactions.Actions(browser.driver).clickAndHold(tuesday).pause(java.time.Duration.ofMillis(300))
        .moveByOffset(0, hour / 2).pause(java.time.Duration.ofMillis(100)).moveByOffset(0, hour / 2).pause(java.time.Duration.ofMillis(300))
        .release().perform();
    browser.until(d -> eventText(days.get(1)).equals("✱ Yoga"));
    assertThat(occurrence(schedule, monday.plusDays(1)).at("/start/utcDate").stringValue())
        .isEqualTo(monday.plusDays(1).atTime(11, 0).atZone(VIEWER).toInstant().toString().replace("Z", ".000Z"));
    assertThat(eventText(days.get(0))).isEqualTo("↻ Yoga");

    // --- a revision conflict is a message, not a crash: someone else changes Thursday while it is open ---
    openEvent(days.get(3));
    JsonNode thursday = occurrence(schedule, monday.plusDays(3));
    assertThat(api.patch("/calendar/v3/events/" + thursday.get("id").stringValue(), Map.of("event", Map.of("id", thursday.get("id").stringValue(),
        "revision", thursday.get("revision").stringValue(), "title", "Yoga with guest teacher"))).status()).isEqualTo(200);
    browser.type(browser.labelled("dialog[open]", "Title"), "Yoga, my edit");
    browser.button("dialog[open]", "Save").click();
    WebElement conflict = browser.find("dialog[open] [role=alert]");
    assertThat(conflict.getText()).contains("Someone changed this after you opened it");
    browser.screenshot("revision-conflict");
    browser.button("dialog[open]", "Close").click();
    assertThat(occurrence(schedule, monday.plusDays(3)).get("title").stringValue()).isEqualTo("Yoga with guest teacher");

    // --- "all events" renames the series; a changed occurrence keeps what it changed (Wednesday's title),
    // and follows the series in what it did not (Tuesday only moved: it takes the new title) ---
    openEvent(days.get(0));
    browser.type(browser.labelled("dialog[open]", "Title"), "Morning yoga");
    browser.find("dialog[open] input[name=scope][value=all]").click();
    browser.button("dialog[open]", "Save").click();
    browser.until(d -> eventText(days.get(0)).equals("↻ Morning yoga"));
    assertThat(eventText(days.get(1))).isEqualTo("✱ Morning yoga");
    assertThat(eventText(days.get(2))).isEqualTo("✱ Yoga (moved)");

    // --- "this and following" from Thursday renames Thursday (a changed occurrence) and Friday, not Monday to Wednesday ---
    openEvent(days.get(3));
    browser.type(browser.labelled("dialog[open]", "Title"), "Evening yoga");
    browser.find("dialog[open] input[name=scope][value=following]").click();
    browser.button("dialog[open]", "Save").click();
    browser.until(d -> eventText(days.get(4)).equals("↻ Evening yoga"));
    browser.until(d -> eventText(days.get(3)).equals("✱ Evening yoga"));
    assertThat(eventText(days.get(0))).isEqualTo("↻ Morning yoga");
    assertThat(eventText(days.get(2))).isEqualTo("✱ Yoga (moved)");

    // --- "this and following" cancels Friday on (the series is split first) ---
    openEvent(days.get(4));
    browser.find("dialog[open] input[name=scope][value=following]").click();
    browser.button("dialog[open]", "Cancel event").click();
    browser.until(d -> !eventText(days.get(4)).equals("↻ Evening yoga"));
    assertThat(occurrence(schedule, monday.plusDays(4)) == null
        || "CANCELLED".equals(occurrence(schedule, monday.plusDays(4)).get("status").stringValue())).isTrue();
    assertThat(occurrence(schedule, monday).get("status").stringValue()).isEqualTo("CONFIRMED");
    assertThat(eventText(days.get(0))).isEqualTo("↻ Morning yoga");

    // --- by keyboard: an event is focusable, Enter opens it, Escape closes it ---
    WebElement focusable = browser.find(".fc-timegrid-col[data-date='" + days.get(0) + "'] .fc-event:not(.ev-busy)");
    assertThat(focusable.getAttribute("tabindex")).isEqualTo("0");
    assertThat(focusable.getAttribute("aria-label")).contains("Morning yoga", "repeating");
    focusable.sendKeys(Keys.ENTER);
    browser.find("dialog[open]");
    assertThat(browser.driver.switchTo().activeElement().getAttribute("name")).isEqualTo("title");
    browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    browser.until(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());

    // --- participants of Monday's class: capacity 3; a party of 2 leaves 1 place ---
    openEvent(days.get(0));
    browser.button("dialog[open]", "Participants").click();
    assertThat(browser.find("#capacity").getText()).isEqualTo("3");
    assertThat(browser.find("#remaining").getText()).isEqualTo("3");
    browser.type(browser.labelled("#event-participants", "Name"), "Ada Lovelace");
    browser.type(browser.labelled("#event-participants", "Email"), "ada@example.com");
    browser.type(browser.labelled("#event-participants", "Party size"), "2");
    browser.button("#event-participants", "Add participant").click();
    browser.until(d -> browser.find("#remaining").getText().equals("1"));
    assertThat(browser.find("#taken").getText()).isEqualTo("2");
    assertThat(browser.find("#event-participants table").getText()).contains("Ada Lovelace", "ada@example.com");
    browser.screenshot("participants");
    assertThat(browser.accessibilityViolations()).as("participants").isEmpty();
    // edit the party down to 1, then remove it
    WebElement partySize = browser.find("#event-participants input[aria-label='Party size of Ada Lovelace']");
    browser.type(partySize, "1");
    browser.button("#event-participants", "Save").click();
    browser.until(d -> browser.find("#remaining").getText().equals("2"));
    browser.button("#event-participants", "Remove").click();
    browser.driver.switchTo().alert().accept();
    browser.until(d -> browser.find("#remaining").getText().equals("3"));
    assertThat(api.post("/calendar/v3/participations/query", Map.of("query", Map.of("filter", Map.of("eventId",
        occurrence(schedule, monday).get("id").stringValue())))).json().get("participations")).isEmpty();

    // --- connect the local Radicale account; its busy time shows in the calendar ---
    String calendarUrl = caldavUrl() + "/alice/" + UUID.randomUUID() + "/";
    assertThat(dav("MKCALENDAR", calendarUrl, "<?xml version=\"1.0\"?><c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
        + "<d:set><d:prop><d:displayname>Alice private</d:displayname></d:prop></d:set></c:mkcalendar>").status()).isEqualTo(201);
    DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);
    ZonedDateTime dentist = monday.plusDays(1).atTime(14, 0).atZone(VIEWER);
    assertThat(dav("PUT", calendarUrl + "dentist.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:" + UUID.randomUUID()
        + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:" + utc.format(dentist) + "\r\nDTEND:" + utc.format(dentist.plusHours(1))
        + "\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").status()).isIn(201, 204);
    browser.open(console("#connections"));
    new org.openqa.selenium.support.ui.Select(browser.labelled("main", "To schedule")).selectByValue(schedule);
    WebElement caldav = browser.find("article[aria-label='CalDAV']");
    browser.type(browser.labelled("article[aria-label='CalDAV']", "Server URL"), caldavUrl());
    browser.type(browser.labelled("article[aria-label='CalDAV']", "User name"), "alice");
    browser.type(browser.labelled("article[aria-label='CalDAV']", "Password"), "alicepw");
    assertThat(caldav.getText()).contains("app password");
    browser.button("article[aria-label='CalDAV']", "Connect CalDAV").click();
    String connectionId = browser.find("article[aria-label^='CalDAV connection']").getAttribute("data-connection-id");
    String card = "[data-connection-id='" + connectionId + "']";
    browser.button(card, "Calendars and settings").click();
    browser.find(card + " input[name=import]").click();
    browser.find(card + " input[name=calendar][value='" + calendarUrl + "']").click();
    browser.find(card + " input[name=export]").click();
    browser.button(card, "Save settings").click();
    browser.until(d -> browser.find(card + " [data-status]").getAttribute("data-status").equals("SYNCED"));
    // bookings are written to the calendar Horae made in the account: Monday's class is there
    String exportCalendar = jdbc.sql("select export_calendar_url from connection where id = ?::uuid").params(connectionId).query(String.class).single();
    String mondayClass = occurrence(schedule, monday).get("id").stringValue();
    assertThat(davGet(exportCalendar + mondayClass + ".ics")).contains("SUMMARY:Morning yoga");
    assertThat(browser.find(card).getText()).contains("In sync", "from 1 calendar", "Last successful sync").containsPattern("Writes bookings\\s+yes");
    assertThat(browser.find("#sync-health").getText()).contains("in sync", "Stalest busy time");
    // --- a feed address for calendar apps: made here, read as a subscriber reads it (no key) ---
    new org.openqa.selenium.support.ui.Select(browser.labelled("section[aria-labelledby=feeds-heading]", "Shows")).selectByValue("FULL");
    browser.button("section[aria-labelledby=feeds-heading]", "Make a feed address").click();
    String feedUrl = browser.until(d -> d.findElements(By.cssSelector("#feeds input[name=feedUrl]")).stream().findFirst()
        .map(i -> i.getAttribute("value")).orElse(null));
    assertThat(feedUrl).contains("/feeds/v1/hcf_").endsWith(".ics");
    Api.Response feed = api.withKey(null).get(feedUrl.substring(feedUrl.indexOf("/feeds/v1/")));
    assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
    assertThat(feed.text()).contains("SUMMARY:Morning yoga");
    browser.js("document.querySelector('#feeds-heading').scrollIntoView()");
    browser.screenshot("feeds");
    // --- CalDAV: this calendar's address, and an app password made here that a calendar app signs in with ---
    String otherSchedule = api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Not for the phone", "timeZone", "Europe/Berlin")))
        .at("/schedule/id").stringValue();
    String davCalendarUrl = browser.find("input[name=caldavCalendarUrl]").getAttribute("value");
    assertThat(davCalendarUrl).endsWith("/dav/calendars/" + schedule + "/");
    browser.labelled("section[aria-labelledby=caldav-heading]", "App password for").sendKeys("Phone");
    browser.button("section[aria-labelledby=caldav-heading]", "Make an app password").click();
    String appPassword = browser.until(d -> d.findElements(By.cssSelector("#app-password input[name=appPassword]")).stream().findFirst()
        .map(i -> i.getAttribute("value")).orElse(null));
    java.net.http.HttpResponse<String> propfind = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(davCalendarUrl)).header("Depth", "1")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("phone:" + appPassword).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .method("PROPFIND", java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(propfind.statusCode()).as(propfind.body()).isEqualTo(207);
    assertThat(propfind.body()).contains("<C:calendar/>").contains(".ics</D:href>").doesNotContain("<D:write/>");
    java.net.http.HttpResponse<String> home = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(davCalendarUrl.substring(0, davCalendarUrl.indexOf("/dav/")) + "/dav/calendars/")).header("Depth", "1")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("phone:" + appPassword).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .method("PROPFIND", java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(home.body()).as("the app password made by default reaches this calendar only")
        .contains("/dav/calendars/" + schedule + "/").doesNotContain("/dav/calendars/" + otherSchedule + "/");
    browser.js("document.querySelector('#caldav-heading').scrollIntoView()");
    browser.screenshot("caldav");
    browser.js("document.querySelector('#connections-heading').scrollIntoView()");
    browser.screenshot("connections");
    assertThat(browser.accessibilityViolations()).as("connections").isEmpty();
    browser.open(console("#calendar?schedule=" + schedule + "&date=" + monday));
    WebElement busy = browser.find(".fc-timegrid-col[data-date='" + days.get(1) + "'] .ev-busy");
    assertThat(busy.getText()).contains("Busy: Dentist");
    browser.screenshot("calendar-with-busy-time");

    // --- disconnect: the connection and its busy block are gone ---
    browser.open(console("#connections"));
    browser.button(card, "Disconnect").click();
    browser.driver.switchTo().alert().accept();
    browser.until(d -> d.findElements(By.cssSelector(card)).isEmpty());
    assertThat(api.get("/bookings/v2/external-calendars/connections/" + connectionId).at("/connection/status").stringValue()).isEqualTo("DISCONNECTED");
    assertThat(dav("GET", exportCalendar + mondayClass + ".ics", null).status()).isEqualTo(404); // the written bookings are taken back
    browser.open(console("#calendar?schedule=" + schedule + "&date=" + monday));
    browser.until(d -> !eventText(days.get(0)).isEmpty());
    assertThat(browser.all(".ev-busy")).isEmpty();

    // --- availability: free slots, and why a missing one is missing ---
    String service = api.post("/setup/v1/services", Map.of("name", "Consultation", "duration", 60)).at("/id").stringValue();
    JsonNode resource = api.post("/setup/v1/resources", Map.of("name", "Dr Ada", "timezoneIana", "Europe/Berlin",
        "availability", Map.of("mon", Map.of("startTime", 900, "endTime", 1200)))).json();
    assertThat(service).isNotBlank();
    api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", resource.get("scheduleId").stringValue(), "title", "Staff meeting",
        "start", Map.of("localDate", monday + "T10:00:00"), "end", Map.of("localDate", monday + "T11:00:00"))));
    browser.open(console("#availability"));
    browser.set(browser.labelled("main", "From"), monday.toString());
    browser.set(browser.labelled("main", "To"), monday.toString());
    browser.button("main", "Show free slots").click();
    // Berlin 9:00 and 11:00 are free: 03:00 and 05:00 in New York; 10:00 (04:00 here) is the meeting
    browser.until(d -> browser.all(".slot.free").size() == 2);
    assertThat(browser.all(".slot.free").stream().map(WebElement::getText).toList()).containsExactly("03:00 free", "05:00 free");
    browser.button("main", "04:00 not offered").click();
    WebElement why = browser.find("#why");
    assertThat(why.getText()).contains("Busy", "Dr Ada", "Staff meeting");
    browser.screenshot("availability");
    assertThat(browser.accessibilityViolations()).as("availability").isEmpty();

    // --- webhooks: the delivery log and a replay ---
    browser.open(console("#webhooks"));
    browser.button("main", "Delivery log").click();
    browser.until(d -> !browser.all("main table tbody tr").isEmpty());
    int before = browser.all("main table tbody tr").size();
    browser.all("main table tbody tr").get(0).findElement(By.tagName("button")).click();
    browser.until(d -> browser.find("main table tbody tr").getText().contains("replay"));
    assertThat(browser.all("main table tbody tr").size()).isGreaterThanOrEqualTo(Math.min(before + 1, 50));
    browser.screenshot("webhooks");
    assertThat(browser.accessibilityViolations()).as("webhooks").isEmpty();

    // --- notifications: the log, and one message as it was written (issue 20) ---
    JsonNode told = occurrence(schedule, monday.plusDays(1));
    String toldId = told.get("id").stringValue();
    assertThat(api.post("/calendar/v3/participations", Map.of("participation", Map.of("eventId", toldId, "partySize", 1,
        "participant", Map.of("name", "Grace Hopper", "email", "grace@example.com")))).status()).isEqualTo(200);
    String toldRevision = api.get("/calendar/v3/events/" + toldId).at("/event/revision").stringValue();
    assertThat(api.patch("/calendar/v3/events/" + toldId, Map.of("event", Map.of("id", toldId, "revision", toldRevision, "title", "Yoga (room 2)"),
        "participantNotification", Map.of("notifyParticipants", true, "message", "We moved to room 2."))).status()).isEqualTo(200);
    browser.open(console("#notifications"));
    browser.until(d -> browser.all("main table tbody tr").stream().anyMatch(r -> r.getText().contains("grace@example.com")));
    browser.button("main", "Show").click();
    browser.until(d -> browser.find("main article pre").getText().contains("We moved to room 2."));
    assertThat(browser.find("main article").getText()).contains("METHOD REQUEST");
    browser.screenshot("notifications");
    assertThat(browser.accessibilityViolations()).as("notifications").isEmpty();

    // --- a phone-width screen: nothing wider than the screen ---
    browser.driver.manage().window().setSize(new Dimension(390, 844));
    browser.open(console("#calendar?schedule=" + schedule + "&date=" + monday));
    browser.find(".fc-event");
    assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth + 1")).isTrue();
    browser.screenshot("phone-calendar");
    // each page once its content has loaded
    for (Map.Entry<String, String> page : Map.of("participants", "#events-heading", "connections", "#connections-heading",
        "availability", "main fieldset input[name=resource]", "webhooks", "main article[aria-label^='Webhook']").entrySet()) {
      browser.open(console("#" + page.getKey()));
      browser.find(page.getValue());
      assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth + 1")).as(page.getKey()).isTrue();
    }
    assertThat(browser.accessibilityViolations()).as("phone-calendar").isEmpty();
    browser.driver.manage().window().setSize(new Dimension(1280, 1000));

    // --- sign out: the session's key is gone ---
    browser.button("header", "Sign out").click();
    browser.find("form.signin");
    Object answer = browser.js("return fetch('/console/api/calendar/v3/events/view', {headers: {'X-Horae-Console': '1'}}).then(r => r.status)");
    assertThat(((Number) answer).intValue()).isEqualTo(401);
  }

  @Test
  void google_connects_by_oauth_through_the_consent_screen_and_back_to_the_console() throws Exception {
    String schedule = api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Front desk", "timeZone", "Europe/Berlin")))
        .at("/schedule/id").stringValue();
    LocalDate tuesday = monday.plusDays(1);
    GOOGLE.put("owner@example.com", GoogleEmulator.event("Gym", tuesday.atTime(9, 0).atZone(java.time.ZoneOffset.UTC).toInstant(),
        tuesday.atTime(10, 0).atZone(java.time.ZoneOffset.UTC).toInstant(), "UTC"));
    try (Browser other = new Browser("UTC", 1280, 1000)) {
      try {
        // the provider's consent screen, then back through Horae's callback to the console
        toConsent(other, schedule, "Google", GOOGLE.baseUrl());
        assertThat(other.find("h1").getText()).isEqualTo("Sign in with Google");
        other.screenshot("google-consent");
        other.find("#allow").click();
        other.until(d -> d.getCurrentUrl().contains("/console/#connections"));
        assertThat(other.driver.getCurrentUrl()).doesNotContain("connectionId").doesNotContain("code=");
        assertThat(other.find("#alert").getText()).contains("The calendar is connected");
        WebElement found = other.find("article[aria-label^='Google connection']");
        String card = "[data-connection-id='" + found.getAttribute("data-connection-id") + "']";
        assertThat(found.getText()).contains("Google", "Connected, waiting for its first sync", "Front desk");
        other.button(card, "Calendars and settings").click();
        assertThat(other.find(card + " form").getText()).contains("primary calendar");
        WebElement importBox = other.find(card + " input[name=import]");
        if (!importBox.isSelected()) {
          importBox.click();
        }
        other.button(card, "Save settings").click();
        other.until(d -> other.find(card + " [data-status]").getAttribute("data-status").equals("SYNCED"));
        other.open(console("#calendar?schedule=" + schedule + "&date=" + monday));
        assertThat(other.find(".fc-timegrid-col[data-date='" + tuesday + "'] .ev-busy").getText()).contains("Busy: Gym");
        // the user revokes Horae's access at Google: the next sync says so in plain words
        GOOGLE.revokeGrants();
        GOOGLE.expireAccessTokens();
        other.open(console("#connections"));
        other.button(card, "Sync now").click();
        other.until(d -> other.find(card + " [data-status]").getAttribute("data-status").equals("ERROR"));
        assertThat(other.find(card).getText()).contains("Needs attention", "no longer accepts Horae's sign-in");
        assertThat(other.find("#sync-health").getText()).contains("1 need attention");
        other.js("document.querySelector(arguments[0]).scrollIntoView()", card);
        other.screenshot("connection-error");
        assertThat(other.accessibilityViolations()).as("connection-error").isEmpty();
        // refusing consent comes back as a plain message
        other.open(console("#connections"));
        new org.openqa.selenium.support.ui.Select(other.labelled("main", "To schedule")).selectByValue(schedule);
        other.button("article[aria-label='Google']", "Connect Google").click();
        other.find("#deny").click();
        other.until(d -> d.getCurrentUrl().contains("/console/#connections"));
        assertThat(other.find("#alert").getText()).contains("consent was refused");
      } catch (Throwable e) {
        other.screenshot("failure-oauth");
        throw new AssertionError("Page at failure: " + other.js("return document.body.innerText"), e);
      }
    }
  }

  @Test
  void microsoft_connects_by_oauth_through_its_consent_screen() throws Exception {
    String schedule = api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Back office", "timeZone", "Europe/Berlin")))
        .at("/schedule/id").stringValue();
    try (Browser other = new Browser("UTC", 1280, 1000)) {
      try {
        toConsent(other, schedule, "Microsoft", GRAPH.baseUrl());
        assertThat(other.find("h1").getText()).isEqualTo("Sign in to your Microsoft account");
        other.find("#allow").click();
        other.until(d -> d.getCurrentUrl().contains("/console/#connections"));
        WebElement found = other.find("article[aria-label^='Microsoft connection']");
        String card = "[data-connection-id='" + found.getAttribute("data-connection-id") + "']";
        assertThat(found.getText()).contains("Back office");
        other.button(card, "Sync now").click();
        other.until(d -> other.find(card + " [data-status]").getAttribute("data-status").equals("SYNCED"));
      } catch (Throwable e) {
        other.screenshot("failure-microsoft");
        throw new AssertionError("Page at failure: " + other.js("return document.body.innerText"), e);
      }
    }
  }

  @Test
  void a_new_tenant_starts_from_an_empty_console_and_makes_its_first_schedule_and_event() throws Exception {
    String key = tenants.create("Newcomer", java.util.Optional.empty()).apiKey();
    try (Browser other = new Browser("Europe/Berlin", 1280, 900)) {
      try {
        other.open(console(""));
        enter(other, key);
        assertThat(other.find("main h2").getText()).isEqualTo("Create your first schedule");
        assertThat(other.labelled("main", "Time zone").getAttribute("value")).isEqualTo("Europe/Berlin");
        other.type(other.labelled("main", "Name"), "Room A");
        other.button("main", "Create schedule").click();
        other.button("main", "New event").click();
        other.type(other.labelled("dialog[open]", "Title"), "First booking");
        LocalDate today = LocalDate.now(BERLIN);
        other.set(other.labelled("dialog[open]", "Starts"), today + "T10:00");
        other.set(other.labelled("dialog[open]", "Ends"), today + "T11:00");
        other.button("dialog[open]", "Create").click();
        other.until(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
        other.until(d -> !other.all(".fc-event .fc-event-title").isEmpty());
        assertThat(other.find(".fc-event .fc-event-title").getText()).isEqualTo("First booking");
        // the availability page offers the same quick start
        other.open(console("#availability"));
        other.button("main", "Create both").click();
        other.find("form fieldset input[name=resource]");
        assertThat(other.find("main form").getText()).contains("Consultation (30 min)", "Room 1");
      } catch (Throwable e) {
        other.screenshot("failure-newcomer");
        throw new AssertionError("Page at failure: " + other.js("return document.body.innerText"), e);
      }
    }
  }

  @Test
  void a_signed_in_tenant_makes_a_scoped_key_sees_its_secret_once_and_revokes_it() throws Exception {
    String owner = tenants.create("Key owner", java.util.Optional.empty()).apiKey();
    try (Browser other = new Browser("Europe/Berlin", 1280, 900)) {
      try {
        other.open(console(""));
        enter(other, owner);
        other.open(console("#keys"));
        other.find("main table[aria-label='API keys'] tbody tr");
        other.type(other.labelled("main form", "Name"), "booking widget");
        new org.openqa.selenium.support.ui.Select(other.labelled("main form", "Calendar")).selectByValue("read");
        other.button("main form", "Create key").click();
        String secret = other.find("main code.secret").getText().strip();
        assertThat(secret).matches("hk_[0-9A-Za-z]{36}");
        Api widget = api.withKey(secret);
        assertThat(widget.get("/calendar/v3/events/view").status()).isEqualTo(200);
        assertThat(widget.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "x"))).status()).isEqualTo(403);
        other.until(d -> other.find("main table[aria-label='API keys']").getText().contains("booking widget"));
        String table = other.find("main table[aria-label='API keys']").getText();
        assertThat(table).contains("calendar:read", secret.substring(0, 9)).doesNotContain(secret);
        other.screenshot("api-keys");
        assertThat(other.accessibilityViolations()).as("api-keys").isEmpty();

        other.button("main table", "Revoke").click(); // the only other key: the session's own has no button
        other.driver.switchTo().alert().accept();
        other.until(d -> !other.find("main table[aria-label='API keys']").getText().contains("booking widget"));
        assertThat(widget.get("/calendar/v3/events/view").status()).isEqualTo(401);
        other.driver.navigate().refresh(); // after a reload the secret is gone for good
        other.find("main table[aria-label='API keys'] tbody tr");
        assertThat(other.driver.getPageSource()).doesNotContain(secret);
      } catch (Throwable e) {
        other.screenshot("failure-keys");
        throw new AssertionError("Page at failure: " + other.js("return document.body.innerText"), e);
      }
    }
  }

  @Test
  void a_wrong_key_is_refused_with_the_field_named_and_the_key_is_never_kept_in_the_browser() throws Exception {
    try (Browser other = new Browser("UTC", 1280, 900)) {
      other.open(console(""));
      other.type(other.labelled("main", "API key"), "hk_not_a_key");
      other.button("main", "Sign in").click();
      assertThat(other.find("#alert").getText()).contains("apiKey", "not a valid API key");
      other.screenshot("sign-in-refused");
      assertThat(other.accessibilityViolations()).as("sign-in-refused").isEmpty();
      enter(other, tenant.apiKey());
      Cookie cookie = other.driver.manage().getCookieNamed("HORAE_CONSOLE");
      assertThat(cookie.isHttpOnly()).isTrue();
      assertThat(cookie.getSameSite()).isEqualTo("Strict");
      String storage = (String) other.js("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie + location.href");
      assertThat(storage).doesNotContain(tenant.apiKey()).doesNotContain("HORAE_CONSOLE");
      assertThat(other.driver.getPageSource()).doesNotContain(tenant.apiKey());
    }
  }

  @Test
  void console_calls_need_the_console_header_and_a_session_and_reach_only_the_public_api() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://localhost:" + port;
    HttpResponse<String> noHeader = http.send(HttpRequest.newBuilder(URI.create(base + "/console/api/calendar/v3/events/view")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(noHeader.statusCode()).isEqualTo(403);
    HttpResponse<String> noSession = http.send(HttpRequest.newBuilder(URI.create(base + "/console/api/calendar/v3/events/view"))
        .header("X-Horae-Console", "1").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noSession.statusCode()).isEqualTo(401);
    assertThat(noSession.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    // a cross-site form post carries no custom header: refused before the key is even looked at
    HttpResponse<String> formPost = http.send(HttpRequest.newBuilder(URI.create(base + "/console/session"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"" + tenant.apiKey() + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(formPost.statusCode()).isEqualTo(403);
    HttpResponse<String> empty = http.send(HttpRequest.newBuilder(URI.create(base + "/console/session")).header("X-Horae-Console", "1")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("apiKey", "is required");

    HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base + "/console/session")).header("X-Horae-Console", "1")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"" + tenant.apiKey() + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(signIn.statusCode()).isEqualTo(200);
    String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
    String session = cookie.substring(0, cookie.indexOf(';'));
    HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(URI.create(base + "/console/api/calendar/v3/events/view"))
        .header("X-Horae-Console", "1").header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(proxied.statusCode()).isEqualTo(200);
    assertThat(proxied.body()).contains("eventsView");
    HttpResponse<String> controls = http.send(HttpRequest.newBuilder(URI.create(base + "/console/session")).header("X-Horae-Console", "1")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"hk_x\\r\\nX-Injected: 1\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(controls.statusCode()).isEqualTo(401);
    assertThat(controls.body()).contains("apiKey");
    for (String outside : List.of("/actuator/health", "/calendar/v3/../../actuator/health", "/calendar/v3/%2e%2e/%2E%2E/actuator/health",
        "/calendar/v3/%2F..%2Factuator/health", "/console/session")) {
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "/console/api" + outside))
          .header("X-Horae-Console", "1").header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(outside).isIn(400, 404);
    }
    // the console's own pages need no key and carry the browser protections
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/console/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'", "frame-ancestors 'none'");
    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(302);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/webjars/fullcalendar/index.global.min.js")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
  }

  /** Signs in, then presses Connect for an OAuth provider and waits at its consent screen. */
  private void toConsent(Browser b, String schedule, String provider, String providerUrl) {
    b.open(console(""));
    enter(b, tenant.apiKey());
    b.open(console("#connections"));
    new org.openqa.selenium.support.ui.Select(b.labelled("main", "To schedule")).selectByValue(schedule);
    b.button("article[aria-label='" + provider + "']", "Connect " + provider).click();
    b.until(d -> d.getCurrentUrl().startsWith(providerUrl));
  }

  private void signIn() throws Exception {
    browser.open(console(""));
    browser.find("form.signin");
    browser.screenshot("sign-in");
    assertThat(browser.accessibilityViolations()).as("sign-in").isEmpty();
    enter(browser, tenant.apiKey());
  }

  /** Signs in on the sign-in page with a key that works: the console's navigation appears. */
  private static void enter(Browser b, String key) {
    b.type(b.labelled("main", "API key"), key);
    b.button("main", "Sign in").click();
    b.find("nav a[aria-current=page]");
  }

  /** The text of the one event in a day's column of the week view ("" when there is none). */
  private String eventText(String day) {
    List<WebElement> events = browser.all(".fc-timegrid-col[data-date='" + day + "'] .fc-event:not(.ev-busy) .fc-event-title");
    return events.isEmpty() ? "" : events.get(0).getText().strip();
  }

  private void openEvent(String day) {
    browser.find(".fc-timegrid-col[data-date='" + day + "'] .fc-event:not(.ev-busy)").click();
    browser.find("dialog[open]");
  }

  /** The occurrence of the series on a day (any recurrence type but MASTER), or null. */
  private JsonNode occurrence(String schedule, LocalDate day) {
    Api.Response r = api.post("/calendar/v3/events/query", Map.of("fromLocalDate", day + "T00:00:00", "toLocalDate", day.plusDays(1) + "T00:00:00",
        "timeZone", VIEWER.getId(), "query", Map.of("filter", Map.of("scheduleId", schedule))));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    for (JsonNode e : r.json().get("events")) {
      return e;
    }
    return null;
  }

  private static final dev.horae.support.Radicale ALICE = dev.horae.support.Radicale.alice();

  /** One request to alice's account on the local Radicale (body null: no body). */
  private static dev.horae.support.Radicale.Answer dav(String method, String url, String body) {
    return ALICE.send(method, url, body);
  }

  /** A calendar object, unfolded (RFC 5545 §3.1). */
  private static String davGet(String url) {
    String text = ALICE.get(url);
    assertThat(text).as(url).isNotNull();
    return text;
  }
}
