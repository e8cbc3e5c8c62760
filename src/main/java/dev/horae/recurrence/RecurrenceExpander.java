package dev.horae.recurrence;

import java.time.Instant;

/** The one port for expanding recurrences. Never unbounded: always a window and a cap. */
public interface RecurrenceExpander {

  /** The most occurrences one expansion returns, whatever cap the caller asks for. */
  int MAX_CAP = 100_000;

  /**
   * The occurrences of {@code set} that start in {@code [fromIncluding, toExcluding)}, in start
   * order, at most {@code cap} of them.
   */
  Expansion expand(RecurrenceSet set, Instant fromIncluding, Instant toExcluding, int cap);
}
