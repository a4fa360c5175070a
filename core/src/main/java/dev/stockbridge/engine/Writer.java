package dev.stockbridge.engine;

import dev.failsafe.ExecutionContext;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.HeldBack;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.queue.DecrementQueue.Batch;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.Ledger;
import dev.stockbridge.spi.LedgerMark;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.TransientStorefrontException;
import dev.stockbridge.spi.VersionConflictException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Writes one batch: the relative change of its unapplied movements and its highest sequence as the
 * marker, in one compare-and-set update; a derived key (a bundle) is recomputed instead. The one
 * retry layer for storefront requests: transient failures back off (a {@code Retry-After} is waited
 * out in full), conflicts retry at once.
 *
 * <p>Calls near the floor of what compare-and-set allows. The first attempt uses the entry this
 * key's writer last read or wrote, if the cache still holds it (one request where the storefront
 * does not write the entry itself). A clean conflict (the storefront refused the whole update and
 * says which version is current) retries at once with that version, no read: the marker is still
 * the one this writer set, so the same delta and marker are right. The entry is read again only
 * when an attempt's outcome is unknown (a timeout, a lost or unreadable answer: the update may have
 * been applied, and only the marker can tell), or when the conflict named no version.
 *
 * <p>Thread-safe: one batch per key at a time (the queue hands a key out once until it is done), on
 * the writer threads; the entry cache is the only state, and only a key's own writer touches its
 * entry there.
 */
final class Writer {

  /** Failsafe falls back to the policy's backoff when a delay function answers negative. */
  private static final Duration USE_BACKOFF = Duration.ofNanos(-1);
  private static final double JITTER = 0.25;

  private final StorefrontCalls calls;
  private final EntryCache entries;
  private final BundleDerivation derivation;
  private final Lanes lanes;
  private final LanePermits permits;
  private final Counters counters;
  private final Holdbacks holdbacks;
  private final FailsafeExecutor<StockEntry> retrying;
  private final Intake intake;
  private final Ledger ledger;
  private final java.time.Clock clock;

  Writer(
      EngineConfig config,
      Intake intake,
      StorefrontCalls calls,
      EntryCache entries,
      BundleDerivation derivation,
      Lanes lanes,
      LanePermits permits,
      Counters counters,
      Holdbacks holdbacks,
      ScheduledExecutorService workers) {
    this.holdbacks = holdbacks;
    this.intake = intake;
    this.ledger = config.journal().ledger();
    this.clock = config.clock();
    this.calls = calls;
    this.entries = entries;
    this.derivation = derivation;
    this.lanes = lanes;
    this.permits = permits;
    this.counters = counters;
    RetryPolicyBuilder<StockEntry> builder = RetryPolicy.<StockEntry>builder()
        .handle(TransientStorefrontException.class, VersionConflictException.class);
    // Failsafe's backoff needs a maximum above the first delay; the same two mean a fixed delay.
    builder = config.initialBackoff().equals(config.maxBackoff()) ? builder.withDelay(config.initialBackoff())
        : builder.withBackoff(config.initialBackoff(), config.maxBackoff());
    RetryPolicy<StockEntry> retry =
        builder
            .withJitter(JITTER)
            .withDelayFn(Writer::retryDelay)
            .withMaxRetries(config.maxRetries())
            .onRetry(event -> counters.retries.incrementAndGet())
            .build();
    this.retrying = Failsafe.with(retry).with(workers);
  }

  /** Writes a batch, retrying; the future completes with the entry after it, or the last failure. */
  CompletableFuture<StockEntry> write(Batch batch) {
    return retrying.getAsync(context -> attempt(batch, new Call(batch.lane(), context.isFirstAttempt(), permits, counters)));
  }

