package dev.stockbridge.engine;

import dev.stockbridge.queue.Lane;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.SharedPools;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.LatencyBuffer;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.order.InMemoryOrderLedger;
import dev.stockbridge.spi.MetricsListener;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.OrderLedgerStore;
import dev.stockbridge.spi.StorefrontStock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Collects the engine's settings; every setter refuses a bad value with an {@link
 * InvalidValueException} naming it. Defaults: no bundles; parallelism 4; 256 keys in flight;
 * capacity 100,000 movements; offer timeout 5 s; no rate limit; batch windows ADJUSTMENT 2 s and
 * BULK 10 s; no peak windows, and ADJUSTMENT and BULK pause in them; backoff 50 ms to 30 s;
 * retries without limit; consistency lag 10 s; 100,000 entries remembered; the order ledger in
 * memory, parking for 1 hour, orders kept 120 days. Storefront and journal have no default. Not
 * thread-safe.
 */
public final class StockEngineBuilder {
  private StorefrontStock storefront;
  private MovementJournal journal;
  private BundleCatalogue bundles = BundleCatalogue.empty();
  private SharedPools pools = SharedPools.none();
  private ExceptionStore exceptions = e -> LoggerFactory.getLogger(ExceptionStore.class).warn("{}", e);
  private Clock clock = Clock.systemUTC();
  private int parallelism = 4;
  private int maxKeysInFlight = 256;
  private int capacity = 100_000;
  private Duration offerTimeout = Duration.ofSeconds(5);
  private long callsPerSecond;
  private final Map<Lane, Duration> batchWindows =
      new EnumMap<>(Map.of(Lane.ADJUSTMENT, Duration.ofSeconds(2), Lane.BULK, Duration.ofSeconds(10)));
  private final List<PeakWindow> peakWindows = new ArrayList<>();
  private Set<Lane> pausedInPeak = Set.of(Lane.ADJUSTMENT, Lane.BULK);
  private Duration initialBackoff = Duration.ofMillis(50);
  private Duration maxBackoff = Duration.ofSeconds(30);
  private int maxRetries = -1;
  private Duration consistencyLag = Duration.ofSeconds(10);
  private int entryCacheSize = 100_000;
  private StorefrontPolicy policy = StorefrontPolicy.showAll();
  private boolean raiseMissingBundleEntries = true;
  private OrderLedgerStore orderLedger = new InMemoryOrderLedger();
  private Duration parkFor = Duration.ofHours(1);
  private Duration orderRetention = Duration.ofDays(120);
  private Duration sweepOrdersEvery = Duration.ofMinutes(1);
  private MetricsListener metrics = MetricsListener.none();
  private LatencyBuffer latencyBuffer = LatencyBuffer.off();
  private final Map<StockKey, Long> minimumStock = new HashMap<>();

  StockEngineBuilder() {}

  /** The storefront to write. Required. @param storefront the adapter @return this builder */
  public StockEngineBuilder storefront(StorefrontStock storefront) {
    this.storefront = Checks.notNull("storefront", storefront);
    return this;
  }

  /** Where accepted movements are journaled. Required. @param journal the journal @return this builder */
  public StockEngineBuilder journal(MovementJournal journal) {
    this.journal = Checks.notNull("journal", journal);
    return this;
  }

  /** Bundles to expand and recompute. @param bundles the catalogue @return this builder */
  public StockEngineBuilder bundles(BundleCatalogue bundles) {
    this.bundles = Checks.notNull("bundles", bundles);
    return this;
  }

  /** Locations (supply channels) sharing a stock pool: a change to one reaches all. @param pools the pools @return this builder */
  public StockEngineBuilder sharedPools(SharedPools pools) {
    this.pools = Checks.notNull("pools", pools);
    return this;
  }

  /** Where permanent failures go; by default they are logged. @param exceptions the store @return this builder */
  public StockEngineBuilder exceptionStore(ExceptionStore exceptions) {
    this.exceptions = Checks.notNull("exceptions", exceptions);
    return this;
  }

  /** The clock for peak windows and timestamps. @param clock the clock @return this builder */
  public StockEngineBuilder clock(Clock clock) {
    this.clock = Checks.notNull("clock", clock);
    return this;
  }

  /** Writer threads. @param threads at least 1 @return this builder */
  public StockEngineBuilder parallelism(int threads) {
    this.parallelism = Checks.positive("parallelism", threads);
    return this;
  }

  /** Keys written (or backing off) at once. @param keys at least 1 @return this builder */
  public StockEngineBuilder maxKeysInFlight(int keys) {
    this.maxKeysInFlight = Checks.positive("maxKeysInFlight", keys);
    return this;
  }

