package dev.stockbridge.engine;

import dev.stockbridge.Movement;
import dev.stockbridge.queue.DecrementQueue.Batch;
import dev.stockbridge.logging.RateLimitedWarnings;
import dev.stockbridge.spi.EntryNotFoundException;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.spi.TransientStorefrontException;
import dev.stockbridge.spi.VersionConflictException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a batch once its write ended: applied, or raised to the exception store with its
 * movements (either way the journal marks it applied, so a restart neither re-applies nor re-raises
 * it); bundles built on the key are derived again; a deferred retry goes back to its lane; a fatal
 * error halts the engine. Thread-safe: runs on the writer threads, one batch per key at a time, and
 * calls the journal and the exception store without holding any engine lock.
 */
final class Settlement {

  private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

  private final EngineConfig config;
  private final Lanes lanes;
  private final BundleDerivation derivation;
  private final Counters counters;
  private final RunState state;
  private final RateLimitedWarnings warnings;
  private final Intake intake;
  private final OrderTiming timing;

  Settlement(EngineConfig config, Intake intake, Lanes lanes, BundleDerivation derivation, Counters counters, RunState state, OrderTiming timing) {
    this.timing = timing;
    this.config = config;
    this.intake = intake;
    this.lanes = lanes;
    this.derivation = derivation;
    this.counters = counters;
    this.state = state;
    this.warnings = RateLimitedWarnings.hourly(LOG, config.clock());
  }

  /** Ends a batch's write, whatever its outcome; always gives the key and its slots back. */
  void finish(Batch batch, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    boolean deferred = cause instanceof Writer.Deferred;
    try {
      if (!deferred) {
        settle(batch, cause);
      }
    } catch (RuntimeException e) {
      LOG.error("could not finish the batch of {}", batch.key(), e);
    } finally {
      lanes.finished(batch, deferred); // a deferred batch waits in its paused lane
    }
  }

  private void settle(Batch batch, Throwable cause) {
    if (cause instanceof Error error) {
      if (!state.halted) {
        LOG.error("writer hit a fatal error on {}; the engine stops writing", batch.key(), error);
      }
      state.halted = true;
      return;
    }
    if (cause == null) {
      counters.applied.addAndGet(batch.movements().size());
      timing.settled(batch);
    } else if (!state.stopping) {
      raise(batch, cause);
    } else {
      return; // stopped mid-retry: the movements stay unapplied in the journal
    }
    // Applied, or raised with its movements: either way settled, and later batches of the key may
    // move the storefront's marker past it. Even a batch that sums to zero may stand for a TrackOnly
    // bundle sale the storefront took from the bundle's own entry: derive it again.
    if (!batch.movements().isEmpty()) {
      derivation.afterChange(List.of(batch.key()), batch.lane());
    }
    if (batch.highestSequence() > 0) {
      config.journal().applied(batch.key(), intake.settled(batch.key(), batch.highestSequence()));
    }
  }

  private void raise(Batch batch, Throwable failure) {
    counters.failed.addAndGet(batch.movements().size());
    String code =
        failure instanceof BundleEntryMissingException
            ? "BUNDLE_ENTRY_MISSING"
            : failure instanceof EntryNotFoundException
            ? "ENTRY_NOT_FOUND"
            : failure instanceof TransientStorefrontException || failure instanceof VersionConflictException
                ? "RETRIES_EXHAUSTED"
                : "UPDATE_REFUSED";
    // The marker advice only where an entry exists: without one, nothing can have been applied.
    String advice = code.equals("BUNDLE_ENTRY_MISSING")
        ? "; create the bundle's inventory entry at this location, or stop listing it there"
        : code.equals("ENTRY_NOT_FOUND")
        ? "; create the inventory entry (SKU and supply channel) in the storefront, then resubmit: nothing was applied"
        : "; before resubmitting, check the entry's stockbridge-seq marker: movements at or below it were applied";
    String message = (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()) + advice;
    String what = !batch.movements().isEmpty()
        ? batch.movements().size() + " movements not applied"
        : batch.recompute() ? "bundle not derived" : "supply update not applied";
    // A supply update for a missing entry fails again every cycle: once an hour is enough.
    warnings.warn(code + "|" + batch.key(), code + " for " + batch.key() + ": " + what + ": " + message);
    try {
      config.exceptions().raise(new StockException(code, batch.key(), batch.movements(), message, config.clock().instant()));
    } catch (RuntimeException e) {
      LOG.error("exception store refused the record for {}; movements not applied: {}", batch.key(),
          batch.movements().stream().map(Movement::idempotencyKey).toList(), e);
    }
  }
}
