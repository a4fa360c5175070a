package dev.stockbridge.planner;

import java.time.Duration;

/**
 * Spaces requests evenly: at most one per {@code 1/rate} seconds, so any one-second window holds at
 * most {@code rate} requests. A 429's {@code Retry-After} holds every later request back. Thread-
 * safe: callers reserve a slot under the lock and wait outside it.
 */
final class Throttle {

  private final long intervalNanos;
  private final Ticker ticker;
  private long nextFree;
  private boolean started;

  /**
   * Creates the throttle.
   *
   * @param perSecond requests per second, positive
   * @param ticker the time source
   */
  public Throttle(double perSecond, Ticker ticker) {
    this.intervalNanos = (long) Math.ceil(1_000_000_000d / perSecond);
    this.ticker = ticker;
  }

  /**
   * Waits for the next slot.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = ticker.read();
      long slot = started ? Math.max(now, nextFree) : now;
      started = true;
      nextFree = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      ticker.sleep(Duration.ofNanos(wait));
    }
  }

  /**
   * Holds every later request back for a while, as a 429's {@code Retry-After} asks.
   *
   * @param delay how long
   */
  public synchronized void holdFor(Duration delay) {
    long until = ticker.read() + delay.toNanos();
    nextFree = started ? Math.max(nextFree, until) : until;
    started = true;
  }
}
