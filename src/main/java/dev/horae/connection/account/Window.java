package dev.horae.connection.account;

import java.time.Instant;
import java.time.ZoneId;

/** The sync window, the zone floating times are read in, and whether this sync is a full reconciliation. */
public record Window(Instant from, Instant to, ZoneId zone, boolean full) {}
