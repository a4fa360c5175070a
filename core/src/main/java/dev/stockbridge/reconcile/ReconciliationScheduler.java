package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.engine.PeakWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reconciliation on a cadence, skipping ticks inside the engine's peak windows (the next tick
 * after a window runs) and never overlapping runs. The executor belongs to the host: {@link
 * #close()} cancels this schedule only. Thread-safe.
 */
public final class ReconciliationScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReconciliationScheduler.class);

  /** What one tick did. */
  public enum Tick {
    /** The run ran to the end. */
    RAN,
    /** The run threw; logged, the schedule continues. */
    FAILED,
    /** Inside a peak window: skipped. */
    SKIPPED_PEAK,
    /** The previous run was still going: skipped. */
    SKIPPED_BUSY
  }

  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final Duration cadence;
  private final List<PeakWindow> peakWindows;
  private final Runnable run;
  private final AtomicBoolean running = new AtomicBoolean();
  private ScheduledFuture<?> schedule;

  /**
   * Creates the scheduler; {@link #start()} begins ticking.
   *
   * @param executor the host's executor
   * @param clock tells whether a tick falls in a peak window
   * @param cadence the time between ticks
   * @param peakWindows the engine's peak windows
   * @param run one reconciliation run, e.g. {@code () -> reconciler.run(inputs.get())}
   * @throws InvalidValueException if a part is null or the cadence is not positive
   */
  public ReconciliationScheduler(
      ScheduledExecutorService executor, Clock clock, Duration cadence, List<PeakWindow> peakWindows,
      Runnable run) {
    this.executor = Checks.notNull("executor", executor);
    this.clock = Checks.notNull("clock", clock);
    if (Checks.notNull("cadence", cadence).isNegative() || cadence.isZero()) {
      throw new InvalidValueException("cadence", cadence, "must be positive");
    }
    this.cadence = cadence;
    this.peakWindows = List.copyOf(Checks.notNull("peakWindows", peakWindows));
    this.run = Checks.notNull("run", run);
  }

  /**
   * Schedules ticks every cadence, the first one cadence from now. Calling it twice is harmless.
   */
  public synchronized void start() {
    if (schedule == null) {
      long millis = cadence.toMillis();
      schedule = executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Runs once now unless inside a peak window or a run is still going. The schedule calls this;
   * so may a host that wants an immediate run.
   *
   * @return what the tick did
   */
  public Tick tick() {
    Instant now = clock.instant();
    for (PeakWindow window : peakWindows) {
      if (window.contains(now)) {
        LOG.info("reconciliation skipped at {}: inside peak window {}", now, window);
        return Tick.SKIPPED_PEAK;
      }
    }
    if (!running.compareAndSet(false, true)) {
      return Tick.SKIPPED_BUSY;
    }
    try {
      run.run();
      return Tick.RAN;
    } catch (RuntimeException e) {
      LOG.error("reconciliation run failed", e);
      return Tick.FAILED;
    } finally {
      running.set(false);
    }
  }

  /** Cancels the schedule; a run in progress finishes. */
  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
      schedule = null;
    }
  }
}
