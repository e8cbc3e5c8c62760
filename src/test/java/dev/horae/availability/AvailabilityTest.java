package dev.horae.availability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.availability.Availability.Reason;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Availability rules one at a time. */
class AvailabilityTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate MONDAY = LocalDate.of(2030, 1, 7);
  private static final Instant LONG_AGO = Instant.parse("2029-01-01T00:00:00Z");
  private static final Hours NINE_TO_TWELVE = new Hours(Map.of(DayOfWeek.MONDAY, new Hours.Day(900, 1200)), Map.of());

  private static Rules rules(int duration, int interval, int before, int after, int capacity) {
    return new Rules(Duration.ofMinutes(duration), Duration.ofMinutes(interval), Duration.ofMinutes(before), Duration.ofMinutes(after),
        Duration.ZERO, Duration.ofDays(3650), capacity);
  }

  private static Instant at(LocalDate d, int hour, int minute) {
    return LocalDateTime.of(d, java.time.LocalTime.of(hour, minute)).atZone(BERLIN).toInstant();
  }

  private static List<String> starts(Availability.Result r) {
    return r.slots().stream().map(s -> s.start().atZone(BERLIN).toLocalTime().toString()).toList();
  }

  private static Availability.Result run(List<ResourceCalendar> resources, Rules rules, LocalDate from, LocalDate to, Instant now, int require) {
    return Availability.compute(resources, rules, new Availability.Query(from, to, BERLIN, now, require, true));
  }

  private static ResourceCalendar room(String id, Hours hours, Block... blocks) {
    return new ResourceCalendar(id, BERLIN, hours, List.of(blocks));
  }

  @Test
  void hours_sliced_by_duration_and_interval() {
    Availability.Result r = run(List.of(room("a", NINE_TO_TWELVE)), rules(60, 30, 0, 0, 1), MONDAY, MONDAY.plusDays(1), LONG_AGO, 0);
    assertThat(starts(r)).containsExactly("09:00", "09:30", "10:00", "10:30", "11:00");
    assertThat(r.slots().get(0).end()).isEqualTo(at(MONDAY, 10, 0));
  }

  @Test
  void wall_time_hours_survive_the_dst_change() {
    LocalDate saturday = LocalDate.of(2030, 3, 30); // Berlin springs forward on Sunday 31 March 2030
    Hours weekend = new Hours(Map.of(DayOfWeek.SATURDAY, new Hours.Day(900, 1000), DayOfWeek.SUNDAY, new Hours.Day(900, 1000)), Map.of());
    Availability.Result r = run(List.of(room("a", weekend)), rules(60, 60, 0, 0, 1), saturday, saturday.plusDays(1), LONG_AGO, 0);
    assertThat(r.slots()).extracting(s -> s.start().toString()).containsExactly("2030-03-30T08:00:00Z", "2030-03-31T07:00:00Z");
  }

  @Test
  void a_date_override_replaces_the_weekday() {
    Hours hours = new Hours(Map.of(DayOfWeek.MONDAY, new Hours.Day(900, 1200)),
        Map.of(MONDAY, new Hours.Day(0, 0), MONDAY.plusWeeks(1), new Hours.Day(1400, 1500)));
    Availability.Result r = run(List.of(room("a", hours)), rules(60, 60, 0, 0, 1), MONDAY, MONDAY.plusWeeks(2), LONG_AGO, 0);
    assertThat(r.slots()).extracting(s -> s.start()).containsExactly(at(MONDAY.plusWeeks(1), 14, 0), at(MONDAY.plusWeeks(2), 9, 0),
        at(MONDAY.plusWeeks(2), 10, 0), at(MONDAY.plusWeeks(2), 11, 0));
  }

  @Test
  void busy_time_blocks_and_buffers_keep_their_distance() {
    Block meeting = new Block(at(MONDAY, 10, 0), at(MONDAY, 10, 30), Block.Kind.EVENT, "ev1", 0, "Meeting");
    Availability.Result plain = run(List.of(room("a", NINE_TO_TWELVE, meeting)), rules(30, 30, 0, 0, 1), MONDAY, MONDAY, LONG_AGO, 0);
    assertThat(starts(plain)).containsExactly("09:00", "09:30", "10:30", "11:00", "11:30");
    Availability.Result buffered = run(List.of(room("a", NINE_TO_TWELVE, meeting)), rules(30, 30, 15, 15, 1), MONDAY, MONDAY, LONG_AGO, 0);
    assertThat(starts(buffered)).containsExactly("09:00", "11:00", "11:30");
    assertThat(buffered.refusals()).extracting(x -> x.start().atZone(BERLIN).toLocalTime() + " " + x.reason() + " " + x.block().id())
        .containsExactly("09:30 BUFFER ev1", "10:00 BUSY ev1", "10:30 BUFFER ev1");
  }

  @Test
  void minimum_notice_and_horizon() {
    Rules r = new Rules(Duration.ofMinutes(60), Duration.ofMinutes(60), Duration.ZERO, Duration.ZERO, Duration.ofHours(2), Duration.ofDays(7), 1);
    Instant now = at(MONDAY, 8, 30);
    Availability.Result result = Availability.compute(List.of(room("a", NINE_TO_TWELVE)), r,
        new Availability.Query(MONDAY, MONDAY.plusWeeks(1), BERLIN, now, 0, true));
    assertThat(result.slots()).extracting(s -> s.start()).containsExactly(at(MONDAY, 11, 0));
    assertThat(result.refusals()).extracting(x -> x.reason()).containsExactly(Reason.MINIMUM_NOTICE, Reason.MINIMUM_NOTICE,
        Reason.BOOKING_HORIZON, Reason.BOOKING_HORIZON, Reason.BOOKING_HORIZON);
  }

  @Test
  void capacity_counts_places_and_a_full_slot_names_an_appointment() {
    Block first = new Block(at(MONDAY, 9, 0), at(MONDAY, 10, 0), Block.Kind.APPOINTMENT, "ap1", 1, null);
    Availability.Result one = run(List.of(room("a", NINE_TO_TWELVE, first)), rules(60, 60, 0, 0, 2), MONDAY, MONDAY, LONG_AGO, 0);
    assertThat(one.slots().get(0).availableCapacity()).isEqualTo(1);
    assertThat(one.slots().get(1).availableCapacity()).isEqualTo(2);
    Block second = new Block(at(MONDAY, 9, 0), at(MONDAY, 10, 0), Block.Kind.APPOINTMENT, "ap2", 2, null);
    Availability.Result full = run(List.of(room("a", NINE_TO_TWELVE, first, second)), rules(60, 60, 0, 0, 2), MONDAY, MONDAY, LONG_AGO, 0);
    assertThat(starts(full)).containsExactly("10:00", "11:00");
    assertThat(full.refusals()).singleElement().satisfies(x -> {
      assertThat(x.reason()).isEqualTo(Reason.FULLY_BOOKED);
      assertThat(x.block().id()).isEqualTo("ap1");
    });
  }

  @Test
  void several_resources_all_together_or_any_k() {
    Hours afternoon = new Hours(Map.of(DayOfWeek.MONDAY, new Hours.Day(1000, 1300)), Map.of());
    Block busy = new Block(at(MONDAY, 10, 0), at(MONDAY, 11, 0), Block.Kind.EXTERNAL, "x1", 0, "Dentist");
    List<ResourceCalendar> both = List.of(room("a", NINE_TO_TWELVE), room("b", afternoon, busy));
    assertThat(starts(run(both, rules(60, 60, 0, 0, 1), MONDAY, MONDAY, LONG_AGO, 0))).containsExactly("11:00");
    Availability.Result any = run(both, rules(60, 60, 0, 0, 1), MONDAY, MONDAY, LONG_AGO, 1);
    assertThat(any.slots()).extracting(s -> s.start().atZone(BERLIN).toLocalTime() + " " + s.resourceIds())
        .containsExactly("09:00 [a]", "10:00 [a]", "11:00 [a, b]", "12:00 [b]");
  }
}
