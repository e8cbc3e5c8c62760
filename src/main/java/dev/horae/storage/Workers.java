package dev.horae.storage;

/** Helpers for the background workers every node runs. */
public final class Workers {
  private Workers() {}

  /**
   * Runs a worker's blocking {@code stop} on a thread of its own and reports to Spring's {@code
   * callback} when done, so that the workers of one shutdown phase wait for their work side by side,
   * not one after the other.
   */
  public static void stopBeside(String name, Runnable stop, Runnable callback) {
    Thread stopping = new Thread(() -> {
      try {
        stop.run();
      } finally {
        callback.run();
      }
    }, name + "-stop");
    stopping.start();
  }
}
