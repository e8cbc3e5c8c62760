package dev.horae.resource;

import dev.horae.availability.Rules;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** What is booked: its duration and the rules its slots follow (minutes, days). */
record Service(UUID id, String name, String description, int duration, int interval, int bufferBefore, int bufferAfter, int minimumNotice,
    int bookingHorizon, int bookingLimit, boolean notifyCustomers, Instant created, Instant updated) {

  Rules rules() {
    return new Rules(Duration.ofMinutes(duration), Duration.ofMinutes(interval), Duration.ofMinutes(bufferBefore), Duration.ofMinutes(bufferAfter),
        Duration.ofMinutes(minimumNotice), Duration.ofDays(bookingHorizon), bookingLimit);
  }
}
