package dev.stockbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.engine.PeakWindow;
import dev.stockbridge.testing.Eventually;
import dev.stockbridge.simulation.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconciliationSchedulerTest {

  // Friday 2026-11-27 17:30 in London (UTC in winter).
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T17:30:00Z"));
  private final List<PeakWindow> peaks = List.of(PeakWindow.parse("Fri 18:00-22:00 Europe/London"));
  private final AtomicInteger runs = new AtomicInteger();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

  @Test
  void shouldSkipInsidePeakWindowsAndRunAfter() {
    try (ReconciliationScheduler scheduler =
        new ReconciliationScheduler(executor, clock, Duration.ofHours(1), peaks, runs::incrementAndGet)) {
      assertThat(scheduler.tick()).isEqualTo(ReconciliationScheduler.Tick.RAN);
      clock.advance(Duration.ofHours(1));
      assertThat(scheduler.tick()).isEqualTo(ReconciliationScheduler.Tick.SKIPPED_PEAK);
      clock.advance(Duration.ofHours(4));
      assertThat(scheduler.tick()).isEqualTo(ReconciliationScheduler.Tick.RAN);
    }
    assertThat(runs).hasValue(2);
  }

  @Test
  void shouldKeepTheScheduleGoing_whenARunFails() {
    try (ReconciliationScheduler scheduler = new ReconciliationScheduler(executor, clock,
        Duration.ofHours(1), List.of(), () -> {
          throw new IllegalStateException("planner down");
        })) {
      assertThat(scheduler.tick()).isEqualTo(ReconciliationScheduler.Tick.FAILED);
      assertThat(scheduler.tick()).isEqualTo(ReconciliationScheduler.Tick.FAILED);
    }
  }

  @Test
  void shouldNotOverlapRuns_whenATickComesWhileARunIsGoing() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ReconciliationScheduler scheduler = new ReconciliationScheduler(executor, clock, Duration.ofHours(1),
        List.of(), () -> {
          inside.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    Thread first = new Thread(scheduler::tick);
    first.start();
    assertThat(inside.await(10, TimeUnit.SECONDS)).as("the first run started").isTrue();

    assertThat(scheduler.tick()).isEqualTo(ReconciliationScheduler.Tick.SKIPPED_BUSY);
    release.countDown();
    first.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(first.isAlive()).as("the first run ended once released").isFalse();
    scheduler.close();
  }

  @Test
  void shouldTickOnTheExecutor_whenStarted() {
    try (ReconciliationScheduler scheduler =
        new ReconciliationScheduler(executor, clock, Duration.ofMillis(5), peaks, runs::incrementAndGet)) {
      scheduler.start();
      Eventually.await("two scheduled runs", () -> runs.get() >= 2);
    }
  }

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }
}
