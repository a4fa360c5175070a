package dev.stockbridge.kafka;

import dev.failsafe.ExecutionContext;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.function.CheckedSupplier;
import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.spi.EntryNotFoundException;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.Ledger;
import dev.stockbridge.spi.LedgerMark;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.spi.TransientStorefrontException;
import dev.stockbridge.spi.VersionConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one key's waiting records to the storefront: the movements above the entry's mark of the
 * partition's ledger, summed into one compare-and-set update that sets the mark to the highest
 * offset included, so the quantity and the mark commit together. A movement at or below the mark
 * was applied already (by this owner or the one before a rebalance) and is skipped. A bundle key's
 * derive requests recompute its entry from its components. Retries conflicts (re-read, at once)
 * and transient failures (backoff, or the storefront's {@code Retry-After}) on this key only, with
 * Failsafe; permanent failures go to the exception store with the movements, so the partition goes
 * on.
 *
 * <p>Thread-safe: holds no state of its own but the storefront's, and one key is written by one
 * thread at a time ({@link PartitionWork} sees to that).
 */
final class KeyWriter {

  private static final Logger LOG = LoggerFactory.getLogger(KeyWriter.class);
  /** Failsafe falls back to the policy's backoff when a delay function answers negative. */
  private static final Duration USE_BACKOFF = Duration.ofNanos(-1);

  /** One record waiting for its key's writer. */
  record Waiting(long offset, MovementRecords.Value value, Instant arrived) {}

  /** Publishes a derive request for a bundle key and waits until the broker has it. */
  @FunctionalInterface
  interface DeriveRequests {
    void publish(StockKey bundle) throws InterruptedException;
  }

  private final Settings settings;
  private final StorefrontStock storefront;
  private final BundleCatalogue bundles;
  private final CallBudget budget;
  private final DeriveRequests derives;
  private final RetryPolicy<Object> retry;

  KeyWriter(Settings settings, CallBudget budget, DeriveRequests derives) {
    this.settings = settings;
    this.storefront = settings.storefront();
    this.bundles = settings.bundles();
    this.budget = budget;
    this.derives = derives;
    // Until it lands: the key's writer is the only one, and giving up would lose the movements.
    RetryPolicyBuilder<Object> builder = RetryPolicy.builder()
        .handle(VersionConflictException.class, TransientStorefrontException.class);
    // Failsafe's backoff needs a maximum above the first delay; the same two mean a fixed delay.
    builder = settings.retryInitial().equals(settings.retryMax()) ? builder.withDelay(settings.retryInitial())
        : builder.withBackoff(settings.retryInitial(), settings.retryMax());
    this.retry = builder
        .withDelayFn(KeyWriter::delay)
        .withMaxRetries(-1)
        .build();
  }

  /** A conflict is retried at once (after a re-read), a transient failure after its Retry-After or the backoff. */
  private static Duration delay(ExecutionContext<Object> context) {
    Throwable last = context.getLastException();
    if (last instanceof VersionConflictException) {
      return Duration.ZERO;
    }
    if (last instanceof TransientStorefrontException transientFailure && transientFailure.retryAfter().isPresent()) {
      return transientFailure.retryAfter().get();
    }
    return USE_BACKOFF;
  }

  /** Runs attempts under the retry policy on this thread; an interrupt while it waits comes back as one. */
  private <T> T retrying(CheckedSupplier<T> attempt) throws InterruptedException {
    try {
      return Failsafe.with(retry).get(attempt);
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException stopped) {
        throw stopped;
      }
      throw e;
    }
  }

  /**
   * Applies a key's records, in offset order.
   *
   * @param cache the entry this partition last wrote for the key, or null; the new one is put back
   * @return the entry as last written or read, or null if unknown
   */
  StockEntry write(Ledger ledger, StockKey key, List<Waiting> batch, StockEntry cache) throws InterruptedException {
    List<Waiting> moves = new ArrayList<>();
    boolean derive = false;
    for (Waiting waiting : batch) {
      if (waiting.value() instanceof MovementRecords.Move) {
        moves.add(waiting);
      } else {
        derive = true;
      }
    }
    StockEntry entry = cache;
    if (!moves.isEmpty()) {
      entry = apply(ledger, key, moves, entry);
      for (StockKey bundle : bundlesOf(key)) {
        derives.publish(bundle);
      }
    }
    if (derive) {
      derive(key);
    }
    return entry;
  }

  /** The bundle keys built on a key, at its location. */
  private List<StockKey> bundlesOf(StockKey key) {
    Set<dev.stockbridge.Sku> containing = bundles.bundlesContaining(key.sku());
    List<StockKey> keys = new ArrayList<>(containing.size());
    containing.forEach(bundle -> keys.add(new StockKey(bundle, key.location())));
    return keys;
  }

  private StockEntry apply(Ledger ledger, StockKey key, List<Waiting> moves, StockEntry cached) throws InterruptedException {
    StockEntry[] entry = {cached};
    try {
      return retrying(() -> {
        try {
          return attempt(ledger, key, moves, entry);
        } catch (VersionConflictException | TransientStorefrontException retried) {
          // Someone else wrote the entry (a bundle's recompute, the storefront itself), or a timeout
          // may have applied it: read again, the mark tells.
          entry[0] = null;
          throw retried;
        }
      });
    } catch (InterruptedException stopped) {
      throw stopped;
    } catch (RuntimeException permanent) {
      raise(key, moves, permanent);
      return null;
    }
  }

  /** One attempt: the entry (cached or read), the movements above its mark, one update. */
  private StockEntry attempt(Ledger ledger, StockKey key, List<Waiting> moves, StockEntry[] entry) throws InterruptedException {
    if (entry[0] == null) {
      entry[0] = read(key).orElseThrow(() -> new EntryNotFoundException(key));
    }
    long applied = ledger.appliedOn(entry[0]);
    List<Movement> todo = new ArrayList<>();
    List<Instant> arrived = new ArrayList<>();
    long delta = 0;
    long highest = 0;
    for (Waiting waiting : moves) {
      long sequence = waiting.offset() + 1;
      if (sequence > applied) {
        Movement movement = ((MovementRecords.Move) waiting.value()).movement().withSequence(sequence);
        todo.add(movement);
        arrived.add(waiting.arrived());
        delta += movement.sellable() ? movement.quantity() : 0;
        highest = sequence;
      }
    }
    if (todo.isEmpty()) {
      return entry[0]; // all applied before: by us, or by this partition's owner before a rebalance
    }
    LedgerMark mark = new LedgerMark(ledger, highest, settings.clock().instant().getEpochSecond() / 86_400);
    budget.acquire();
    entry[0] = storefront.update(entry[0], EntryUpdate.movements(delta, mark));
    notify(key, todo, arrived);
    return entry[0];
  }

  private void derive(StockKey bundle) throws InterruptedException {
    List<StockKey> keys = new ArrayList<>();
    keys.add(bundle);
    bundles.components(bundle.sku()).keySet().forEach(c -> keys.add(new StockKey(c, bundle.location())));
    try {
      retrying(() -> {
        budget.acquire();
        Map<StockKey, StockEntry> found = storefront.read(keys);
        StockEntry entry = found.get(bundle);
        if (entry == null) {
          return null; // listed at some locations only: reconciliation reports missing entries
        }
        long target = bundles.availableToSell(bundle.sku(), c -> Optional.ofNullable(found.get(new StockKey(c, bundle.location())))
            .map(StockEntry::availableQuantity).orElse(0L));
        EntryUpdate update = EntryUpdate.derived(entry, target);
        if (!update.isEmpty()) {
          budget.acquire();
          storefront.update(entry, update);
        }
        return null;
      });
    } catch (InterruptedException stopped) {
      throw stopped;
    } catch (RuntimeException permanent) {
      raise(bundle, List.of(), permanent);
    }
  }

  private Optional<StockEntry> read(StockKey key) throws InterruptedException {
    budget.acquire();
    return Optional.ofNullable(storefront.read(List.of(key)).get(key));
  }

  private void notify(StockKey key, List<Movement> applied, List<Instant> arrived) {
    try {
      settings.listener().applied(new AppliedListener.Applied(key, applied, arrived, settings.clock().instant()));
    } catch (RuntimeException e) {
      LOG.warn("applied listener threw {}; ignored", e.toString());
    }
  }

  private void raise(StockKey key, List<Waiting> moves, RuntimeException cause) {
    List<Movement> movements = moves.stream()
        .map(w -> ((MovementRecords.Move) w.value()).movement().withSequence(w.offset() + 1)).toList();
    String code = cause instanceof EntryNotFoundException ? "ENTRY_NOT_FOUND" : "STOREFRONT_REFUSED";
    String message = "the storefront refused " + movements.size() + " movement(s) of " + key + ": " + cause.getMessage();
    LOG.error(message);
    try {
      settings.exceptions().raise(new StockException(code, key, movements, message, settings.clock().instant()));
    } catch (RuntimeException e) {
      LOG.error("exception store refused: {}", message, e);
    }
  }
}
