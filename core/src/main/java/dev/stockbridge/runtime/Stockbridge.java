package dev.stockbridge.runtime;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.flow.Checkpoints;
import dev.stockbridge.flow.FeedCycle;
import dev.stockbridge.flow.FeedFlow;
import dev.stockbridge.flow.OrderCycle;
import dev.stockbridge.flow.OrderFlow;
import dev.stockbridge.flow.SupplyCycle;
import dev.stockbridge.flow.SupplyFlow;
import dev.stockbridge.flow.SupplySource;
import dev.stockbridge.inspection.InspectionCycle;
import dev.stockbridge.inspection.InspectionFlow;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.state.StatusMapping;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Stockbridge, embedded: an engine and the flows that feed it, run together. {@link #runOnce()}
 * runs one cycle (order intake, supply, inspection outcomes, then the feeds when they are due) on
 * the caller's thread; {@link #start()} runs a cycle
 * every interval on a thread of its own, reporting each to the listener; {@link #close()} stops
 * scheduling, lets a running cycle finish, gives the engine a bounded time to write what it holds,
 * and stops it. What is accepted but unwritten stays in the engine's journal for the next start.
 *
 * <p>Concurrency: cycles never overlap; they run on the scheduler's one thread or, for {@link
 * #runOnce()}, on the caller's (callers must not run both at once).
 */
public final class Stockbridge implements AutoCloseable {

  // Without a lease: the one engine. With a lease: the current holding's engine, null on standby.
  private StockEngine engine;
  private OrderFlow orders;
  private final OrderFlow.Builder ordersBuilder;
  private final Lease lease;
  private final Supplier<StockEngine> engines;
  private final Duration leaseCheck;
  private final Function<StockEngine, SupplyFlow> supplyFactory;
  private final Function<StockEngine, InspectionFlow> inspectionFactory;
  private final Duration every;
  private final Duration drain;
  private final Consumer<Cycle> listener;
  private final FeedFlow feeds;
  private final Duration feedsEvery;
  private final Clock clock;
  private final Map<String, FlowStatus> flows = new ConcurrentHashMap<>();
  private final FlowRecord.Recorder recorder;
  private ScheduledExecutorService scheduler;
  private SupplyFlow supply;
  private InspectionFlow inspections;
  private boolean started;
  private boolean closed;

  private Stockbridge(Builder b) {
    this.lease = b.lease;
    this.engines = b.engines;
    this.leaseCheck = b.leaseCheck;
    this.ordersBuilder = b.orders;
    if (lease == null) {
      this.engine = Checks.notNull("engine", b.engine);
      this.orders = b.orders == null ? null : b.orders.engine(engine).build();
    }
    this.supplyFactory = b.supply;
    this.inspectionFactory = b.inspections;
    this.every = b.every;
    this.drain = b.drain;
    this.listener = b.listener;
    this.clock = b.clock;
    this.feeds = b.feeds;
    this.feedsEvery = b.feedsEvery;
    this.recorder = new FlowRecord.Recorder(b.recorded, clock);
  }

  /**
   * Starts configuring.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs one cycle now, on this thread: order intake, then supply. Starts the engine first if this
   * is the first cycle.
   *
   * @return what each flow did or how it failed
   */
  public synchronized Cycle runOnce() {
    Instant at = clock.instant();
    if (lease != null && !holdLease()) {
      return Cycle.standby(at);
    }
    startEngine();
    Map<String, RuntimeException> failures = new LinkedHashMap<>();
    Optional<OrderCycle> intake = orders == null ? Optional.empty() : attempt("orders", orders::runOnce, failures);
    Optional<SupplyCycle> supplied = supply == null ? Optional.empty() : attempt("supply", supply::runOnce, failures);
    Optional<InspectionCycle> inspected =
        inspections == null ? Optional.empty() : attempt("inspections", inspections::runOnce, failures);
    // The feeds run on their own cadence; a failed run is tried again at the next cycle.
    Optional<Instant> feedsRan = Optional.ofNullable(flows.get("feeds")).flatMap(FlowStatus::lastSuccess);
    boolean feedsDue = feeds != null && feedsRan.map(last -> !at.isBefore(last.plus(feedsEvery))).orElse(true);
    Optional<FeedCycle> fed = feedsDue ? attempt("feeds", feeds::runOnce, failures) : Optional.empty();
    Cycle cycle = new Cycle(at, intake, supplied, inspected, fed, failures);
    note("orders", orders != null, cycle);
    note("supply", supply != null, cycle);
    note("inspections", inspections != null, cycle);
    note("feeds", feedsDue, cycle);
    recorder.record(flows.values());
    return cycle;
  }

  /**
   * Books the inspection status files waiting now, between cycles (a webhook that just dropped one
   * need not wait for the next cycle). Never overlaps a cycle.
   *
   * @return what was booked, or empty on standby or without an inspection flow
   * @throws dev.stockbridge.StockbridgeException if a file cannot be read or moved
   */
  public synchronized Optional<InspectionCycle> bookInspections() {
    if (inspectionFactory == null || (lease != null && !holdLease())) {
      return Optional.empty();
    }
    startEngine();
    return Optional.of(inspections.runOnce());
  }

  /** Runs one flow; its failure is kept for the cycle and never stops the others. */
  private static <T> Optional<T> attempt(String flow, Supplier<T> run, Map<String, RuntimeException> failures) {
    try {
      return Optional.of(run.get());
    } catch (RuntimeException e) {
      failures.put(flow, e);
      return Optional.empty();
    }
  }

  private void note(String flow, boolean configured, Cycle cycle) {
    if (configured) {
      RuntimeException failure = cycle.failures().get(flow);
      flows.compute(flow, (name, before) -> {
        FlowStatus status = before == null ? FlowStatus.initial(name) : before;
        return failure == null ? status.succeeded(cycle.startedAt()) : status.failed(cycle.startedAt(), failure);
      });
    }
  }

  /**
   * How each flow has fared since start, for a status page or metrics.
   *
   * @return the flows that have run, by name
   */
  public Map<String, FlowStatus> flows() {
    return Map.copyOf(flows);
  }

  /** Runs a cycle every interval on a thread of its own until {@link #close()}; each goes to the listener. */
  public synchronized void start() {
    if (lease == null) {
      startEngine();
    }
    // With a lease the first cycle (at once) acquires it and starts an engine; a standby builds none.
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newScheduledThreadPool(lease == null ? 1 : 2, runnable -> {
      Thread thread = new Thread(runnable, "stockbridge-cycle");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(() -> listener.accept(runOnce()), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    if (lease != null) {
      // Take over (or step down) within leaseCheck, not only at the next cycle.
      scheduler.scheduleWithFixedDelay(this::watchLease, leaseCheck.toMillis(), leaseCheck.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Waits until the engine has written everything accepted so far.
   *
   * @param timeout how long to wait
   * @return true if nothing is left to write
   * @throws InterruptedException if interrupted
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    StockEngine current = current();
    return current == null || current.drain(timeout);
  }

  /**
   * The engine, for its health and for hosts that submit movements of their own.
   *
   * @return the engine
   * @throws dev.stockbridge.StockbridgeException if this instance is a standby (no engine runs)
   */
  public StockEngine engine() {
    StockEngine current = current();
    if (current == null) {
      throw new dev.stockbridge.StockbridgeException("this instance is a standby: another one holds the lease");
    }
    return current;
  }

  /**
   * Whether this instance is the active one: it runs flows and its engine writes. Always true
   * without a lease.
   *
   * @return {@code true} if active
   */
  public synchronized boolean active() {
    return lease == null || (started && lease.held());
  }

  private synchronized StockEngine current() {
    return engine;
  }

  /** Acquires or renews the lease; steps down if it is lost. */
  private boolean holdLease() {
    boolean held;
    try {
      held = lease.tryAcquire();
    } catch (RuntimeException e) {
      held = false;
    }
    if (!held && started) {
      stepDown();
    }
    return held;
  }

  private synchronized void watchLease() {
    try {
      if (started && !lease.held()) {
        stepDown();
      } else if (!started && lease.held()) {
        startEngine();
      }
    } catch (RuntimeException e) {
      // The next cycle retries; a failed take-over (e.g. recovery could not read the storefront)
      // leaves this instance on standby.
    }
  }

  /**
   * Stops the engine at once, without draining: what it accepted stays in the shared journal for
   * the new holder, and the storefront's markers keep a late write of ours from doubling theirs.
   */
  private void stepDown() {
    try {
      engine.close();
    } finally {
      engine = null;
      orders = null;
      supply = null;
      inspections = null;
      started = false;
    }
  }

  /**
   * Stops: no new cycle begins, a running one finishes, the engine writes what it holds (within the
   * drain bound), then stops. Idempotent.
   */
  @Override
  public void close() {
    ScheduledExecutorService running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = scheduler;
      scheduler = null;
    }
    try {
      if (running != null) {
        running.shutdown();
        running.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS);
      }
      StockEngine current = current();
      if (started && current != null) {
        current.drain(drain);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      StockEngine current = current();
      if (current != null) {
        current.close();
      }
      if (lease != null) {
        lease.close();
      }
    }
  }

  private void startEngine() {
    if (!started) {
      if (lease != null) {
        // A new holding: a new engine, whose start replays the shared journal (ours and the
        // previous holder's), and flows bound to it.
        engine = engines.get();
        orders = ordersBuilder == null ? null : ordersBuilder.engine(engine).build();
      }
      engine.start();
      supply = supplyFactory == null ? null : supplyFactory.apply(engine);
      inspections = inspectionFactory == null ? null : inspectionFactory.apply(engine);
      started = true;
    }
  }

  /** Configures {@link Stockbridge}; not thread-safe. */
  public static final class Builder {
    private StockEngine engine;
    private OrderFlow.Builder orders;
    private Function<StockEngine, SupplyFlow> supply;
    private Function<StockEngine, InspectionFlow> inspections;
    private Duration every = Duration.ofMinutes(1);
    private Duration drain = Duration.ofSeconds(60);
    private Consumer<Cycle> listener = cycle -> { };
    private Clock clock = Clock.systemUTC();
    private Lease lease;
    private Supplier<StockEngine> engines;
    private Duration leaseCheck = Duration.ofSeconds(1);
    private FeedFlow feeds;
    private Duration feedsEvery;
    private Checkpoints recorded;

    private Builder() {}

    /** The engine the flows feed; {@link Stockbridge} starts and stops it. @param engine the engine, not started @return this builder */
    public Builder engine(StockEngine engine) {
      this.engine = Checks.notNull("engine", engine);
      return this;
    }

    /**
     * Order intake: the flow is built on this runtime's engine.
     *
     * @param orders the order flow's builder, with its source and demand store set
     * @return this builder
     */
    public Builder orders(OrderFlow.Builder orders) {
      this.orders = Checks.notNull("orders", orders);
      return this;
    }

    /**
     * Supply signals and receipts from a source.
     *
     * @param source where supply comes from
     * @return this builder
     */
    public Builder supply(SupplySource source) {
      Checks.notNull("source", source);
      this.supply = engine -> new SupplyFlow(source, engine, clock);
      return this;
    }

    /**
     * Inspection outcomes from status files the warehouse drops in a directory.
     *
     * @param directory the drop directory
     * @param statuses how the files' statuses map to states
     * @param exceptions where unreadable rows go
     * @return this builder
     */
    public Builder inspections(Path directory, StatusMapping statuses, ExceptionStore exceptions) {
      Checks.notNull("directory", directory);
      Checks.notNull("statuses", statuses);
      Checks.notNull("exceptions", exceptions);
      this.inspections = engine -> new InspectionFlow(directory, engine, statuses, exceptions, clock);
      return this;
    }

    /**
     * Feed generation and publishing, run in the first cycle and then in the first cycle at least
     * {@code every} after the last successful run (a failed run is tried again next cycle). Its
     * runs and failures show in {@link Stockbridge#flows()} as {@code "feeds"}. With a lease, only
     * the active instance publishes.
     *
     * @param flow the feed flow
     * @param every the least time between two published runs, e.g. a day for nightly uploads
     * @return this builder
     * @throws InvalidValueException if an argument is null or the interval is not positive
     */
    public Builder feeds(FeedFlow flow, Duration every) {
      this.feeds = Checks.notNull("feeds", flow);
      this.feedsEvery = Checks.positive("every", every);
      return this;
    }

    /**
     * Active/standby: this instance runs cycles and lets an engine write only while it holds the
     * lease. Each time it acquires the lease it builds a new engine (whose start replays the
     * shared journal), and it stops that engine as soon as the lease is lost. Replaces {@link
     * #engine(StockEngine)}.
     *
     * @param lease the lease instances compete for
     * @param engines builds an engine, not started, on the shared store (its journal fenced by
     *     the lease)
     * @return this builder
     */
    public Builder lease(Lease lease, Supplier<StockEngine> engines) {
      this.lease = Checks.notNull("lease", lease);
      this.engines = Checks.notNull("engines", engines);
      return this;
    }

    /**
     * How often a started instance checks the lease between cycles (default 1 s): a standby takes
     * over within the lease's expiry plus this.
     *
     * @param check the interval
     * @return this builder
     */
    public Builder leaseCheck(Duration check) {
      if (check == null || check.isNegative() || check.isZero()) {
        throw new InvalidValueException("leaseCheck", check, "must be positive");
      }
      this.leaseCheck = check;
      return this;
    }

    /** How long between the starts of two scheduled cycles (default 1 minute). @param every the interval @return this builder */
    public Builder every(Duration every) {
      if (every == null || every.isNegative() || every.isZero()) {
        throw new InvalidValueException("every", every, "must be positive");
      }
      this.every = every;
      return this;
    }

    /** How long {@link #close()} lets the engine write what it holds (default 60 s). @param drain the bound @return this builder */
    public Builder drainOnClose(Duration drain) {
      if (drain == null || drain.isNegative()) {
        throw new InvalidValueException("drain", drain, "must not be negative");
      }
      this.drain = drain;
      return this;
    }

    /** Who hears of each scheduled cycle (default: nobody). @param listener the listener @return this builder */
    public Builder listener(Consumer<Cycle> listener) {
      this.listener = Checks.notNull("listener", listener);
      return this;
    }

    /** Records the flows' freshness after every cycle, for other processes ({@link FlowRecord}; default: not). @param checkpoints where @return this builder */
    public Builder recordFlows(Checkpoints checkpoints) {
      this.recorded = Checks.notNull("checkpoints", checkpoints);
      return this;
    }

    /** The clock for cycle times (default: the system's). @param clock the clock @return this builder */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /** Builds it. @return the runtime @throws InvalidValueException without an engine */
    public Stockbridge build() {
      return new Stockbridge(this);
    }
  }
}
