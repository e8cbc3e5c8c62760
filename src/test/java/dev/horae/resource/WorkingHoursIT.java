package dev.horae.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Working hours (issue 18, must-work 5) over HTTP: a resource with no hours of its own follows the
 * tenant's business schedule, whose WORKING_HOURS events are edited through Calendar V3; OnSched's
 * weekly {@code availability} and Resources V2's {@code workingHoursSchedules} are two views of the
 * same events; one business schedule per tenant however many first resources race; resources from
 * before are backfilled.
 */
class WorkingHoursIT extends ApiTest {
  private static final String BUSINESS = "4e0579a5-491e-4e70-a872-d097eed6e520";
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  @Autowired JdbcClient jdbc;
  @Autowired HoursBackfill backfill;
  private OnSchedCalls onsched;
  private LocalDate monday;

  @BeforeAll
  void setUp() {
    onsched = new OnSchedCalls(api);
    monday = LocalDate.now(BERLIN).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
  }

  @Test
  void business_hours_are_events_that_every_resource_without_its_own_follows_and_both_apis_show() {
    String service = onsched.service(Map.of("name", "Visit", "duration", 60, "interval", 60));
    Response doctor = onsched.resource(Map.of("name", "Dr. Shared", "timezoneIana", "Europe/Berlin"));
    Response room = onsched.resource(Map.of("name", "Room Shared", "timezoneIana", "Europe/Berlin"));
    String doctorId = doctor.at("/id").stringValue();
    String roomId = room.at("/id").stringValue();
    assertThat(doctor.at("/availability/mon/startTime").intValue()).as("the default business hours").isEqualTo(900);
    assertThat(doctor.at("/availability/sat/endTime").intValue()).isZero();

    // one business schedule, found as Wix documents it, holding a WORKING_HOURS master per weekday
    JsonNode schedules = api.post("/calendar/v3/schedules/query", Map.of("query", Map.of("filter", Map.of("externalId", BUSINESS)))).json();
    assertThat(schedules.get("schedules")).hasSize(1);
    String business = schedules.at("/schedules/0/id").stringValue();
    JsonNode wix = api.get("/bookings/v2/resources/" + doctorId).json();
    assertThat(wix.at("/resource/workingHoursSchedules/values/0/id").stringValue()).isEqualTo(business);
    assertThat(wix.at("/resource/workingHoursSchedules/values/0/shared").booleanValue()).isTrue();
    List<JsonNode> week = hours(business, monday, monday.plusDays(7));
    assertThat(week).extracting(e -> e.at("/start/localDate").stringValue()).containsExactly(
        monday + "T09:00:00", monday.plusDays(1) + "T09:00:00", monday.plusDays(2) + "T09:00:00", monday.plusDays(3) + "T09:00:00",
        monday.plusDays(4) + "T09:00:00");
    assertThat(onsched.starts(service, monday.toString(), monday.toString(), "resourceId=" + doctorId)).first().isEqualTo(at(monday, 9));

    // the business changes Monday's hours (update the master) and closes one Tuesday (cancel the occurrence)
    JsonNode mondayMaster = api.get("/calendar/v3/events/" + week.get(0).get("recurringEventId").stringValue()).json().get("event");
    String masterId = mondayMaster.get("id").stringValue();
    Response changed = api.patch("/calendar/v3/events/" + masterId, Map.of("event", Map.of("id", masterId,
        "revision", mondayMaster.get("revision").stringValue(), "start", Map.of("localDate", mondayMaster.at("/start/localDate").stringValue().substring(0, 10) + "T10:00:00"),
        "end", Map.of("localDate", mondayMaster.at("/start/localDate").stringValue().substring(0, 10) + "T12:00:00"))));
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    JsonNode tuesday = week.get(1);
    Response closed = api.post("/calendar/v3/events/" + tuesday.get("id").stringValue() + "/cancel", Map.of("revision", tuesday.get("revision").stringValue()));
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    for (String resource : List.of(doctorId, roomId)) {
      assertThat(onsched.starts(service, monday.toString(), monday.toString(), "resourceId=" + resource))
          .as("both resources follow the business").containsExactly(at(monday, 10), at(monday, 11));
      assertThat(onsched.starts(service, monday.plusDays(1).toString(), monday.plusDays(1).toString(), "resourceId=" + resource)).isEmpty();
      assertThat(onsched.starts(service, monday.plusDays(2).toString(), monday.plusDays(2).toString(), "resourceId=" + resource)).hasSize(8);
      assertThat(api.get("/setup/v1/resources/" + resource).at("/availability/mon").toString()).isEqualTo("{\"startTime\":1000,\"endTime\":1200}");
    }
  }