  /**
   * Backpressure: the most movements waiting, and how long a submission waits for room.
   *
   * @param movements the capacity, at least 1
   * @param offerTimeout the longest wait for room, zero or more
   * @return this builder
   */
  public StockEngineBuilder capacity(int movements, Duration offerTimeout) {
    this.capacity = Checks.positive("capacity", movements);
    this.offerTimeout = Checks.notNegative("offerTimeout", offerTimeout);
    return this;
  }

  /** One shared limit on storefront requests, all lanes, ORDER first. @param perSecond requests per second, 0 for none @return this builder */
  public StockEngineBuilder rateLimit(long perSecond) {
    this.callsPerSecond = Checks.nonNegative("rateLimit", perSecond);
    return this;
  }

  /**
   * How long a lane lets a key's movements gather before writing them.
   *
   * @param lane the lane; ORDER cannot be batched
   * @param window the window, zero for none
   * @return this builder
   */
  public StockEngineBuilder batchWindow(Lane lane, Duration window) {
    Checks.notNegative("batchWindow", window);
    if (Checks.notNull("lane", lane) == Lane.ORDER && !window.isZero()) {
      throw new InvalidValueException("batchWindow", lane, "must be zero: order decrements are never held back");
    }
    batchWindows.put(lane, window);
    return this;
  }

  /** A peak window during which the paused lanes wait. @param window the window @return this builder */
  public StockEngineBuilder peakWindow(PeakWindow window) {
    peakWindows.add(Checks.notNull("window", window));
    return this;
  }

  /** Which lanes pause in peak windows; never ORDER. @param lanes the lanes @return this builder */
  public StockEngineBuilder pausedInPeak(Set<Lane> lanes) {
    if (Checks.notNull("pausedInPeak", lanes).contains(Lane.ORDER)) {
      throw new InvalidValueException("pausedInPeak", lanes, "must not contain ORDER");
    }
    this.pausedInPeak = Set.copyOf(lanes);
    return this;
  }

  /**
   * Backoff and retry limit for transient failures.
   *
   * @param initial the first delay, positive
   * @param max the longest delay, at least the first
   * @param maxRetries retries before the exception store, -1 for no limit
   * @return this builder
   */
  public StockEngineBuilder retry(Duration initial, Duration max, int maxRetries) {
    Checks.positive("initialBackoff", initial);
    if (Checks.positive("maxBackoff", max).compareTo(initial) < 0) {
      throw new InvalidValueException("maxBackoff", max, "must not be shorter than the initial backoff " + initial);
    }
    if (maxRetries < -1) {
      throw new InvalidValueException("maxRetries", maxRetries, "must be -1 (no limit) or more");
    }
    this.initialBackoff = initial;
    this.maxBackoff = max;
    this.maxRetries = maxRetries;
    return this;
  }

  /**
   * How long the storefront may take to show its own order decrements (commercetools: up to
   * about 10 s since 2026). Bundles touched by such an order are derived again once this has
   * passed, so a late decrement of a bundle's own entry does not leave it one short.
   *
   * @param lag the lag, zero for a storefront that shows its changes at once
   * @return this builder
   */
  public StockEngineBuilder consistencyLag(Duration lag) {
    this.consistencyLag = Checks.notNegative("consistencyLag", lag);
    return this;
  }

  /**
   * How many storefront entries the writer remembers, so a key's next write needs no read; the
   * least recently written go first, and are read again when needed.
   *
   * @param entries at least 1
   * @return this builder
   */
  public StockEngineBuilder entryCacheSize(int entries) {
    this.entryCacheSize = Checks.positive("entryCacheSize", entries);
    return this;
  }

  /**
   * What each storefront entry holds back from its sellable stock (buffers, caps, floors,
   * exclusions per channel; whether the planner's minimum stock is held back per warehouse) and
   * where backorders are allowed. By default nothing but the minimum stock is held back, and no
   * entry takes backorders. Change it while running with {@link StockEngine#changePolicy}.
   *
   * @param policy the policy
   * @return this builder
   */
  public StockEngineBuilder policy(StorefrontPolicy policy) {
    this.policy = Checks.notNull("policy", policy);
    return this;
  }

  /**
   * The planner's minimum stock of a key at start, as the host stored it: held back from the
   * storefront where the policy says so. Change it while running with {@link
   * StockEngine#changeMinimumStock}.
   *
   * @param key the SKU and location
   * @param units the minimum stock, not negative
   * @return this builder
   */
  public StockEngineBuilder minimumStock(StockKey key, long units) {
    minimumStock.put(Checks.notNull("key", key), Checks.nonNegative("minimumStock", units));
    return this;
  }

