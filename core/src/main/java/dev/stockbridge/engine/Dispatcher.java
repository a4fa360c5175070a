package dev.stockbridge.engine;

import dev.stockbridge.queue.DecrementQueue.Batch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher loop, on its own thread: waits for a slot and a due key, pays the batch's first
 * request with a permit of the highest lane due, and hands the batch to a writer thread, whose
 * settlement gives the slot back. Thread-safe: touches shared state only through the lanes and the
 * permits; ends when the engine stops (interrupt) or halts.
 */
final class Dispatcher implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Lanes lanes;
  private final LanePermits permits;
  private final Writer writer;
  private final Settlement settlement;
  private final Executor workers;
  private final RunState state;

  Dispatcher(Lanes lanes, LanePermits permits, Writer writer, Settlement settlement, Executor workers, RunState state) {
    this.lanes = lanes;
    this.permits = permits;
    this.writer = writer;
    this.settlement = settlement;
    this.workers = workers;
    this.state = state;
  }

  @Override
  public void run() {
    try {
      while (!state.stopping && !state.halted) {
        lanes.acquireSlot();
        lanes.awaitDue();
        // The permit is taken for the highest lane due, before choosing: whatever is highest once
        // it is granted goes first.
        if (permits.limited()) {
          permits.acquire(lanes.dueLane());
        }
        Batch batch = lanes.poll();
        if (batch == null) {
          lanes.releaseSlot();
          continue;
        }
        workers.execute(() -> writer.write(batch).whenComplete((entry, failure) -> settlement.finish(batch, failure)));
      }
    } catch (InterruptedException | RejectedExecutionException stopped) {
      // stop() interrupts the dispatcher and shuts the writers down; the batch stays journaled
    } catch (RuntimeException e) {
      LOG.error("dispatcher stopped by an unexpected failure", e);
    }
  }
}
