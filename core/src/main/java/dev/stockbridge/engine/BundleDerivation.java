package dev.stockbridge.engine;

import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.Supply;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bundles are derived, never stock of their own: which bundles go stale when keys change, and the
 * recompute of one bundle's entry from its components (read together, one request, then moved to
 * min over components of floor(ATS / quantity), relative to the version read, so a concurrent sale
 * conflicts instead of being overwritten). Thread-safe: holds no state of its own.
 */
final class BundleDerivation {


  private final BundleCatalogue bundles;
  private final Lanes lanes;
  private final StorefrontCalls calls;
  private final ScheduledExecutorService workers;
  private final long consistencyLagNanos;
  private final DelayedWork delayed = new DelayedWork();
  private final boolean raiseMissing;

  BundleDerivation(EngineConfig config, Lanes lanes, StorefrontCalls calls, ScheduledExecutorService workers) {
    this.bundles = config.bundles();
    this.lanes = lanes;
    this.calls = calls;
    this.workers = workers;
    this.consistencyLagNanos = config.consistencyLag().toNanos();
    this.raiseMissing = config.raiseMissingBundleEntries();
  }

  /** Queues a recompute of every bundle built on the changed keys' SKUs, at their locations. */
  void afterChange(Collection<StockKey> changed, Lane lane) {
    Set<StockKey> stale = new LinkedHashSet<>();
    for (StockKey key : changed) {
      bundles.bundlesContaining(key.sku()).forEach(bundle -> stale.add(new StockKey(bundle, key.location())));
    }
    lanes.recompute(stale, lane);
  }

  /**
   * The storefront took stock of these keys itself (TrackOnly, ReserveOnOrder): derive the bundles
   * they are, or belong to, again now, and once more after the storefront's consistency lag, when
   * its own decrement is sure to show; the keys that may hold something back are written again at
   * the same two moments, so that what they hold back follows the sale (an entry the storefront
   * sold below its holdback shows 0 again, not less).
   */
  void afterStorefrontSale(List<StockKey> decremented, Predicate<StockKey> mayHold) {
    Stale stale = stale(decremented, mayHold);
    stale.deriveNow(lanes);
    if (!stale.isEmpty() && consistencyLagNanos > 0) {
      delayed.scheduled();
      try {
        workers.schedule(
            () -> {
              try {
                stale.deriveNow(lanes);
              } finally {
                delayed.ran();
              }
            },
            consistencyLagNanos,
            TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException stopped) {
        delayed.ran(); // stopping: the next start recomputes every bundle the journal touched
      }
    }
  }

  /**
   * A storefront sale came again (a re-read of an order line already recorded): derive what it
   * touches again now. The first delivery may have overtaken the storefront's own decrement (a
   * redelivery arriving first, or a read before the decrement showed), and a later delivery is the
   * first moment the engine hears of it since; the first delivery's derivation after the lag still
   * stands, so nothing more is scheduled.
   */
  void afterStorefrontSaleSeenAgain(List<StockKey> decremented, Predicate<StockKey> mayHold) {
    stale(decremented, mayHold).deriveNow(lanes);
  }

  private Stale stale(List<StockKey> decremented, Predicate<StockKey> mayHold) {
    Set<StockKey> touched = new LinkedHashSet<>();
    Set<StockKey> recheck = new LinkedHashSet<>();
    for (StockKey key : decremented) {
      if (bundles.isBundle(key.sku())) {
        touched.add(key);
      } else {
        bundles.bundlesContaining(key.sku()).forEach(bundle -> touched.add(new StockKey(bundle, key.location())));
        if (mayHold.test(key)) {
          recheck.add(key);
        }
      }
    }
    return new Stale(touched, recheck);
  }

  /** The bundles a storefront sale made stale, and the keys whose holdback it may change. */
  private record Stale(Set<StockKey> touched, Set<StockKey> recheck) {
    boolean isEmpty() {
      return touched.isEmpty() && recheck.isEmpty();
    }

    void deriveNow(Lanes lanes) {
      lanes.recompute(touched, Lane.ORDER);
      lanes.touch(recheck, Lane.ORDER);
    }
  }

  /** The delayed re-derivations scheduled and not yet run, for {@code drain}. */
  DelayedWork delayed() {
    return delayed;
  }

  /**
   * Recomputes one bundle's entry, writing supply fields with it if they changed.
   *
   * @return the entry after the update, or null if the bundle has no entry here and that is not raised
   * @throws BundleEntryMissingException if the bundle has no entry at this location and the engine
   *     raises that
   */
  StockEntry recompute(StockKey bundle, Call call, Supply newSupply) throws InterruptedException {
    List<StockKey> keys = new ArrayList<>();
    keys.add(bundle);
    bundles.components(bundle.sku()).keySet().forEach(c -> keys.add(new StockKey(c, bundle.location())));
    Map<StockKey, StockEntry> found = calls.read(keys, call);
    StockEntry entry = found.get(bundle);
    if (entry == null) {
      if (raiseMissing) {
        throw new BundleEntryMissingException(bundle.sku(), bundle.location());
      }
      return null; // listed at some locations only: reconciliation reports entries missing
    }
    long target =
        bundles.availableToSell(
            bundle.sku(),
            c -> Optional.ofNullable(found.get(new StockKey(c, bundle.location()))).map(StockEntry::availableQuantity).orElse(0L));
    EntryUpdate update = EntryUpdate.derived(entry, target).withSupply(changed(newSupply, entry));
    return update.isEmpty() ? entry : calls.update(entry, update, call);
  }

  /** The supply to write: null when there is none or the entry shows it already. */
  static Supply changed(Supply wanted, StockEntry entry) {
    return wanted == null || wanted.equals(entry.supply()) ? null : wanted;
  }
}
