package dev.horae.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.horae.client.ApiClient;
import dev.horae.client.ApiException;
import dev.horae.client.api.AppointmentsApi;
import dev.horae.client.api.AvailabilityApi;
import dev.horae.client.api.EventsApi;
import dev.horae.client.api.ExternalCalendarsApi;
import dev.horae.client.api.ParticipationsApi;
import dev.horae.client.api.ResourcesApi;
import dev.horae.client.api.SchedulesApi;
import dev.horae.client.api.ServicesApi;
import dev.horae.client.api.WebhooksApi;
import dev.horae.client.model.AppointmentBookModel;
import dev.horae.client.model.AppointmentInitial;
import dev.horae.client.model.AppointmentView;
import dev.horae.client.model.AvailabilityAnswer;
import dev.horae.client.model.ConnectionConnectByCredentialsRequest;
import dev.horae.client.model.ConnectionView;
import dev.horae.client.model.EventCreateRequest;
import dev.horae.client.model.EventFields;
import dev.horae.client.model.EventFieldsZonedDateInput;
import dev.horae.client.model.EventQuery;
import dev.horae.client.model.EventQueryRequest;
import dev.horae.client.model.EventView;
import dev.horae.client.model.ParticipationCreateRequest;
import dev.horae.client.model.ParticipationFields;
import dev.horae.client.model.ParticipationParticipant;
import dev.horae.client.model.ParticipationView;
import dev.horae.client.model.ResourceView;
import dev.horae.client.model.ResourcesInput;
import dev.horae.client.model.ScheduleCreateRequest;
import dev.horae.client.model.ScheduleFields;
import dev.horae.client.model.ScheduleView;
import dev.horae.client.model.ServiceServiceInput;
import dev.horae.client.model.ServiceView;
import dev.horae.client.model.WebhookCreateRequest;
import dev.horae.client.model.WebhookView;
import dev.horae.connection.Provider;
import dev.horae.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Java client openapi-generator makes from docs/openapi.json at build time (the published
 * document, which {@code OpenApiDocumentIT} holds equal to the served one) drives the main flows:
 * a schedule, a recurring event and its query, a participation, a CalDAV connection, a webhook,
 * a service and resource, their availability and an appointment. A refusal reaches it as an
 * {@link ApiException} with the problem document.
 */
class GeneratedClientIT extends ApiTest {

  private ApiClient client() {
    return new ApiClient().setScheme("http").setHost("127.0.0.1").setPort(port)
        .setRequestInterceptor(b -> b.header("Authorization", "Bearer " + tenant.apiKey()));
  }

  @Test
  void a_generated_client_drives_the_calendar() throws Exception {
    ApiClient client = client();
    ScheduleView schedule = new SchedulesApi(client).createSchedule(new ScheduleCreateRequest()
        .schedule(new ScheduleFields().name("Generated").timeZone("Europe/Berlin")), null).getSchedule();
    assertThat(schedule.getId()).isNotBlank();
    assertThat(schedule.getTimeZone()).isEqualTo("Europe/Berlin");

    EventsApi events = new EventsApi(client);
    EventView master = events.createEvent(new EventCreateRequest().event(new EventFields().scheduleId(schedule.getId()).title("Standup")
        .start(new EventFieldsZonedDateInput()._localDate("2027-01-04T09:00:00"))
        .end(new EventFieldsZonedDateInput()._localDate("2027-01-04T09:15:00"))
        .recurrenceRule(Map.of("frequency", "WEEKLY", "days", List.of("MONDAY", "WEDNESDAY")))), null).getEvent();
    assertThat(master.getRecurrenceType()).isEqualTo(EventView.RecurrenceTypeEnum.MASTER);

    List<EventView> january = events.queryEvents(new EventQueryRequest().fromLocalDate("2027-01-04T00:00:00").toLocalDate("2027-01-11T00:00:00")
        .query(new EventQuery().filter(Map.of("scheduleId", schedule.getId())))).getEvents();
    assertThat(january).extracting(EventView::getTitle).containsExactly("Standup", "Standup");
    assertThat(january).extracting(e -> e.getStart().getLocalDate()).containsExactly("2027-01-04T09:00:00", "2027-01-06T09:00:00");

    ParticipationView participation = new ParticipationsApi(client).createParticipation(new ParticipationCreateRequest()
        .participation(new ParticipationFields().eventId(january.get(0).getId()).partySize(1)
            .participant(new ParticipationParticipant().name("Grace")).status(ParticipationFields.StatusEnum.CONFIRMED)), null)
        .getParticipation();
    assertThat(participation.getStatus()).isEqualTo(ParticipationView.StatusEnum.CONFIRMED);

    WebhookView webhook = new WebhooksApi(client).createWebhook(new WebhookCreateRequest()
        .url("http://127.0.0.1:9/generated").eventTypes(List.of("wix.calendar.v3.event.created"))).getWebhook();
    assertThat(webhook.getId()).isNotBlank();

    ApiException refused = (ApiException) org.assertj.core.api.Assertions.catchThrowable(() -> new SchedulesApi(client)
        .createSchedule(new ScheduleCreateRequest().schedule(new ScheduleFields().name("x".repeat(201)).timeZone("UTC")), null));
    assertThat(refused.getCode()).isEqualTo(400);
    assertThat(refused.getResponseBody()).contains("schedule.name");
  }

