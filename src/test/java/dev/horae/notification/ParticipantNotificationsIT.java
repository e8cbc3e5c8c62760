package dev.horae.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.horae.support.Api;
import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import dev.horae.support.Smtp;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20: a change with {@code notifyParticipants: true} mails every participant with an email
 * address one message, through a real SMTP server (GreenMail), after commit; the iCalendar part
 * biweekly wrote is read back with ical4j, a different library.
 */
class ParticipantNotificationsIT extends ApiTest {
  private Fixtures fixtures;
  private String schedule;

  @BeforeAll
  void setUp() {
    fixtures = new Fixtures(api);
    schedule = fixtures.schedule(Map.of("name", "Yoga", "timeZone", "Europe/Berlin"));
  }

  private String join(String eventId, String name, String email) {
    Map<String, Object> participant = email == null ? Map.of("name", name) : Map.of("name", name, "email", email);
    Response r = api.post("/calendar/v3/participations", Map.of("participation", Map.of("eventId", eventId, "partySize", 1, "participant", participant)));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.at("/participation/id").stringValue();
  }

  @Test
  void an_update_then_a_cancel_reach_each_participant_once_as_request_then_cancel_of_the_same_entry() throws Exception {
    String alice = "alice-" + UUID.randomUUID() + "@example.com";
    String bob = "bob-" + UUID.randomUUID() + "@example.org";
    JsonNode event = fixtures.event(schedule, "2027-04-05T09:00:00", "2027-04-05T10:00:00",
        Map.of("title", "Morning flow", "location", Map.of("type", "CUSTOM", "name", "Studio 2", "address", "Torstr. 1, Berlin")));
    String id = event.get("id").stringValue();
    join(id, "Alice", alice);
    join(id, "Bob", bob);
    join(id, "No mail", null);

    Response moved = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", revision(id),
            "start", Map.of("localDate", "2027-04-05T11:00:00"), "end", Map.of("localDate", "2027-04-05T12:00:00")),
        "participantNotification", Map.of("notifyParticipants", true, "message", "We moved to 11 because of the floor work.")));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

    MimeMessage first = awaitOne(alice, 1);
    assertThat(awaitOne(bob, 1)).isNotNull();
    // privacy: one recipient per message, nobody else's address anywhere in it
    assertThat(first.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly(alice);
    String raw = rawText(first);
    assertThat(raw).doesNotContain(bob);
    assertThat(first.getSubject()).isEqualTo("Updated: Morning flow - Monday, 5 April 2027, 11:00-12:00 (Europe/Berlin)");
    Parts parts = parts(first);
    assertThat(parts.text()).contains("When: Monday, 5 April 2027, 11:00-12:00 (Europe/Berlin)")
        .contains("(was: Monday, 5 April 2027, 09:00-10:00 (Europe/Berlin))").contains("Where: Studio 2, Torstr. 1, Berlin")
        .contains("We moved to 11 because of the floor work.");
    assertThat(parts.html()).contains("Morning flow").contains("We moved to 11 because of the floor work.");
    screenshot(parts.html(), "update-message");
    assertThat(parts.calendarType()).containsIgnoringCase("text/calendar").containsIgnoringCase("method=REQUEST");

    Calendar request = new CalendarBuilder().build(new StringReader(parts.calendar()));
    assertThat(request.getProperty(Property.METHOD).map(Property::getValue).orElseThrow()).isEqualTo("REQUEST");
    VEvent v = (VEvent) request.getComponent(Component.VEVENT).orElseThrow();
    String uid = v.getProperty(Property.UID).map(Property::getValue).orElseThrow();
    int sequence = Integer.parseInt(v.getProperty(Property.SEQUENCE).map(Property::getValue).orElseThrow());
    assertThat(uid).isEqualTo(id + "@horae");
    assertThat(sequence).as("the revision less one").isEqualTo(Integer.parseInt(moved.at("/event/revision").stringValue()) - 1);
    assertThat(v.getProperty(Property.DTSTART).map(Property::getValue).orElseThrow()).isEqualTo("20270405T110000");
    assertThat(v.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").map(p -> p.getValue()).orElseThrow()).isEqualTo("Europe/Berlin");
    assertThat(v.getProperty(Property.LOCATION).map(Property::getValue).orElseThrow()).isEqualTo("Studio 2, Torstr. 1, Berlin");
    List<Property> attendees = v.getProperties(Property.ATTENDEE);
    assertThat(attendees.stream().map(Property::getValue).toList()).containsExactly("mailto:" + alice);
    // the zone travels as a VTIMEZONE (CalendarPartTest has dateutil read it back against the JDK's rules)
    VTimeZone berlin = (VTimeZone) request.getComponent(Component.VTIMEZONE).orElseThrow();
    assertThat(berlin.getProperty(Property.TZID).map(Property::getValue).orElseThrow()).isEqualTo("Europe/Berlin");
    assertThat(berlin.getObservances()).hasSize(2);

    // the log has both, SENT, and the Message-ID the server received
    List<JsonNode> log = log(id);
    assertThat(log).hasSize(2).allSatisfy(n -> {
      assertThat(n.get("status").stringValue()).isEqualTo("SENT");
      assertThat(n.get("method").stringValue()).isEqualTo("REQUEST");
    });
    JsonNode aliceEntry = log.stream().filter(n -> n.at("/recipient/email").stringValue().equals(alice)).findFirst().orElseThrow();
    assertThat(first.getMessageID()).isEqualTo(aliceEntry.get("messageId").stringValue());
    JsonNode full = api.get("/v1/notifications/" + aliceEntry.get("id").stringValue()).json().get("notification");
    assertThat(full.get("ical").stringValue()).contains("METHOD:REQUEST");

    // a change that does not ask writes nothing
    Response quiet = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", moved.at("/event/revision").stringValue(),
        "title", "Morning flow (quiet)")));
    assertThat(quiet.status()).isEqualTo(200);
    assertThat(log(id)).hasSize(2);

    Response cancelled = api.post("/calendar/v3/events/" + id + "/cancel", Map.of("revision", revision(id), "participantNotification", Map.of("notifyParticipants", true,
        "message", "Sorry, the studio is closed.")));
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    MimeMessage cancel = awaitOne(alice, 2).equals(first) ? Smtp.to(alice).get(1) : Smtp.to(alice).get(0);
    Parts cancelParts = parts(cancel);
    assertThat(cancel.getSubject()).startsWith("Cancelled: Morning flow (quiet)");
    assertThat(cancelParts.calendarType()).containsIgnoringCase("method=CANCEL");
    Calendar c = new CalendarBuilder().build(new StringReader(cancelParts.calendar()));
    assertThat(c.getProperty(Property.METHOD).map(Property::getValue).orElseThrow()).isEqualTo("CANCEL");
    VEvent cv = (VEvent) c.getComponent(Component.VEVENT).orElseThrow();
    assertThat(cv.getProperty(Property.UID).map(Property::getValue).orElseThrow()).as("the same entry").isEqualTo(uid);
    assertThat(Integer.parseInt(cv.getProperty(Property.SEQUENCE).map(Property::getValue).orElseThrow())).as("a higher SEQUENCE").isGreaterThan(sequence);
    assertThat(cv.getProperty(Property.STATUS).map(Property::getValue).orElseThrow()).isEqualTo("CANCELLED");
    assertThat(cancel.getMessageID()).isNotEqualTo(first.getMessageID());
    await().atMost(Duration.ofSeconds(20)).until(() -> Smtp.to(bob).size() == 2);
    assertThat(log(id)).hasSize(4);
  }

  @Test
  void a_series_change_tells_each_occurrences_participants_about_their_occurrence_and_a_schedule_cancel_cancels_each_entry_once()
      throws Exception {
    String own = fixtures.schedule(Map.of("name", "Pilates", "timeZone", "Europe/Berlin"));
    String dana = "dana-" + UUID.randomUUID() + "@example.com";
    String erin = "erin-" + UUID.randomUUID() + "@example.com";
    String member = "member-" + UUID.randomUUID() + "@example.com";
    JsonNode master = fixtures.event(own, "2027-05-03T18:00:00", "2027-05-03T19:00:00",
        Map.of("title", "Pilates", "recurrenceRule", Map.of("frequency", "WEEKLY", "days", List.of("MONDAY"))));
    String masterId = master.get("id").stringValue();
    List<JsonNode> occurrences = api.post("/calendar/v3/events/query", Map.of("fromLocalDate", "2027-05-03T00:00:00",
            "toLocalDate", "2027-05-18T00:00:00", "timeZone", "Europe/Berlin", "query", Map.of("filter", Map.of("recurringEventId", masterId))))
        .json().get("events").valueStream().toList();
    assertThat(occurrences).hasSize(3);
    String second = occurrences.get(1).get("id").stringValue();
    join(occurrences.get(0).get("id").stringValue(), "Dana", dana);
    join(second, "Erin", erin);
    join(second, "Dana again", dana.toUpperCase(java.util.Locale.ROOT)); // the same person twice in one entry: one message
    Response onSchedule = api.post("/calendar/v3/participations", Map.of("participation", Map.of("scheduleId", own, "partySize", 1,
        "participant", Map.of("name", "Member", "email", member))));
    assertThat(onSchedule.status()).isEqualTo(200);

    Response renamed = api.patch("/calendar/v3/events/" + masterId, Map.of("event", Map.of("id", masterId, "revision", revision(masterId),
        "title", "Pilates (mat)"), "participantNotification", Map.of("notifyParticipants", true, "message", "Bring a mat.")));
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    Calendar erinsEntry = calendar(awaitOne(erin, 1));
    VEvent occurrence = (VEvent) erinsEntry.getComponent(Component.VEVENT).orElseThrow();
    assertThat(occurrence.getProperty(Property.UID).map(Property::getValue).orElseThrow()).as("her occurrence").isEqualTo(second + "@horae");
    assertThat(occurrence.getProperty(Property.SUMMARY).map(Property::getValue).orElseThrow()).isEqualTo("Pilates (mat)");
    assertThat(occurrence.getProperty(Property.RRULE)).isEmpty();
    assertThat(occurrence.getProperty(Property.DTSTART).map(Property::getValue).orElseThrow()).isEqualTo("20270510T180000");
    Calendar membersEntry = calendar(awaitOne(member, 1));
    VEvent series = (VEvent) membersEntry.getComponent(Component.VEVENT).orElseThrow();
    assertThat(series.getProperty(Property.UID).map(Property::getValue).orElseThrow()).as("the series").isEqualTo(masterId + "@horae");
    assertThat(series.getProperty(Property.RRULE).map(Property::getValue).orElseThrow()).isEqualTo("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO");
    await().atMost(Duration.ofSeconds(20)).until(() -> Smtp.to(dana).size() == 2); // her two entries
    assertThat(Smtp.to(dana).stream().map(m -> uid(m)).distinct().toList())
        .containsExactlyInAnyOrder(occurrences.get(0).get("id").stringValue() + "@horae", second + "@horae");
    assertThat(api.get("/v1/notifications?eventId=" + second).json().get("notifications")).hasSize(2);

    Response cancelled = api.post("/calendar/v3/schedules/" + own + "/cancel", Map.of("revision", api.get("/calendar/v3/schedules/" + own)
        .at("/schedule/revision").stringValue(), "participantNotification", Map.of("notifyParticipants", true, "message", "The course ends.")));
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> Smtp.to(erin).size() == 2);
    MimeMessage erinsCancel = Smtp.to(erin).stream().filter(m -> !m.equals(Smtp.to(erin).get(0))).findFirst().orElseThrow();
    assertThat(calendar(erinsCancel).getProperty(Property.METHOD).map(Property::getValue).orElseThrow()).isEqualTo("CANCEL");
    assertThat(uid(erinsCancel)).isEqualTo(second + "@horae");
    // every occurrence the schedule cancelled, once for Dana (2 entries) and once for Erin; the series and every future event for the member
    await().atMost(Duration.ofSeconds(20)).until(() -> Smtp.to(dana).size() == 4);
    Thread.sleep(500);
    assertThat(Smtp.to(dana)).hasSize(4);
    assertThat(Smtp.to(erin)).hasSize(2);
  }

  private static Calendar calendar(MimeMessage m) throws Exception {
    return new CalendarBuilder().build(new StringReader(parts(m).calendar()));
  }

  private static String uid(MimeMessage m) {
    try {
      return ((VEvent) calendar(m).getComponent(Component.VEVENT).orElseThrow()).getProperty(Property.UID).map(Property::getValue).orElseThrow();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void a_reply_to_an_invitation_updates_that_participation_and_a_forged_or_unknown_one_changes_nothing() throws Exception {
    String frank = "frank-" + UUID.randomUUID() + "@example.com";
    JsonNode event = fixtures.event(schedule, "2027-04-08T09:00:00", "2027-04-08T10:00:00", Map.of("title", "Breathwork"));
    String id = event.get("id").stringValue();
    String participation = join(id, "Frank", frank);
    api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", revision(id), "title", "Breathwork (new room)"),
        "participantNotification", Map.of("notifyParticipants", true)));
    VEvent invited = (VEvent) calendar(awaitOne(frank, 1)).getComponent(Component.VEVENT).orElseThrow();
    String uid = invited.getProperty(Property.UID).map(Property::getValue).orElseThrow();
    String sequence = invited.getProperty(Property.SEQUENCE).map(Property::getValue).orElseThrow();

    Response token = api.post("/v1/notification-settings/inbound-token", Map.of());
    assertThat(token.status()).as(token.toString()).isEqualTo(200);
    String secret = token.at("/inbound/inboundToken").stringValue();
    String url = token.at("/inbound/inboundUrl").stringValue();
    assertThat(url).endsWith("/inbound/v1/replies/" + tenant.id().value());
    String path = "/inbound/v1/replies/" + tenant.id().value();
    Api mta = new Api(port, null).withHeader("X-Horae-Inbound-Token", secret);

    JsonNode before = api.get("/calendar/v3/participations/" + participation).json().get("participation");
    // forged: the From is not the attendee; unknown: an address Horae never wrote to; wrong token; not a reply
    assertThat(mta.send("POST", path, reply("mallory@example.net", frank, uid, sequence, "DECLINED"), "message/rfc822").at("/reason").stringValue())
        .isEqualTo("FROM_IS_NOT_THE_ATTENDEE");
    assertThat(mta.send("POST", path, reply("eve@example.net", "eve@example.net", uid, sequence, "DECLINED"), "message/rfc822").at("/reason")
        .stringValue()).isEqualTo("NOT_INVITED");
    assertThat(mta.send("POST", path, reply(frank, frank, "someone-else@horae", sequence, "DECLINED"), "message/rfc822").at("/reason")
        .stringValue()).isEqualTo("NOT_INVITED");
    Response wrongToken = new Api(port, null).withHeader("X-Horae-Inbound-Token", "hin_wrong")
        .send("POST", path, reply(frank, frank, uid, sequence, "DECLINED"), "message/rfc822");
    assertThat(wrongToken.status()).isEqualTo(401);
    assertThat(mta.send("POST", path, "From: " + frank + "\r\nSubject: thanks\r\n\r\nsee you\r\n", "message/rfc822").at("/reason").stringValue())
        .isEqualTo("NO_CALENDAR_PART");
    assertThat(api.get("/calendar/v3/participations/" + participation).json().get("participation")).as("nothing changed").isEqualTo(before);

    Response accepted = new Api(port, null).send("POST", path + "?token=" + secret, reply(frank, frank, uid, sequence, "ACCEPTED"), "message/rfc822");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    assertThat(accepted.at("/outcome").stringValue()).isEqualTo("APPLIED");
    JsonNode after = api.get("/calendar/v3/participations/" + participation).json().get("participation");
    assertThat(after.at("/reply/status").stringValue()).isEqualTo("ACCEPTED");
    assertThat(after.get("status").stringValue()).isEqualTo("CONFIRMED");
    assertThat(Long.parseLong(after.get("revision").stringValue())).isGreaterThan(Long.parseLong(before.get("revision").stringValue()));
    Response declined = mta.send("POST", path, reply(frank, frank, uid, sequence, "DECLINED"), "message/rfc822");
    assertThat(declined.at("/status").stringValue()).isEqualTo("DECLINED");
    assertThat(api.get("/calendar/v3/participations/" + participation).at("/participation/reply/status").stringValue()).isEqualTo("DECLINED");
  }

  /** A reply as Apple Mail or Outlook sends it: METHOD:REPLY with the one attendee's PARTSTAT, as a text/calendar part. */
  private static String reply(String from, String attendee, String uid, String sequence, String partstat) throws Exception {
    String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Mail//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:" + uid
        + "\r\nSEQUENCE:" + sequence + "\r\nDTSTAMP:20270401T120000Z\r\nDTSTART:20270408T070000Z\r\n"
        + "ORGANIZER:mailto:horae@localhost\r\nATTENDEE;PARTSTAT=" + partstat + ":mailto:" + attendee + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    MimeMessage m = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
    m.setFrom(new InternetAddress(from));
    m.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress("horae@localhost"));
    m.setSubject(partstat + ": Breathwork");
    jakarta.mail.internet.MimeMultipart mp = new jakarta.mail.internet.MimeMultipart("alternative");
    jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
    text.setText(partstat, "UTF-8");
    mp.addBodyPart(text);
    jakarta.mail.internet.MimeBodyPart cal = new jakarta.mail.internet.MimeBodyPart();
    cal.setContent(ics, "text/calendar; method=REPLY; charset=UTF-8");
    mp.addBodyPart(cal);
    m.setContent(mp);
    m.saveChanges();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    m.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void a_tenants_own_templates_word_its_messages_with_values_escaped_in_html_and_a_broken_template_is_refused() throws Exception {
    Response byDefault = api.get("/v1/notification-templates/CANCELLATION");
    assertThat(byDefault.status()).isEqualTo(200);
    assertThat(byDefault.at("/template/custom").booleanValue()).isFalse();
    assertThat(byDefault.at("/template/subject").stringValue()).isEqualTo("Cancelled: {{title}} - {{when}}");
    Response broken = api.send("PUT", "/v1/notification-templates/CANCELLATION", Map.of("template", Map.of("subject", "Off: {{#title}}",
        "text", "x", "html", "{{#when}}open")), "application/json");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().get("errors").valueStream().map(e -> e.get("field").stringValue()).toList())
        .containsExactly("template.subject", "template.html");
    Response set = api.send("PUT", "/v1/notification-templates/CANCELLATION", Map.of("template", Map.of(
        "subject", "{{title}} is off",
        "text", "Hello, {{title}} on {{when}} will not take place.{{#message}} {{message}}{{/message}}",
        "html", "<p>Hello, <b>{{title}}</b> will not take place.</p>")), "application/json");
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.at("/template/custom").booleanValue()).isTrue();

    String gina = "gina-" + UUID.randomUUID() + "@example.com";
    JsonNode event = fixtures.event(schedule, "2027-04-09T09:00:00", "2027-04-09T10:00:00", Map.of("title", "Yin & <Yang>"));
    String id = event.get("id").stringValue();
    join(id, "Gina", gina);
    api.post("/calendar/v3/events/" + id + "/cancel", Map.of("revision", revision(id),
        "participantNotification", Map.of("notifyParticipants", true, "message", "Sorry!")));
    MimeMessage m = awaitOne(gina, 1);
    assertThat(m.getSubject()).isEqualTo("Yin & <Yang> is off");
    Parts parts = parts(m);
    assertThat(parts.text()).isEqualTo("Hello, Yin & <Yang> on Friday, 9 April 2027, 09:00-10:00 (Europe/Berlin) will not take place. Sorry!");
    assertThat(parts.html()).isEqualTo("<p>Hello, <b>Yin &amp; &lt;Yang&gt;</b> will not take place.</p>");
    assertThat(parts.calendarType()).containsIgnoringCase("method=CANCEL"); // the iCalendar part is Horae's whatever the wording
    assertThat(api.delete("/v1/notification-templates/CANCELLATION").at("/template/custom").booleanValue()).isFalse();
  }

  @Test
  void a_bad_participant_notification_is_a_400_naming_the_field_and_changes_nothing() {
    JsonNode event = fixtures.event(schedule, "2027-04-06T09:00:00", "2027-04-06T10:00:00", Map.of("title", "Untouched"));
    String id = event.get("id").stringValue();
    Response r = api.patch("/calendar/v3/events/" + id, Map.of("event", Map.of("id", id, "revision", "1", "title", "Changed"),
        "participantNotification", Map.of("notifyParticipants", true, "message", "x".repeat(5001))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.at("/errors/0/field").stringValue()).isEqualTo("participantNotification.message");
    assertThat(api.get("/calendar/v3/events/" + id).at("/event/title").stringValue()).isEqualTo("Untouched");
  }

  @Test
  void sender_settings_are_per_tenant_with_the_service_defaults() {
    Response before = api.get("/v1/notification-settings");
    assertThat(before.status()).isEqualTo(200);
    assertThat(before.at("/settings/fromAddress").stringValue()).isEqualTo("horae@localhost");
    assertThat(before.at("/settings/revision").stringValue()).isEqualTo("0");
    Response set = api.patch("/v1/notification-settings", Map.of("settings", Map.of("senderName", "Yoga Studio", "fromAddress",
        "hello@yoga.example", "replyTo", "desk@yoga.example", "revision", "0")));
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.at("/settings/senderName").stringValue()).isEqualTo("Yoga Studio");
    assertThat(set.at("/settings/revision").stringValue()).isEqualTo("1");
    Response stale = api.patch("/v1/notification-settings", Map.of("settings", Map.of("senderName", "Other", "revision", "0")));
    assertThat(stale.status()).isEqualTo(409);
    Response bad = api.patch("/v1/notification-settings", Map.of("settings", Map.of("fromAddress", "not an address", "revision", "1")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.at("/errors/0/field").stringValue()).isEqualTo("settings.fromAddress");

    String carol = "carol-" + UUID.randomUUID() + "@example.com";
    JsonNode event = fixtures.event(schedule, "2027-04-07T09:00:00", "2027-04-07T10:00:00", Map.of("title", "Evening flow"));
    String id = event.get("id").stringValue();
    join(id, "Carol", carol);
    Response cancelled = api.post("/calendar/v3/events/" + id + "/cancel", Map.of("revision", revision(id), "participantNotification", Map.of("notifyParticipants", true)));
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(log(id)).as("written with the change").hasSize(1);
    MimeMessage m = awaitOne(carol, 1);
    try {
      assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("hello@yoga.example");
      assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Yoga Studio");
      assertThat(((InternetAddress) m.getReplyTo()[0]).getAddress()).isEqualTo("desk@yoga.example");
      assertThat(m.getMessageID()).endsWith("@yoga.example>");
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
  }

  /** The HTML part as a mail app shows it: rendered by headless Chromium into target/notification-screenshots (the README's picture). */
  private static void screenshot(String html, String name) throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("target", "notification-screenshots").toAbsolutePath();
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Path page = dir.resolve(name + ".html");
    java.nio.file.Files.writeString(page, html);
    java.nio.file.Path png = dir.resolve(name + ".png");
    java.nio.file.Path profile = java.nio.file.Files.createTempDirectory("horae-chromium-");
    Process chromium = new ProcessBuilder(System.getProperty("horae.it.chromium", "/usr/bin/chromium"), "--headless=new", "--no-sandbox",
        "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=720,460", "--screenshot=" + png, page.toUri().toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    assertThat(chromium.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("chromium rendered the message").isTrue();
    byte[] image = java.nio.file.Files.readAllBytes(png);
    assertThat(image.length).as("a PNG of the message").isGreaterThan(2000);
    assertThat(new String(image, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  private String revision(String eventId) {
    return api.get("/calendar/v3/events/" + eventId).at("/event/revision").stringValue();
  }

  private List<JsonNode> log(String eventId) {
    Response r = api.get("/v1/notifications?eventId=" + eventId);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("notifications").valueStream().toList();
  }

  private static MimeMessage awaitOne(String to, int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> Smtp.to(to).size() >= count);
    return Smtp.to(to).get(0);
  }

  record Parts(String text, String html, String calendar, String calendarType) {}

  private static Parts parts(MimeMessage m) throws Exception {
    assertThat(m.getContentType()).startsWith("multipart/alternative");
    Multipart mp = (Multipart) m.getContent();
    List<String> types = new ArrayList<>();
    String text = null, html = null, calendar = null, calendarType = null;
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart p = mp.getBodyPart(i);
      types.add(p.getContentType());
      if (p.isMimeType("text/plain")) {
        text = (String) p.getContent();
      } else if (p.isMimeType("text/html")) {
        html = (String) p.getContent();
      } else if (p.isMimeType("text/calendar")) {
        calendarType = p.getContentType();
        Object content = p.getContent();
        calendar = content instanceof String s ? s : new String(((java.io.InputStream) content).readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    assertThat(types).hasSize(3);
    assertThat(text).isNotNull();
    assertThat(html).isNotNull();
    assertThat(calendar).isNotNull();
    return new Parts(text, html, calendar, calendarType);
  }

  private static String rawText(MimeMessage m) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    m.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
