package dev.stockbridge.kafka;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition the system under test reaches on its own threads. */
final class Await {

  private Await() {}

  static void until(Duration within, BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within + ": " + what.get());
      }
      Thread.sleep(10); // polling a condition, not waiting for time to pass
    }
  }
}
