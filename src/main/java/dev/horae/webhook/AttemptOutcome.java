package dev.horae.webhook;

/** How one attempt to deliver a webhook went, as the delivery log shows it. */
public enum AttemptOutcome {
  /** Being sent now. */
  IN_FLIGHT,
  /** The endpoint answered with an HTTP status (2xx delivers; anything else is retried). */
  RESPONDED,
  /** No answer: refused, timed out, unreachable, or refused by the outbound policy. */
  FAILED,
  /** The node sending it stopped before recording an answer, and its lease ran out; the delivery was sent again. */
  ABANDONED;

  /** The error an abandoned attempt shows. */
  static final String ABANDONED_ERROR = "abandoned: the node sending it stopped before its answer was recorded, and its lease ran out";
}