  @Test
  void onsched_hours_become_the_resources_own_events_and_resources_v2_can_give_it_back_to_the_business() {
    String service = onsched.service(Map.of("name", "Lesson", "duration", 60, "interval", 60));
    Response made = onsched.resource(Map.of("name", "Coach", "timezoneIana", "Europe/Berlin", "availability", OnSchedCalls.everyDay(1400, 1600)));
    String id = made.at("/id").stringValue();
    String own = made.at("/scheduleId").stringValue();
    assertThat(made.at("/availability/sun").toString()).isEqualTo("{\"startTime\":1400,\"endTime\":1600}");
    JsonNode wix = api.get("/bookings/v2/resources/" + id).json();
    assertThat(wix.at("/resource/workingHoursSchedules/values/0/id").stringValue()).isEqualTo(own);
    assertThat(wix.at("/resource/workingHoursSchedules/values/0/shared").booleanValue()).isFalse();
    assertThat(hours(own, monday, monday.plusDays(7))).as("one weekly master per open day, seven occurrences a week").hasSize(7);
    assertThat(onsched.starts(service, monday.toString(), monday.toString(), "resourceId=" + id)).containsExactly(at(monday, 14), at(monday, 15));

    // the same hours again (a retried request) write nothing; new hours replace the masters
    int masters = masters(own);
    assertThat(onsched.put("/setup/v1/resources/" + id, Map.of("availability", OnSchedCalls.everyDay(1400, 1600))).status()).isEqualTo(200);
    assertThat(masters(own)).isEqualTo(masters);
    Response shorter = onsched.put("/setup/v1/resources/" + id, Map.of("availability", Map.of("mon", Map.of("startTime", 800, "endTime", 900))));
    assertThat(shorter.status()).as(shorter.toString()).isEqualTo(200);
    assertThat(shorter.at("/availability/mon").toString()).isEqualTo("{\"startTime\":800,\"endTime\":900}");
    assertThat(shorter.at("/availability/tue").toString()).isEqualTo("{\"startTime\":0,\"endTime\":0}");
    assertThat(masters(own)).isEqualTo(1);
    assertThat(onsched.starts(service, monday.toString(), monday.plusDays(1).toString(), "resourceId=" + id)).containsExactly(at(monday, 8));

    // Resources V2 gives the resource back to the business hours: the OnSched view follows
    onsched.resource(Map.of("name", "Plain")); // follows the business, so the tenant has its business schedule whichever test ran first
    String business = api.post("/calendar/v3/schedules/query", Map.of("query", Map.of("filter", Map.of("externalId", BUSINESS))))
        .at("/schedules/0/id").stringValue();
    Response back = api.patch("/bookings/v2/resources/" + id, Map.of("resource", Map.of("revision", api.get("/bookings/v2/resources/" + id)
        .at("/resource/revision").stringValue(), "workingHoursSchedules", Map.of("values", List.of(Map.of("id", business))))));
    assertThat(back.status()).as(back.toString()).isEqualTo(200);
    assertThat(back.at("/resource/workingHoursSchedules/values/0/shared").booleanValue()).isTrue();
    assertThat(api.get("/setup/v1/resources/" + id).at("/availability/wed/startTime").intValue()).isEqualTo(900);

    // Resources V2 names a schedule that isn't one: 400 naming the field, nothing changed
    Response unknown = api.post("/bookings/v2/resources", Map.of("resource", Map.of("name", "Nowhere",
        "workingHoursSchedules", Map.of("values", List.of(Map.of("id", UUID.randomUUID().toString()))))));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text()).contains("resource.workingHoursSchedules.values[0].id");
    // and may assign any schedule of the tenant, whose WORKING_HOURS events are then the hours
    String shifts = api.post("/calendar/v3/schedules", Map.of("schedule", Map.of("name", "Night shifts", "timeZone", "Europe/Berlin")))
        .at("/schedule/id").stringValue();
    Response event = api.post("/calendar/v3/events", Map.of("event", Map.of("scheduleId", shifts, "type", "WORKING_HOURS",
        "start", Map.of("localDate", monday + "T20:00:00"), "end", Map.of("localDate", monday + "T22:00:00"))));
    assertThat(event.status()).as(event.toString()).isEqualTo(200);
    Response night = api.post("/bookings/v2/resources", Map.of("resource", Map.of("name", "Night nurse",
        "workingHoursSchedules", Map.of("values", List.of(Map.of("id", shifts))))));
    assertThat(night.status()).as(night.toString()).isEqualTo(200);
    String nurse = night.at("/resource/id").stringValue();
    assertThat(onsched.starts(service, monday.toString(), monday.toString(), "resourceId=" + nurse + "&timezoneName=Europe/Berlin"))
        .as("a Resources V2 resource is in UTC: Berlin's 20:00 wall time is read as its own")
        .containsExactly(monday + "T21:00+01:00", monday + "T22:00+01:00");
  }

  @Test
  void racing_first_resources_of_a_tenant_claim_one_business_schedule() throws Exception {
    Api fresh = new Api(port, tenants.create("WorkingHoursRace", java.util.Optional.empty()).apiKey());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Response>> made = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int n = i;
        made.add(pool.submit((Callable<Response>) () -> fresh.post("/setup/v1/resources", Map.of("name", "Racer " + n))));
      }
      for (Future<Response> f : made) {
        assertThat(f.get().status()).as(f.get().toString()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode schedules = fresh.post("/calendar/v3/schedules/query", Map.of("query", Map.of("filter", Map.of("externalId", BUSINESS)))).json();
    assertThat(schedules.get("schedules")).hasSize(1);
    String business = schedules.at("/schedules/0/id").stringValue();
    assertThat(fresh.post("/bookings/v2/resources/query", Map.of("query", Map.of())).json().get("resources").valueStream()
        .map(r -> r.at("/workingHoursSchedules/values/0/id").stringValue()).distinct().toList()).containsExactly(business);
  }

  @Test
  void resources_from_before_working_hours_schedules_are_backfilled_once() {
    Response custom = onsched.resource(Map.of("name", "Old custom", "timezoneIana", "Europe/Berlin"));
    Response plain = onsched.resource(Map.of("name", "Old default", "timezoneIana", "Europe/Berlin"));
    UUID customId = UUID.fromString(custom.at("/id").stringValue());
    UUID plainId = UUID.fromString(plain.at("/id").stringValue());
    // as V20 leaves a resource made before it: weekly hours in the row, none as events yet
    jdbc.sql("update resource set hours_pending = true, working_hours_schedule_id = null, availability = cast(? as jsonb) where tenant_id = ? and id = ?")
        .params(Api.JSON.writeValueAsString(OnSchedCalls.everyDay(700, 800)), tenant.id().value(), customId).update();
    jdbc.sql("update resource set hours_pending = true, working_hours_schedule_id = null where tenant_id = ? and id = ?")
        .params(tenant.id().value(), plainId).update();
    String service = onsched.service(Map.of("name", "Early", "duration", 60, "interval", 60));
    assertThat(onsched.starts(service, monday.toString(), monday.toString(), "resourceId=" + customId))
        .as("pending, its old hours still count").containsExactly(at(monday, 7));

    assertThat(backfill.run()).isGreaterThanOrEqualTo(2);
    assertThat(backfill.run()).as("nothing left to do").isZero();
    String own = custom.at("/scheduleId").stringValue();
    assertThat(masters(own)).isEqualTo(7);
    assertThat(onsched.starts(service, monday.toString(), monday.toString(), "resourceId=" + customId)).containsExactly(at(monday, 7));
    assertThat(api.get("/setup/v1/resources/" + customId).at("/availability/sat/startTime").intValue()).isEqualTo(700);
    assertThat(api.get("/bookings/v2/resources/" + plainId).at("/resource/workingHoursSchedules/values/0/shared").booleanValue())
        .as("the default hours became the business schedule's").isTrue();
    assertThat(masters(plain.at("/scheduleId").stringValue())).isZero();
  }

  private String at(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(BERLIN).toOffsetDateTime().toString();
  }

  /** The WORKING_HOURS occurrences of a schedule in [from, to), Berlin wall time. */
  private List<JsonNode> hours(String schedule, LocalDate from, LocalDate to) {
    Response r = api.post("/calendar/v3/events/query", Map.of("fromLocalDate", from + "T00:00:00", "toLocalDate", to + "T00:00:00",
        "timeZone", "Europe/Berlin", "query", Map.of("filter", Map.of("scheduleId", schedule, "type", "WORKING_HOURS"))));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("events").valueStream().toList();
  }

  private int masters(String schedule) {
    return jdbc.sql("select count(*) from event where tenant_id = ? and schedule_id = ? and type = 'WORKING_HOURS' and recurrence_type = 'MASTER'"
        + " and status <> 'CANCELLED'").params(tenant.id().value(), UUID.fromString(schedule)).query(Integer.class).single();
  }
}
