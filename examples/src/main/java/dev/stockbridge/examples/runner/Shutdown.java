package dev.stockbridge.examples.runner;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Graceful stop for continuous {@code sync}: SIGTERM or Ctrl-C (SIGINT) no longer end the process at
 * once. The JVM's shutdown hook asks the sync loop to stop, waits until the loop has drained the
 * engine and committed (or until a bound), then ends the process with exit code 0, or 1 if the loop
 * failed or ran out of time. A normal end removes the hook. Thread-safe.
 */
final class Shutdown implements AutoCloseable {

  /** How long the hook waits for the loop: the engine's drain bound and a margin for a cycle. */
  private static final Duration GRACE = Duration.ofSeconds(90);

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean finished;

  private Shutdown() {
    this.hook = new Thread(this::stopProcess, "stockbridge-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Stops gracefully on SIGTERM and SIGINT. @return the shutdown */
  static Shutdown onSignal() {
    return new Shutdown();
  }

  /**
   * Waits until a stop is requested: then stop reading, drain, and call {@link #finished()}.
   *
   * @throws InterruptedException if interrupted
   */
  void awaitStop() throws InterruptedException {
    requested.await();
  }

  /** The loop stopped as asked: the process may end with exit code 0. */
  void finished() {
    finished = true;
  }

  @Override
  public void close() {
    done.countDown();
    if (requested.getCount() > 0) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs already and ends the process
      }
    }
  }

  private void stopProcess() {
    requested.countDown();
    try {
      if (!done.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        System.err.println("stockbridge: did not stop within " + GRACE.toSeconds() + " s; what was accepted stays in the journal for the next start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(finished ? 0 : 1);
  }
}
