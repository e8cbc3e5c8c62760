package dev.horae.schedule;

public enum ScheduleStatus {
  ACTIVE,
  CANCELLED,
  UNKNOWN_STATUS
}
