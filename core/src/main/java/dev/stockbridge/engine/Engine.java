package dev.stockbridge.engine;

import dev.stockbridge.Checks;
import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.ats.HeldBack;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLedger;
import dev.stockbridge.order.OrderIntake;
import dev.stockbridge.spi.Supply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@code StockEngine}: wires its collaborators and runs their life cycle. Not API
 * (public only so that the facade in the package above can build it); see {@code StockEngine} for
 * the rules of its concurrency. Thread-safe: {@link #start()} and {@link #stop()} hold this
 * object's monitor, everything else is its collaborators'.
 */
final class Engine {

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final EngineConfig config;
  private final RunState state = new RunState();
  private final Counters counters = new Counters();
  private final OrderIntake orders;
  private final Lanes lanes;
  private final LanePermits permits;
  private final Intake intake;
  private final EntryCache entries;
  private final StorefrontCalls calls;
  private final BundleDerivation derivation;
  private final Writer writer;
  private final Settlement settlement;
  private final Holdbacks holdbacks;
  private final OrderLedger ledger;
  private final OrderTiming timing;
  private final LatencyBuffers buffers;
  /** Makes the ids of latency-buffer changes unique to this engine, across restarts too. */
  private final String bufferNonce = java.util.UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong bufferChanges = new AtomicLong();
  private final ScheduledThreadPoolExecutor workers;
  private Thread dispatcher;
  /**
   * The engine's own chores, on a thread of their own: the latency buffers' tick (its intake may
   * wait for room, the writers must not) and the order ledger's sweep, so parked events time out
   * and idle orders are forgotten whether or not the host calls {@link #sweepOrders()}.
   */
  private java.util.concurrent.ScheduledExecutorService housekeeping;


  /**
   * Wires an engine, not started.
   *
   * @param config the checked settings
   */
  public Engine(EngineConfig config) {
    this.config = config;
    this.orders = new OrderIntake(config.bundles(), config.pools());
    this.lanes = new Lanes(config);
    this.permits = new LanePermits(config.callsPerSecond());
    this.buffers = new LatencyBuffers(config.latencyBuffer(), config.clock(), config.consistencyLag());
    this.intake = new Intake(config, lanes, counters, buffers);
    this.entries = new EntryCache(config.entryCacheSize());
    this.calls = new StorefrontCalls(config, counters);
    this.workers = new ScheduledThreadPoolExecutor(config.parallelism(), daemonThreads("stockbridge-writer"));
    workers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // backoff retries end with stop()
    this.derivation = new BundleDerivation(config, lanes, calls, workers);
    this.holdbacks = new Holdbacks(config.policy(), config.minimumStock());
    this.writer = new Writer(config, intake, calls, entries, derivation, lanes, permits, counters, holdbacks, workers);
    this.timing = new OrderTiming(config.metrics(), config.clock());
    this.settlement = new Settlement(config, intake, lanes, derivation, counters, state, timing);
    this.ledger = new OrderLedger(config.orderLedger().store(), orders, config.exceptions(), config.orderLedger().parkFor(),
        config.orderLedger().retention());
  }

  /**
   * Recovers from the journal and starts dispatching.
   *
   * @throws StockbridgeException if already started, or if recovery cannot read the storefront
   */
  public synchronized void start() {
    if (state.started) {
      throw new StockbridgeException("engine already started");
    }
    int waiting;
    try {
      waiting = new Recovery(config, intake, lanes, calls, entries, derivation, permits, counters).recover();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StockbridgeException("interrupted while recovering", e);
    }
    ledger.damaged(config.journal().damaged());
    state.started = true;
    dispatcher = daemonThreads("stockbridge-dispatcher").newThread(new Dispatcher(lanes, permits, writer, settlement, workers, state));
    dispatcher.start();
    housekeeping = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(daemonThreads("stockbridge-housekeeping"));
    if (buffers.settings().enabled()) {
      // Checks the cadence on the engine's clock: orders trigger a due recompute too (submit).
      long tick = Math.max(1, Math.min(buffers.settings().recomputeEvery().toMillis(), 1_000));
      housekeeping.scheduleWithFixedDelay(this::recomputeLatencyBuffers, tick, tick, TimeUnit.MILLISECONDS);
    }
    long sweep = config.orderLedger().sweepEvery().toMillis();
    // The first at once: a process that runs one short cycle (a cron sync --once) still sweeps.
    housekeeping.scheduleWithFixedDelay(this::sweepQuietly, 0, sweep, TimeUnit.MILLISECONDS);
    LOG.info("stock engine started: {} movements waiting after recovery", waiting);
  }

  /**
   * Accepts movements, bundles and shared pools expanded.
   *
   * @param movements the movements, unsequenced
   * @return what was accepted
   */
  public SubmitResult submit(List<Movement> movements) {
    state.requireRunning("submitting");
    List<Movement> expanded = new ArrayList<>(Checks.notNull("movements", movements).size());
    movements.forEach(movement -> expanded.addAll(orders.expand(movement)));
    SubmitResult result = intake.accept(expanded);
    recomputeLatencyBuffers();
    return result;
  }

  /**
   * Accepts an order event's movements and derives the bundles the storefront touched itself.
   *
   * @param event the event
   * @return what was accepted
   */
  public SubmitResult submit(OrderEvent event) {
    return submitAll(List.of(Checks.notNull("event", event)));
  }

  /**
   * Submits several order events as one submission: checked against the order ledger (re-reads
   * left out, restocks limited to what was sold, events of unknown orders parked), then one
   * journal append (and force) for all their movements, in the events' order, then the ledger's
   * records.
   *
   * @param events the events
   * @return how many movements were accepted and how many were duplicates
   */
  public SubmitResult submitAll(List<OrderEvent> events) {
    state.requireRunning("submitting");
    Checks.notNull("events", events).forEach(event -> Checks.notNull("event", event));
    OrderLedger.Submitted<SubmitResult> submitted = ledger.submit(events, config.clock().instant(),
        movements -> movements.isEmpty() ? new SubmitResult(0, 0) : intake.accept(movements));
    SubmitResult journaled = submitted.journaled();
    counters.duplicates.addAndGet(submitted.duplicates());
    SubmitResult result = new SubmitResult(journaled.accepted(), journaled.duplicates() + submitted.duplicates(),
        journaled.conflicts() + submitted.conflicts());
    submitted.applied().forEach(event -> derivation.afterStorefrontSale(orders.decrementedByStorefront(event), holdbacks::mayHold));
    // Lines the ledger left out as re-reads are derived again too: the delivery that came first may
    // have been read before the storefront's own decrement showed, and this one after it.
    Set<StockKey> seenAgain = new LinkedHashSet<>();
    events.forEach(event -> seenAgain.addAll(orders.decrementedByStorefront(event)));
    submitted.applied().forEach(event -> orders.decrementedByStorefront(event).forEach(seenAgain::remove));
    if (!seenAgain.isEmpty()) {
      derivation.afterStorefrontSaleSeenAgain(List.copyOf(seenAgain), holdbacks::mayHold);
    }
    recomputeLatencyBuffers();
    return result;
  }

  /**
   * Raises the cancellations and returns parked longer than the wait for their order, and forgets
   * orders idle longer than the retention.
   */
  public void sweepOrders() {
    state.requireRunning("sweeping the order ledger");
    ledger.sweep(config.clock().instant());
  }

  /** The housekeeping's sweep: a failure (the ledger's store unreachable) is logged and tried again next time. */
  private void sweepQuietly() {
    if (!state.running()) {
      return;
    }
    try {
      ledger.sweep(config.clock().instant());
    } catch (RuntimeException e) {
      LOG.warn("order ledger not swept this time (tried again at the next sweep): {}", e.toString());
    }
  }

  /**
   * Sets a key's supply fields with its next update.
   *
   * @param key the key
   * @param supply the fields
   */
  public void setSupply(StockKey key, Supply supply) {
    state.requireRunning("setting supply");
    Checks.notNull("key", key);
    lanes.supply(key, holdbacks.allowed(key, Checks.notNull("supply", supply)), Lane.ADJUSTMENT);
  }

  // Holdback changes hold the holdbacks' monitor across intake, so that two changes are journaled
  // in the order they were made; it is taken before the intake lock, never inside it.

  /**
   * Changes a key's minimum stock: a journaled HOLDBACK movement of the change, applied with the
   * key's next update.
   *
   * @param key the key
   * @param units the new minimum stock
   * @param changeId what identifies this change, unique per change
   * @return what was accepted
   */
  public SubmitResult changeMinimumStock(StockKey key, long units, String changeId) {
    state.requireRunning("changing minimum stock");
    Checks.notNull("key", key);
    Checks.nonNegative("minimumStock", units);
    synchronized (holdbacks) {
      java.util.OptionalLong previous = holdbacks.setMinimumStock(key, units);
      if (previous.isPresent() && previous.getAsLong() == units) {
        return new SubmitResult(0, 0);
      }
      long change = units - previous.orElse(0);
      if (change != 0) {
        String cause = previous.isPresent() ? "minimum stock " + previous.getAsLong() + " → " + units : "minimum stock set to " + units;
        return intake.accept(List.of(holdback(key, change, cause, changeId)));
      }
    }
    // 0 where this process knew none (after a restart): what the entry records may still hold
    // units back, so the key is written once to show them.
    lanes.touch(List.of(key), Lane.ADJUSTMENT);
    return new SubmitResult(0, 0);
  }

  /**
   * Puts a new policy in force: a journaled HOLDBACK movement for every key whose holdback it
   * changes at the stock last written, and a write of every other key named, so each shows what
   * the new policy gives against its stock at the time of the write.
   *
   * @param policy the new policy
   * @param keys the keys it may change
   * @param changeId what identifies this change, unique per change
   * @return what was accepted
   */
  public SubmitResult changePolicy(StorefrontPolicy policy, Collection<StockKey> keys, String changeId) {
    state.requireRunning("changing policy");
    Checks.notNull("policy", policy);
    Checks.notNull("keys", keys);
    List<Movement> movements = new ArrayList<>();
    List<StockKey> touch = new ArrayList<>();
    synchronized (holdbacks) {
      holdbacks.swap(policy);
      for (StockKey key : keys) {
        Optional<HeldBack> last = holdbacks.last(key);
        long sellable = last.map(HeldBack::sellable).orElse(0L);
        long before = last.map(HeldBack::held).orElse(0L);
        long change = holdbacks.target(policy, key, sellable).held() - before;
        if (change != 0) {
          movements.add(holdback(key, change, "policy change at sellable " + sellable, changeId));
        } else {
          touch.add(key); // no change at the stock last known: written anyway against its stock now
        }
      }
    }
    lanes.touch(touch, Lane.ADJUSTMENT);
    return movements.isEmpty() ? new SubmitResult(0, 0) : intake.accept(movements);
  }

  /**
   * What a key held back when it was last written, and why.
   *
   * @param key the key
   * @return the figure, empty if it holds nothing back
   */
  public Optional<HeldBack> heldBack(StockKey key) {
    return holdbacks.last(Checks.notNull("key", key)).filter(figure -> figure.held() > 0);
  }

  /**
   * Recomputes the latency buffers if their cadence is due on the engine's clock (one caller wins):
   * each key whose buffer changes gets a HOLDBACK movement of the change, like a change of minimum
   * stock. A change that cannot be journaled (backpressure) is taken back and tried again at the
   * next cadence.
   */
  private void recomputeLatencyBuffers() {
    if (!state.running() || !buffers.claimDue()) {
      return;
    }
    try {
      synchronized (holdbacks) {
        List<LatencyBuffers.Change> changes = buffers.recompute(holdbacks::latency, holdbacks.latencies().keySet(), timing.p99());
        if (changes.isEmpty()) {
          return;
        }
        List<Movement> movements = new ArrayList<>(changes.size());
        Map<StockKey, String> inputsBefore = new HashMap<>();
        for (LatencyBuffers.Change change : changes) {
          long to = change.figure().units();
          inputsBefore.put(change.key(), holdbacks.latencyInputs(change.key()));
          holdbacks.setLatency(change.key(), to, change.figure().inputs());
          String changeId = "latency-" + bufferNonce + "-" + bufferChanges.incrementAndGet();
          movements.add(holdback(change.key(), to - change.from(), "latency buffer " + change.from() + " → " + to + ": "
              + change.figure().inputs(), changeId));
        }
        try {
          intake.accept(movements);
        } catch (RuntimeException e) {
          changes.forEach(change -> {
            holdbacks.setLatency(change.key(), change.from(), inputsBefore.get(change.key()));
            buffers.reverted(change);
          });
          throw e;
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("latency buffers not changed this time (tried again at the next recompute): {}", e.toString());
    }
  }

  private static Movement holdback(StockKey key, long change, String cause, String changeId) {
    String id = IdempotencyKeys.of(MovementKind.HOLDBACK, Checks.token("changeId", changeId, 256) + "/" + key.sku().value() + "@" + key.location().key());
    return Movement.of(MovementKind.HOLDBACK, key.sku(), key.location(), change, cause + " (" + changeId + ")", id);
  }

  /**
   * Waits until nothing waits or is in flight.
   *
   * @param timeout the longest wait
   * @return whether it drained
   * @throws InterruptedException if interrupted
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    return lanes.awaitIdle(Checks.notNull("timeout", timeout));
  }

  /**
   * Waits until nothing waits or is in flight and the delayed re-derivations have run and been
   * written.
   *
   * @param timeout the longest wait
   * @return whether it drained
   * @throws InterruptedException if interrupted
   */
  public boolean drainAll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + Checks.notNull("timeout", timeout).toNanos();
    while (true) {
      if (!lanes.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        return false;
      }
      if (derivation.delayed().pending() == 0) {
        return true;
      }
      // re-derivations scheduled after the consistency lag: wait for them, then for their batches
      if (!derivation.delayed().await(deadline)) {
        return false;
      }
    }
  }

  /** Stops dispatching and the writers; idempotent. */
  public synchronized void stop() {
    if (!state.started || state.stopping) {
      return;
    }
    state.stopping = true;
    dispatcher.interrupt();
    // Writers are not interrupted at first: an interrupt during file I/O would close the journal.
    // Nor is the housekeeping: a tick or sweep under way finishes like any submitter, later ones never run.
    housekeeping.shutdown();
    workers.shutdown();
    try {
      dispatcher.join(TimeUnit.SECONDS.toMillis(5));
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("stock engine stopped: {} movements left for the next start", lanes.size());
  }

  /**
   * The movements of a key accepted but not applied.
   *
   * @param key the key
   * @return in sequence order
   */
  public List<Movement> unapplied(StockKey key) {
    return lanes.unapplied(Checks.notNull("key", key));
  }

  /**
   * How many delayed re-derivations are scheduled and have not run yet.
   *
   * @return the count
   */
  public int pendingDerivations() {
    return derivation.delayed().pending();
  }

  /**
   * The health snapshot.
   *
   * @return the snapshot
   */
  public EngineHealth health() {
    return new EngineHealth(
        state.running(),
        lanes.health(),
        counters.accepted.get(),
        counters.duplicates.get(),
        counters.applied.get(),
        counters.failed.get(),
        counters.calls.get(),
        counters.conflicts.get(),
        counters.retries.get(),
        Optional.ofNullable(counters.lastSuccess.get()),
        timing.health(),
        buffers.figures());
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicLong count = new AtomicLong();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
