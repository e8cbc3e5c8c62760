package dev.horae.connection.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.connection.sync.IcsBusy.Busy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Busy semantics of imported objects, one rule at a time. */
class IcsBusyTest {
  private static final Instant FROM = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2030-03-01T00:00:00Z");

  private static String vevent(String body) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20300101T000000Z\r\n" + body + "END:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  @Test
  void an_event_the_account_declined_is_not_busy_but_one_it_accepted_is() {
    String declined = vevent("DTSTART:20300110T100000Z\r\nDTEND:20300110T110000Z\r\nSUMMARY:Declined\r\n"
        + "ATTENDEE;PARTSTAT=DECLINED:mailto:bob@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:ann@example.com\r\n");
    assertThat(IcsBusy.of(declined, FROM, TO, "bob@example.com", ZoneId.of("UTC"))).isEmpty();
    assertThat(IcsBusy.of(declined, FROM, TO, "ann@example.com", ZoneId.of("UTC"))).hasSize(1);
  }

  @Test
  void floating_times_are_read_in_the_schedules_zone_and_horae_exports_are_skipped() {
    List<Busy> floating = IcsBusy.of(vevent("DTSTART:20300110T100000\r\nDTEND:20300110T110000\r\n"), FROM, TO, null, ZoneId.of("Europe/Berlin"));
    assertThat(floating).extracting(Busy::start).containsExactly(Instant.parse("2030-01-10T09:00:00Z"));
    String ours = vevent("DTSTART:20300110T100000Z\r\nDTEND:20300110T110000Z\r\n").replace("UID:x", "UID:abc@export.horae.dev");
    assertThat(IcsBusy.of(ours, FROM, TO, null, ZoneId.of("UTC"))).isEmpty();
  }

  @Test
  void duration_instead_of_dtend_and_a_zero_length_event_is_not_busy() {
    assertThat(IcsBusy.of(vevent("DTSTART:20300110T100000Z\r\nDURATION:PT90M\r\n"), FROM, TO, null, ZoneId.of("UTC")))
        .extracting(Busy::end).containsExactly(Instant.parse("2030-01-10T11:30:00Z"));
    assertThat(IcsBusy.of(vevent("DTSTART:20300110T100000Z\r\n"), FROM, TO, null, ZoneId.of("UTC"))).isEmpty();
  }

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant FALL_FROM = Instant.parse("2027-10-01T00:00:00Z");
  private static final Instant FALL_TO = Instant.parse("2027-12-01T00:00:00Z");

  /** RFC 5545 §3.8.5.3: DTEND gives every member the first instance's exact duration (3 hours over the fall-back night). */
  @Test
  void dtend_gives_every_occurrence_the_first_ones_exact_duration() {
    String series = vevent("DTSTART;TZID=Europe/Berlin:20271031T013000\r\nDTEND;TZID=Europe/Berlin:20271031T033000\r\n"
        + "RRULE:FREQ=WEEKLY;COUNT=2\r\n");
    List<Busy> busy = IcsBusy.of(series, FALL_FROM, FALL_TO, null, BERLIN);
    assertThat(busy).extracting(b -> java.time.Duration.between(b.start(), b.end()).toHours()).containsExactly(3L, 3L);
    assertThat(busy.get(1).start()).isEqualTo(Instant.parse("2027-11-07T00:30:00Z"));
  }

  /** RFC 5545 §3.3.6: a DURATION's days are nominal, its hours exact: P1D over the spring-forward night is 23 elapsed hours. */
  @Test
  void a_duration_in_days_keeps_the_wall_time_and_one_in_hours_the_elapsed_time() {
    String day = vevent("DTSTART;TZID=Europe/Berlin:20270327T120000\r\nDURATION:P1D\r\n");
    assertThat(IcsBusy.of(day, Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-04-01T00:00:00Z"), null, BERLIN))
        .extracting(Busy::end).containsExactly(Instant.parse("2027-03-28T10:00:00Z"));
    String hours = vevent("DTSTART;TZID=Europe/Berlin:20270327T120000\r\nDURATION:PT24H\r\n");
    assertThat(IcsBusy.of(hours, Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-04-01T00:00:00Z"), null, BERLIN))
        .extracting(Busy::end).containsExactly(Instant.parse("2027-03-28T11:00:00Z"));
  }
}
