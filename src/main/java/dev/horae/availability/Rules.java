package dev.horae.availability;

import java.time.Duration;

/**
 * A service's booking rules: duration, slot interval, buffers kept free before and after (an
 * appointment blocks {@code [start - before, end + after)}), minimum notice, how far ahead it may
 * be booked, and how many bookings one resource takes at the same time.
 */
public record Rules(Duration duration, Duration interval, Duration bufferBefore, Duration bufferAfter, Duration minimumNotice, Duration horizon,
    int capacity) {
  public Rules {
    if (duration.isNegative() || duration.isZero() || interval.isNegative() || interval.isZero() || capacity < 1) {
      throw new IllegalArgumentException("duration and interval must be positive, capacity at least 1");
    }
  }
}
