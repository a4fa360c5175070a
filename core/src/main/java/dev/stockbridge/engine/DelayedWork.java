package dev.stockbridge.engine;

import java.util.concurrent.TimeUnit;

/**
 * Counts work scheduled to run later (the re-derivations after the storefront's consistency lag),
 * so that {@code drain} can wait for it. Thread-safe: the count is guarded by this object's
 * monitor, which is only ever held alone.
 */
final class DelayedWork {

  private int pending;

  synchronized void scheduled() {
    pending++;
  }

  synchronized void ran() {
    pending--;
    if (pending == 0) {
      notifyAll();
    }
  }

  /** How many scheduled tasks have not run yet. */
  synchronized int pending() {
    return pending;
  }

  /**
   * Waits until nothing is pending.
   *
   * @return {@code true} if nothing is pending, {@code false} if the deadline passed first
   */
  synchronized boolean await(long deadlineNanos) throws InterruptedException {
    while (pending > 0) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }
}
