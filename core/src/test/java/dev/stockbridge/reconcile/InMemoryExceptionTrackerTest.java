package dev.stockbridge.reconcile;

import java.time.Clock;

class InMemoryExceptionTrackerTest extends ExceptionTrackerContract {

  @Override
  ExceptionTracker open(Clock clock) {
    return ExceptionTracker.inMemory(clock);
  }
}
