package dev.horae.participation;

import dev.horae.shared.TextLimits;
import dev.horae.shared.Violations;

/** Calendar V3 limits of a participation: a named participant and a party of 1 to 1000. */
final class ParticipationRules {
  static final int MAX_PARTY = 1000;

  private ParticipationRules() {}

  static void check(Participation p, Violations v) {
    if (p.participant() == null) {
      v.add("participation.participant", "is required");
    } else {
      v.check(p.participant().name() != null, "participation.participant.name", "is required");
      v.checkLength(p.participant().name(), 1, TextLimits.NAME, "participation.participant.name");
    }
    v.check(p.partySize() >= 1 && p.partySize() <= MAX_PARTY, "participation.partySize", "must be 1 to " + MAX_PARTY);
    v.check(p.status() != Participation.Status.UNKNOWN_STATUS, "participation.status", "must be CONFIRMED or PENDING_CONFIRMATION");
  }
}
