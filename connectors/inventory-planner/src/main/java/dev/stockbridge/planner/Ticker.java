package dev.stockbridge.planner;

import java.time.Duration;

/**
 * Monotonic time the client's throttle reads and waits on. The system ticker uses {@link
 * System#nanoTime()} and sleeps; tests pass a fake one whose {@link #sleep(Duration)} moves time
 * forward, so a one-request-per-second throttle can be checked without waiting.
 */
public interface Ticker {

  /**
   * The current time in nanoseconds, on an arbitrary but fixed origin.
   *
   * @return the time
   */
  long read();

  /**
   * Waits for a duration to pass.
   *
   * @param duration how long, positive
   * @throws InterruptedException if interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The system ticker.
   *
   * @return a ticker over {@link System#nanoTime()} and {@link Thread#sleep(long, int)}
   */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}
