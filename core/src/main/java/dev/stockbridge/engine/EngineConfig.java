package dev.stockbridge.engine;

import dev.stockbridge.StockKey;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.SharedPools;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.StorefrontStock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's settings, an immutable copy of what {@code StockEngineBuilder} collected and
 * checked. Not API.
 *
 * @param storefront the storefront to write
 * @param journal where accepted movements are journaled
 * @param bundles bundles to expand and derive
 * @param pools locations sharing a stock pool
 * @param exceptions where permanent failures go
 * @param clock the clock for peak windows and timestamps
 * @param parallelism writer threads
 * @param maxKeysInFlight keys written or backing off at once
 * @param capacity the most movements waiting
 * @param offerTimeout how long a submission waits for room
 * @param callsPerSecond the storefront rate limit, 0 for none
 * @param batchWindows per lane, how long a key's movements gather
 * @param peakWindows windows in which the paused lanes wait
 * @param pausedInPeak the lanes paused in peak windows
 * @param initialBackoff the first retry delay
 * @param maxBackoff the longest retry delay
 * @param maxRetries retries before the exception store, -1 for no limit
 * @param consistencyLag how long the storefront may take to show its own decrements
 * @param entryCacheSize how many entries the writer remembers between writes
 * @param policy what each storefront entry holds back, at start
 * @param minimumStock the planner's minimum stock per key, at start
 * @param raiseMissingBundleEntries whether a bundle without an entry is an exception
 */
record EngineConfig(
    StorefrontStock storefront,
    MovementJournal journal,
    BundleCatalogue bundles,
    SharedPools pools,
    ExceptionStore exceptions,
    Clock clock,
    int parallelism,
    int maxKeysInFlight,
    int capacity,
    Duration offerTimeout,
    long callsPerSecond,
    Map<Lane, Duration> batchWindows,
    List<PeakWindow> peakWindows,
    Set<Lane> pausedInPeak,
    Duration initialBackoff,
    Duration maxBackoff,
    int maxRetries,
    Duration consistencyLag,
    int entryCacheSize,
    StorefrontPolicy policy,
    Map<StockKey, Long> minimumStock,
    boolean raiseMissingBundleEntries) {

  /** Copies the collections. */
  public EngineConfig {
    batchWindows = Map.copyOf(batchWindows);
    peakWindows = List.copyOf(peakWindows);
    pausedInPeak = Set.copyOf(pausedInPeak);
    minimumStock = Map.copyOf(minimumStock);
  }
}