  /** One attempt: the entry (cached or read), what the marker shows unapplied, the update. */
  private StockEntry attempt(Batch batch, Call call) throws InterruptedException {
    if (!call.prepaid() && lanes.pausedNow(batch.lane())) {
      throw new Deferred(); // a retry that would run into a peak window waits for its end instead
    }
    if (batch.recompute()) {
      return derivation.recompute(batch.key(), call, batch.supply());
    }
    StockKey key = batch.key();
    if (batch.movements().isEmpty() && batch.supply() == null) {
      // a re-check after a sale the storefront took itself: only a fresh read shows that sale
      entries.remove(key);
    }
    StockEntry entry = entries.get(key);
    if (entry == null) {
      entry = calls.readOne(key, call);
      entries.put(entry);
    }
    long marker = ledger.appliedOn(entry);
    Intake.Rebase rebase = intake.rebaseIfBehind(key, marker);
    long stock = unappliedDelta(batch, marker, rebase);
    // What the entry holds back follows the sellable stock it will stand for (what it holds plus
    // what it shows, plus this batch): a change of holdback is relative, in the same request.
    holdbacks.adopt(entry); // after a restart: the minimum stock the entry records
    HeldBack target = holdbacks.target(key, entry.sellable() + stock);
    long heldChange = target.held() - entry.heldBack();
    long minimum = holdbacks.minimumStock(key);
    boolean minimumChanged = minimum != entry.minimumStock();
    // Nothing left to apply (applied before a restart, or it sums to zero and holds the same): no
    // mark, and never one below the entry's.
    boolean moves = stock != 0 || heldChange != 0 || minimumChanged;
    long highest = rebase.apply(batch.highestSequence());
    EntryUpdate update = moves && highest > marker
        ? EntryUpdate.movements(stock - heldChange, new LedgerMark(ledger, highest, today()))
        : EntryUpdate.movements(moves ? stock - heldChange : 0, 0);
    if (heldChange != 0) {
      update = update.withHeldBack(target.held());
    }
    if (minimumChanged) {
      update = update.withMinimumStock(minimum); // recorded with the units it holds back
    }
    update = update.withSupply(BundleDerivation.changed(batch.supply(), entry));
    if (!update.isEmpty()) {
      String why = holdbacks.why(target);
      if (!why.equals(entry.heldWhy())) {
        update = update.withHeldWhy(why); // rides on a write that goes out anyway, never one of its own
      }
    }
    if (update.isEmpty()) {
      holdbacks.written(target);
      return entry;
    }
    try {
      StockEntry after = calls.update(entry, update, call);
      entries.put(after);
      holdbacks.written(target);
      return after;
    } catch (VersionConflictException conflict) {
      OptionalLong current = conflict.currentVersion();
      // What an entry holds back follows its quantity, which a conflict says moved on: re-read.
      boolean holds = target.held() != 0 || entry.heldBack() != 0;
      if (current.isPresent() && !holds) {
        entries.put(entry.withVersion(current.getAsLong())); // a clean refusal: retry at once with it
      } else {
        entries.remove(key);
      }
      throw conflict;
    } catch (RuntimeException unknownOutcome) {
      entries.remove(key); // it may have been applied: the next attempt reads the marker
      throw unknownOutcome;
    }
  }

  /**
   * The relative change of the batch's movements above the marker. The queue summed the batch when
   * it coalesced it; only a batch the marker reaches into (replayed after a restart) is summed
   * again, over its unapplied part.
   */
  private static long unappliedDelta(Batch batch, long marker, Intake.Rebase rebase) {
    if (batch.movements().isEmpty() || rebase.apply(batch.highestSequence()) <= marker) {
      return 0;
    }
    if (rebase.apply(batch.movements().get(0).sequence()) > marker) {
      return batch.quantityDelta();
    }
    long delta = 0;
    for (Movement movement : batch.movements()) {
      if (rebase.apply(movement.sequence()) > marker && movement.sellable()) {
        delta += movement.quantity();
      }
    }
    return delta;
  }

  private long today() {
    return Math.floorDiv(clock.instant().getEpochSecond(), 86_400L);
  }

  private static Duration retryDelay(ExecutionContext<StockEntry> context) {
    Throwable last = context.getLastException();
    if (last instanceof VersionConflictException) {
      return Duration.ZERO; // re-apply at once
    }
    if (last instanceof TransientStorefrontException transientFailure && transientFailure.retryAfter().isPresent()) {
      // Failsafe jitters this delay too: ask for enough that its shortest is still Retry-After.
      Duration wait = transientFailure.retryAfter().get();
      return Duration.ofNanos((long) (wait.toNanos() / (1 - JITTER)) + 1);
    }
    return USE_BACKOFF;
  }

  /** A retry put off until its lane's peak window closes. */
  static final class Deferred extends StockbridgeException {
    private static final long serialVersionUID = 1L;

    Deferred() {
      super("retry deferred: the lane is paused for a peak window");
    }
  }
}
