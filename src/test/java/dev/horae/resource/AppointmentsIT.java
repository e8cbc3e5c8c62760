package dev.horae.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Holds, bookings, reschedules and cancellations; and no double booking under a race, enforced by the database. */
class AppointmentsIT extends ApiTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  @Autowired JdbcClient jdbc;
  @Autowired ExpiringHolds holds;
  private OnSchedCalls onsched;
  private LocalDate monday;

  @BeforeAll
  void setUp() {
    onsched = new OnSchedCalls(api);
    monday = LocalDate.now(BERLIN).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
  }

  private String at(LocalDate day, int hour, int minute) {
    return day.atTime(hour, minute).atZone(BERLIN).toOffsetDateTime().toString();
  }

  private Response hold(String service, String resource, String start, String end, String complete) {
    return api.post("/consumer/v1/appointments" + (complete == null ? "" : "?completeBooking=" + complete), Map.of("serviceId", service,
        "resourceId", resource, "startDateTime", start, "endDateTime", end, "name", "Ann Lee", "email", "ann@example.com"));
  }

  /** Issue 20: a service with notifyCustomers emails the customer on booking, rescheduling and cancelling: one calendar entry throughout. */
  @Test
  void a_service_that_notifies_customers_mails_booked_rescheduled_and_cancelled_as_one_entry() throws Exception {
    String quiet = onsched.service(Map.of("name", "Quiet trim", "duration", 30));
    String service = onsched.service(Map.of("name", "Massage", "duration", 30, "notifyCustomers", true));
    assertThat(api.get("/setup/v1/services/" + service).at("/notifyCustomers").booleanValue()).isTrue();
    assertThat(api.get("/setup/v1/services/" + quiet).at("/notifyCustomers").booleanValue()).isFalse();
    String resource = onsched.resource(Map.of("name", "Room 3", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(900, 1200)))
        .at("/id").stringValue();
    LocalDate day = monday.plusDays(1);
    String customer = "kim-" + UUID.randomUUID() + "@example.com";
    Response booked = api.post("/consumer/v1/appointments?completeBooking=BK", Map.of("serviceId", service, "resourceId", resource,
        "startDateTime", at(day, 9, 0), "endDateTime", at(day, 9, 30), "name", "Kim", "email", customer));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(200);
    Response moved = onsched.put("/consumer/v1/appointments/" + booked.at("/id").stringValue() + "/reschedule",
        Map.of("startDateTime", at(day, 10, 0), "endDateTime", at(day, 10, 30)));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(onsched.put("/consumer/v1/appointments/" + moved.at("/id").stringValue() + "/cancel", Map.of()).status()).isEqualTo(200);
    String quietCustomer = "lee-" + UUID.randomUUID() + "@example.com";
    assertThat(api.post("/consumer/v1/appointments?completeBooking=BK", Map.of("serviceId", quiet, "resourceId", resource,
        "startDateTime", at(day, 11, 0), "endDateTime", at(day, 11, 30), "name", "Lee", "email", quietCustomer)).status()).isEqualTo(200);

    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> dev.horae.support.Smtp.to(customer).size() == 3);
    List<String> seen = new ArrayList<>();
    for (jakarta.mail.internet.MimeMessage m : dev.horae.support.Smtp.to(customer)) {
      jakarta.mail.Multipart mp = (jakarta.mail.Multipart) m.getContent();
      String ics = null;
      for (int i = 0; i < mp.getCount(); i++) {
        if (mp.getBodyPart(i).isMimeType("text/calendar")) {
          Object c = mp.getBodyPart(i).getContent();
          ics = c instanceof String text ? text : new String(((java.io.InputStream) c).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
      net.fortuna.ical4j.model.Calendar cal = new net.fortuna.ical4j.data.CalendarBuilder().build(new java.io.StringReader(ics));
      var v = (net.fortuna.ical4j.model.component.VEvent) cal.getComponent(net.fortuna.ical4j.model.Component.VEVENT).orElseThrow();
      seen.add(m.getSubject().replaceAll(":.*", "") + " " + cal.getProperty("METHOD").orElseThrow().getValue() + " "
          + v.getProperty("UID").orElseThrow().getValue() + " " + v.getProperty("SEQUENCE").orElseThrow().getValue());
    }
    String uid = "appointment-" + booked.at("/id").stringValue() + "@horae";
    assertThat(seen).containsExactlyInAnyOrder("Invitation REQUEST " + uid + " 0", "Updated REQUEST " + uid + " 1", "Cancelled CANCEL " + uid + " 2");
    // written with the change, so the log is complete as soon as the booking answered
    assertThat(api.get("/v1/notifications?limit=100").json().get("notifications").valueStream()
        .map(n -> n.at("/recipient/email").stringValue()).toList()).as("the other service does not notify")
        .contains(customer).doesNotContain(quietCustomer);
  }

  @Test
  void hold_book_reschedule_cancel() {
    String service = onsched.service(Map.of("name", "Haircut", "duration", 30));
    Response res = onsched.resource(Map.of("name", "Chair 1", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(900, 1100)));
    String resource = res.at("/id").stringValue();
    String day = monday.toString();

    Response held = hold(service, resource, at(monday, 9, 0), at(monday, 9, 30), null);
    assertThat(held.status()).as(held.toString()).isEqualTo(200);
    assertThat(held.at("/status").stringValue()).isEqualTo("IN");
    assertThat(held.at("/expiresAt").stringValue()).isNotBlank();
    assertThat(onsched.starts(service, day, day, "resourceId=" + resource)).doesNotContain(at(monday, 9, 0)); // a hold blocks
    String id = held.at("/id").stringValue();

    Response booked = onsched.put("/consumer/v1/appointments/" + id + "/book", Map.of("notes", "first visit"));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(200);
    assertThat(booked.at("/status").stringValue()).isEqualTo("BK");
    assertThat(booked.at("/auditTrail/1/statusBefore").stringValue()).isEqualTo("IN");
    String eventId = booked.at("/eventId").stringValue();
    Response event = api.get("/calendar/v3/events/" + eventId);
    assertThat(event.at("/event/scheduleId").stringValue()).isEqualTo(res.at("/scheduleId").stringValue());
    assertThat(event.at("/event/type").stringValue()).isEqualTo("APPOINTMENT");
    assertThat(onsched.starts(service, day, day, "resourceId=" + resource)).doesNotContain(at(monday, 9, 0)).contains(at(monday, 9, 30));

    Response taken = hold(service, resource, at(monday, 9, 0), at(monday, 9, 30), null);
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.text()).contains("SLOT_UNAVAILABLE").contains("FULLY_BOOKED");

    Response moved = onsched.put("/consumer/v1/appointments/" + id + "/reschedule", Map.of("startDateTime", at(monday, 9, 15).replace("09:15", "09:30"),
        "endDateTime", at(monday, 10, 0)));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.at("/rescheduledId").stringValue()).isEqualTo(id);
    assertThat(api.get("/consumer/v1/appointments/" + id).at("/status").stringValue()).isEqualTo("RE");
    assertThat(api.get("/calendar/v3/events/" + eventId).at("/event/status").stringValue()).isEqualTo("CANCELLED");
    assertThat(onsched.starts(service, day, day, "resourceId=" + resource)).contains(at(monday, 9, 0)).doesNotContain(at(monday, 10, 0).replace("10:00", "09:30"));

    String newId = moved.at("/id").stringValue();
    Response cancelled = onsched.put("/consumer/v1/appointments/" + newId + "/cancel", Map.of());
    assertThat(cancelled.at("/status").stringValue()).isEqualTo("CN");
    assertThat(onsched.starts(service, day, day, "resourceId=" + resource)).hasSize(4);
    assertThat(onsched.put("/consumer/v1/appointments/" + newId + "/cancel", Map.of()).status()).isEqualTo(428);

    // a hold can be deleted, a booking can't; an expired hold gives its place back
    Response second = hold(service, resource, at(monday, 10, 0), at(monday, 10, 30), null);
    assertThat(api.delete("/consumer/v1/appointments/" + second.at("/id").stringValue()).status()).isEqualTo(200);
    Response third = hold(service, resource, at(monday, 10, 30), at(monday, 11, 0), null);
    assertThat(onsched.starts(service, day, day, "resourceId=" + resource)).doesNotContain(at(monday, 10, 30)); // held
    jdbc.sql("update appointment set expires_at = now() - interval '1 second' where id = ?").params(UUID.fromString(third.at("/id").stringValue())).update();
    assertThat(onsched.starts(service, day, day, "resourceId=" + resource)).contains(at(monday, 10, 30)); // the hold expired
    Response fourth = hold(service, resource, at(monday, 10, 30), at(monday, 11, 0), "BK");
    assertThat(fourth.status()).as(fourth.toString()).isEqualTo(200);
    assertThat(fourth.at("/status").stringValue()).isEqualTo("BK");
    assertThat(onsched.put("/consumer/v1/appointments/" + third.at("/id").stringValue() + "/book", Map.of()).status()).isIn(404, 428);
    Response fifth = hold(service, resource, at(monday, 9, 0), at(monday, 9, 30), null);
    jdbc.sql("update appointment set expires_at = now() - interval '1 second' where id = ?").params(UUID.fromString(fifth.at("/id").stringValue())).update();
    assertThat(holds.expire()).isGreaterThanOrEqualTo(1);
    assertThat(api.get("/consumer/v1/appointments/" + fifth.at("/id").stringValue()).status()).isEqualTo(404);

    // every step is in the change feed (and so in webhooks)
    List<String> changes = api.changes().stream()
        .filter(c -> c.get("entityId").stringValue().equals(id)).map(c -> c.get("type").stringValue()).toList();
    assertThat(changes).containsExactly("onsched.consumer.v1.appointment.created", "onsched.consumer.v1.appointment.booked",
        "onsched.consumer.v1.appointment.rescheduled");

    Response wrongLength = hold(service, resource, at(monday, 9, 0), at(monday, 10, 0), null);
    assertThat(wrongLength.status()).isEqualTo(400);
    assertThat(wrongLength.text()).contains("endDateTime");
  }

  @Test
  void a_booking_takes_one_place_once_not_again_through_its_own_event() {
    String service = onsched.service(Map.of("name", "Pair class", "duration", 60, "bookingLimit", 2));
    String resource = onsched.resource(Map.of("name", "Coach", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(900, 1000)))
        .at("/id").stringValue();
    assertThat(hold(service, resource, at(monday, 9, 0), at(monday, 10, 0), "BK").status()).isEqualTo(200);
    for (String explain : List.of("", "&explain=true")) {
      Response answer = onsched.availability(service, monday.toString(), monday.toString(), "resourceId=" + resource + explain);
      assertThat(answer.at("/availableTimes/0/availableBookings").intValue()).as("explain=" + explain).isEqualTo(1);
    }
  }

  @Test
  void a_hundred_concurrent_bookings_of_the_last_place_one_wins() throws Exception {
    String service = onsched.service(Map.of("name", "Last seat", "duration", 60));
    String resource = onsched.resource(Map.of("name", "Solo", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(900, 1000)))
        .at("/id").stringValue();
    assertThat(race(service, resource, 100)).isEqualTo(1);

    String group = onsched.service(Map.of("name", "Class of 3", "duration", 60, "bookingLimit", 3));
    String studio = onsched.resource(Map.of("name", "Studio", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(900, 1000)))
        .at("/id").stringValue();
    assertThat(race(group, studio, 100)).isEqualTo(3);
    assertThat(jdbc.sql("select count(*) from appointment where resource_id = ? and status = 'BK'").params(UUID.fromString(studio))
        .query(Long.class).single()).isEqualTo(3);
  }

  @Test
  void the_database_itself_refuses_a_second_live_appointment_on_a_taken_place() {
    String service = onsched.service(Map.of("name", "Guarded", "duration", 60));
    String resource = onsched.resource(Map.of("name", "Guarded room", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(900, 1000)))
        .at("/id").stringValue();
    Response first = hold(service, resource, at(monday, 9, 0), at(monday, 10, 0), "BK");
    assertThat(first.status()).isEqualTo(200);
    // past Horae's own checks: a raw insert of an overlapping live appointment on the same place
    assertThatThrownBy(() -> jdbc.sql("insert into appointment (tenant_id, id, resource_id, service_id, status, start_utc, end_utc, block, place,"
            + " audit, created_at, updated_at) select tenant_id, gen_random_uuid(), resource_id, service_id, 'BK', start_utc, end_utc,"
            + " tstzrange(start_utc + interval '30 minutes', end_utc + interval '30 minutes'), place, '[]', now(), now() from appointment where id = ?")
        .params(UUID.fromString(first.at("/id").stringValue())).update())
        .hasMessageContaining("appointment_no_double_booking");

    // and a hundred raw inserts racing for one place, no lock, no check: exactly one lands. Eight at a time, fewer than the
    // service's 10 pooled connections: with more threads than connections, threads queued for a connection behind
    // inserts that wait out PostgreSQL's deadlock checks (1 s each) could pass Hikari's 30 s timeout (seen once in CI)
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Boolean>> inserts = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        inserts.add(pool.submit((Callable<Boolean>) () -> {
          go.await();
          try {
            jdbc.sql("insert into appointment (tenant_id, id, resource_id, service_id, status, start_utc, end_utc, block, place, audit, created_at,"
                    + " updated_at) select tenant_id, gen_random_uuid(), resource_id, service_id, 'BK', start_utc + interval '1 day', end_utc + interval '1 day',"
                    + " tstzrange(start_utc + interval '1 day', end_utc + interval '1 day'), 1, '[]', now(), now() from appointment where id = ?")
                .params(UUID.fromString(first.at("/id").stringValue())).update();
            return true;
          } catch (org.springframework.dao.DataAccessException refused) {
            // refused by the constraint, or aborted as a deadlock while two pending rows wait on each other at its check
            // (why Horae's own writers take the resource's row lock first): either way not admitted
            assertThat(refused.getMessage()).containsAnyOf("appointment_no_double_booking", "deadlock detected");
            return false;
          }
        }));
      }
      go.countDown();
      int landed = 0;
      for (Future<Boolean> insert : inserts) {
        landed += insert.get() ? 1 : 0;
      }
      assertThat(landed).isEqualTo(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code n} clients book the same slot at once; answers how many succeeded (every other one must be a 409). */
  private int race(String service, String resource, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(pool.submit((Callable<Integer>) () -> {
          go.await();
          return hold(service, resource, at(monday, 9, 0), at(monday, 10, 0), "BK").status();
        }));
      }
      go.countDown();
      int ok = 0;
      for (Future<Integer> call : calls) {
        int status = call.get();
        assertThat(status).isIn(200, 409);
        ok += status == 200 ? 1 : 0;
      }
      return ok;
    } finally {
      pool.shutdownNow();
    }
  }
}
