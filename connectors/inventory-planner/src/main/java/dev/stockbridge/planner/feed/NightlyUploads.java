package dev.stockbridge.planner.feed;

import dev.stockbridge.Checks;
import dev.stockbridge.flow.FeedCycle;
import dev.stockbridge.reconcile.Alert;
import dev.stockbridge.reconcile.AlertSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs an Advanced upload every night in the window before the planner's deadline ({@link
 * AdvancedSchedule}): starts at the window, retries the failures a predicate calls transient
 * (network) every retry interval until the deadline, alerts when the deadline passes without an
 * upload, then plans the next night. Other failures end the loop. Time comes from the clock and
 * waits go through a {@link Sleeper}, so tests never sleep. Not thread-safe: one thread runs it.
 */
public final class NightlyUploads {

  /** Waits until an instant. */
  @FunctionalInterface
  public interface Sleeper {

    /**
     * Returns at or after an instant.
     *
     * @param at the instant
     * @throws InterruptedException if interrupted
     */
    void sleepUntil(Instant at) throws InterruptedException;
  }

  /** Hears what the loop does, e.g. to print it; every method defaults to nothing. */
  public interface Listener {

    /**
     * The next night is planned.
     *
     * @param start when the upload starts
     * @param deadline when the files must be up
     */
    default void planned(Instant start, Instant deadline) {}

    /**
     * An upload finished.
     *
     * @param run what it published
     */
    default void uploaded(FeedCycle run) {}

    /**
     * An upload failed for now and is tried again.
     *
     * @param failure the transient failure
     * @param again when it is tried again
     */
    default void retrying(RuntimeException failure, Instant again) {}

    /**
     * The deadline passed without an upload; the alert went to the sink too.
     *
     * @param alert the alert
     */
    default void late(Alert alert) {}
  }

  private final AdvancedSchedule schedule;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration retry;
  private final Predicate<RuntimeException> transientFailure;
  private final AlertSink alerts;

  /**
   * Creates the loop.
   *
   * @param schedule the planner's nightly deadlines
   * @param clock the clock
   * @param sleeper how to wait, e.g. {@link #threadSleeper(Clock)}
   * @param retry how long after a transient failure to try again
   * @param transientFailure which failures are retried (the others end the loop)
   * @param alerts where a missed deadline's alert goes (guarded: a failing sink stops nothing)
   * @throws dev.stockbridge.InvalidValueException if an argument is null or the retry not positive
   */
  public NightlyUploads(AdvancedSchedule schedule, Clock clock, Sleeper sleeper, Duration retry, Predicate<RuntimeException> transientFailure,
      AlertSink alerts) {
    this.schedule = Checks.notNull("schedule", schedule);
    this.clock = Checks.notNull("clock", clock);
    this.sleeper = Checks.notNull("sleeper", sleeper);
    this.retry = Checks.positive("retry", retry);
    this.transientFailure = Checks.notNull("transientFailure", transientFailure);
    this.alerts = AlertSink.guarded(Checks.notNull("alerts", alerts));
  }

  /**
   * A sleeper on the clock and {@link Thread#sleep(long)}.
   *
   * @param clock the clock
   * @return the sleeper
   */
  public static Sleeper threadSleeper(Clock clock) {
    return at -> {
      long millis = Duration.between(clock.instant(), at).toMillis();
      if (millis > 0) {
        Thread.sleep(millis);
      }
    };
  }

  /**
   * Uploads night after night until interrupted or a failure is not transient.
   *
   * @param upload one upload, e.g. a {@link dev.stockbridge.flow.FeedFlow}'s {@code runOnce}
   * @param listener hears each step
   * @throws InterruptedException if interrupted while waiting
   * @throws RuntimeException the upload's failure that is not transient
   */
  public void run(Supplier<FeedCycle> upload, Listener listener) throws InterruptedException {
    while (true) {
      night(upload, listener);
    }
  }

  /**
   * One night: waits for the window, uploads (retrying transient failures until the deadline),
   * alerts if none succeeded, and waits until the deadline.
   *
   * @param upload one upload
   * @param listener hears each step
   * @return the upload, or empty when the deadline passed without one
   * @throws InterruptedException if interrupted while waiting
   * @throws RuntimeException the upload's failure that is not transient
   */
  public Optional<FeedCycle> night(Supplier<FeedCycle> upload, Listener listener) throws InterruptedException {
    Checks.notNull("upload", upload);
    Checks.notNull("listener", listener);
    Instant now = clock.instant();
    Instant deadline = schedule.deadlineAfter(now);
    Instant start = schedule.nextRun(now);
    listener.planned(start, deadline);
    sleeper.sleepUntil(start);
    Optional<FeedCycle> done = Optional.empty();
    while (done.isEmpty() && clock.instant().isBefore(deadline)) {
      try {
        done = Optional.of(upload.get());
        listener.uploaded(done.get());
      } catch (RuntimeException e) {
        if (!transientFailure.test(e)) {
          throw e;
        }
        Instant again = clock.instant().plus(retry);
        listener.retrying(e, again.isBefore(deadline) ? again : deadline);
        sleeper.sleepUntil(again.isBefore(deadline) ? again : deadline);
      }
    }
    if (done.isEmpty()) {
      schedule.late(deadline.plusSeconds(1), Optional.empty()).ifPresent(alert -> {
        alerts.send(alert);
        listener.late(alert);
      });
    }
    sleeper.sleepUntil(deadline);
    return done;
  }
}
