package dev.horae.availability;

import java.time.ZoneId;
import java.util.List;

/** One resource as availability sees it: its zone, hours, and what blocks it in the asked range. */
public record ResourceCalendar(String resourceId, ZoneId zone, Hours hours, List<Block> blocks) {}