  /**
   * Whether a bundle without an inventory entry at a location where its components changed is an
   * exception naming bundle and location (the default), or is skipped silently, for catalogues
   * that list bundles at some locations only and report missing entries through reconciliation.
   *
   * @param raise {@code true} to raise it
   * @return this builder
   */
  public StockEngineBuilder raiseMissingBundleEntries(boolean raise) {
    this.raiseMissingBundleEntries = raise;
    return this;
  }

  /**
   * Where the order ledger keeps what each order line decremented and what was restocked since,
   * against which cancellations and returns are checked (default: in memory, which forgets at a
   * restart; give a durable one, {@link dev.stockbridge.order.FileOrderLedger} beside the journal,
   * wherever the journal is durable). The engine does not close it.
   *
   * @param store the store
   * @return this builder
   */
  public StockEngineBuilder orderLedger(OrderLedgerStore store) {
    this.orderLedger = Checks.notNull("orderLedger", store);
    return this;
  }

  /**
   * Sets who hears what the engine measures, such as each order movement's time from acceptance
   * to the storefront (the Micrometer module's {@code StockbridgeMetrics.listener} records it as a
   * histogram). Default: nobody.
   *
   * @param listener the listener
   * @return this builder
   * @throws InvalidValueException if listener is null
   */
  public StockEngineBuilder metrics(MetricsListener listener) {
    this.metrics = Checks.notNull("listener", listener);
    return this;
  }

  /**
   * How long a cancellation or return of an order not seen yet is parked, waiting for the order,
   * before it is raised as an {@code UNKNOWN_ORDER} exception (default 1 hour); checked by {@link
   * StockEngine#sweepOrders()}.
   *
   * @param wait the wait, positive
   * @return this builder
   */
  public StockEngineBuilder parkUnknownOrdersFor(Duration wait) {
    this.parkFor = Checks.positive("parkFor", wait);
    return this;
  }

  /**
   * How long the order ledger keeps an order after its last event (default 120 days): longer than
   * returns are accepted and than the order source re-reads an order, since an order forgotten and
   * then read again counts as new.
   *
   * @param retention the retention, positive
   * @return this builder
   */
  public StockEngineBuilder orderRetention(Duration retention) {
    this.orderRetention = Checks.positive("orderRetention", retention);
    return this;
  }

  /**
   * How often the running engine sweeps its order ledger by itself (default 1 minute): parked
   * cancellations and returns past {@link #parkUnknownOrdersFor} are raised, orders past {@link
   * #orderRetention} forgotten. {@link StockEngine#sweepOrders()} sweeps at once.
   *
   * @param every the cadence, at least a millisecond
   * @return this builder
   * @throws InvalidValueException if shorter
   */
  public StockEngineBuilder sweepOrdersEvery(Duration every) {
    if (Checks.notNull("sweepOrdersEvery", every).toMillis() < 1) {
      throw new InvalidValueException("sweepOrdersEvery", every, "must be at least a millisecond");
    }
    this.sweepOrdersEvery = every;
    return this;
  }

  /**
   * Turns on the adaptive latency buffer (off by default): each key holds back, on top of its
   * other holdbacks, the units its orders are expected to sell before a sale reaches the
   * storefront: order velocity over the window × (the {@linkplain #consistencyLag consistency lag}
   * + the measured p99 order-to-storefront time), rounded up, capped, changed only by whole units.
   * Each change is a holdback movement, journaled and applied exactly once.
   *
   * @param settings the buffer's settings, e.g. {@code LatencyBuffer.of(Duration.ofMinutes(1), 5)}
   * @return this builder
   * @throws InvalidValueException if settings is null
   */
  public StockEngineBuilder latencyBuffer(LatencyBuffer settings) {
    this.latencyBuffer = Checks.notNull("latencyBuffer", settings);
    return this;
  }

  /**
   * Builds the engine (not started).
   *
   * @return the engine
   * @throws InvalidValueException if the storefront or journal is missing
   */
  public StockEngine build() {
    Checks.notNull("storefront", storefront);
    Checks.notNull("journal", journal);
    return new StockEngine(
        new EngineConfig(storefront, journal, bundles, pools, exceptions, clock, parallelism, maxKeysInFlight, capacity,
            offerTimeout, callsPerSecond, batchWindows, peakWindows, pausedInPeak, initialBackoff, maxBackoff, maxRetries,
            consistencyLag, entryCacheSize, policy, minimumStock, raiseMissingBundleEntries,
            new OrderLedgerConfig(orderLedger, parkFor, orderRetention, sweepOrdersEvery), metrics, latencyBuffer));
  }
}
