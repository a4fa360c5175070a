package dev.stockbridge.testing;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for an asynchronous effect (not for time to pass), failing after a generous limit. */
public final class Eventually {

  private Eventually() {}

  /**
   * Returns once the condition holds.
   *
   * @param what the effect awaited, named in the failure
   * @param condition the condition
   */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }
}