  @Test
  void a_generated_client_connects_a_caldav_calendar() throws Exception {
    String path = "/alice/" + UUID.randomUUID() + "/";
    assertThat(dev.horae.support.Radicale.alice().mkcalendar(path, null)).isEqualTo(201);
    ApiClient client = client();
    String schedule = new SchedulesApi(client).createSchedule(new ScheduleCreateRequest()
        .schedule(new ScheduleFields().name("Room with a calendar").timeZone("UTC")), null).getSchedule().getId();
    ExternalCalendarsApi calendars = new ExternalCalendarsApi(client);
    ConnectionView connection = calendars.connectByCredentials(new ConnectionConnectByCredentialsRequest()
        .scheduleId(schedule).providerId(Provider.CALDAV).email("alice").password("alicepw").serverUrl(caldavUrl())).getConnection();
    assertThat(connection.getStatus()).isEqualTo(ConnectionView.StatusEnum.CONNECTED);
    assertThat(calendars.listConnectionCalendars(connection.getId()).getCalendars()).isNotEmpty();
    assertThat(calendars.getConnection(connection.getId()).getConnection().getScheduleId()).isEqualTo(schedule);
  }

  @Test
  void a_generated_client_books_an_appointment() throws Exception {
    ApiClient client = client();
    ServiceView service = new ServicesApi(client).createService(new ServiceServiceInput().name("Fitting").duration(30));
    ResourceView resource = new ResourcesApi(client).createResource(new ResourcesInput().name("Tailor").timezoneIana("Europe/Berlin")
        .serviceIds(List.of(service.getId())).availability(Map.of("tue", Map.of("startTime", 900, "endTime", 1200))), null, null);
    AvailabilityAnswer free = new AvailabilityApi(client).getAvailability(service.getId(), "2027-01-05", "2027-01-05", null, null, null, null,
        null, null);
    assertThat(free.getAvailableTimes()).hasSize(6);
    assertThat(free.getAvailableTimes().get(0).getStartDateTime()).isEqualTo("2027-01-05T09:00+01:00");

    AppointmentsApi appointments = new AppointmentsApi(client);
    AppointmentView hold = appointments.createAppointment(new AppointmentInitial().serviceId(service.getId()).resourceId(resource.getId())
        .startDateTime("2027-01-05T09:00:00+01:00").endDateTime("2027-01-05T09:30:00+01:00"), null);
    assertThat(hold.getStatus()).isEqualTo(AppointmentView.StatusEnum.IN);
    AppointmentView booked = appointments.bookAppointment(hold.getId(), new AppointmentBookModel().name("Ada").email("ada@example.com"));
    assertThat(booked.getStatus()).isEqualTo(AppointmentView.StatusEnum.BK);

    assertThat(new AvailabilityApi(client).getAvailability(service.getId(), "2027-01-05", "2027-01-05", null, null, null, null, null, null)
        .getAvailableTimes()).hasSize(5);
    assertThatThrownBy(() -> appointments.createAppointment(new AppointmentInitial().serviceId(service.getId()).resourceId(resource.getId())
        .startDateTime("2027-01-05T09:00:00+01:00").endDateTime("2027-01-05T09:30:00+01:00"), null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }
}
