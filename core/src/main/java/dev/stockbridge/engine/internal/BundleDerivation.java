package dev.stockbridge.engine.internal;

import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.engine.Lane;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bundles are derived, never stock of their own: which bundles go stale when keys change, and the
 * recompute of one bundle's entry from its components (read together, one request, then moved to
 * min over components of floor(ATS / quantity), relative to the version read, so a concurrent sale
 * conflicts instead of being overwritten). Thread-safe: holds no state of its own.
 */
final class BundleDerivation {

  private static final Logger LOG = LoggerFactory.getLogger(BundleDerivation.class);

  private final BundleCatalogue bundles;
  private final Lanes lanes;
  private final StorefrontCalls calls;
  private final ScheduledExecutorService workers;
  private final long consistencyLagNanos;

  BundleDerivation(EngineConfig config, Lanes lanes, StorefrontCalls calls, ScheduledExecutorService workers) {
    this.bundles = config.bundles();
    this.lanes = lanes;
    this.calls = calls;
    this.workers = workers;
    this.consistencyLagNanos = config.consistencyLag().toNanos();
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
   * its own decrement is sure to show.
   */
  void afterStorefrontSale(List<StockKey> decremented) {
    Set<StockKey> touched = new LinkedHashSet<>();
    for (StockKey key : decremented) {
      if (bundles.isBundle(key.sku())) {
        touched.add(key);
      } else {
        bundles.bundlesContaining(key.sku()).forEach(bundle -> touched.add(new StockKey(bundle, key.location())));
      }
    }
    lanes.recompute(touched, Lane.ORDER);
    if (!touched.isEmpty() && consistencyLagNanos > 0) {
      try {
        workers.schedule(() -> lanes.recompute(touched, Lane.ORDER), consistencyLagNanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException stopped) {
        // stopping: the next start recomputes every bundle the journal touched
      }
    }
  }

  /**
   * Recomputes one bundle's entry, writing supply fields with it if they changed.
   *
   * @return the entry after the update, or null if the bundle has no entry at this location
   */
  StockEntry recompute(StockKey bundle, Call call, Supply newSupply) throws InterruptedException {
    List<StockKey> keys = new ArrayList<>();
    keys.add(bundle);
    bundles.components(bundle.sku()).keySet().forEach(c -> keys.add(new StockKey(c, bundle.location())));
    Map<StockKey, StockEntry> found = calls.read(keys, call);
    StockEntry entry = found.get(bundle);
    if (entry == null) {
      // Not every bundle is listed at every location; reconciliation reports entries missing.
      LOG.debug("bundle {} has no storefront entry to recompute", bundle);
      return null;
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
