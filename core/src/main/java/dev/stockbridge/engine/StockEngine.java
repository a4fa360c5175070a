package dev.stockbridge.engine;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.stockbridge.Movement;
import dev.stockbridge.SharedPools;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.engine.internal.DecrementQueue;
import dev.stockbridge.engine.internal.DecrementQueue.Batch;
import dev.stockbridge.logging.RateLimitedWarnings;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderIntake;
import dev.stockbridge.spi.EntryNotFoundException;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.spi.Supply;
import dev.stockbridge.spi.TransientStorefrontException;
import dev.stockbridge.spi.VersionConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies movements to the storefront exactly once, order decrements first. Build one with {@link
 * #builder()}, {@link #start()} it (which replays the journal), submit movements and order events,
 * and {@link #stop()} it. Thread-safe.
 *
 * <p>How a movement travels: {@link #submit(List)} de-duplicates it by idempotency key, expands
 * bundles, gives it the next sequence of its (SKU, location) and journals it; once journaled it is
 * accepted and the call returns. Concurrent submitters share one journal write (group commit). The
 * queue then coalesces everything waiting on a key into one relative update, sent in strict lane
 * priority through one rate limiter; the update carries the highest sequence it includes as the
 * entry's exactly-once marker. A version conflict re-reads and re-applies; transient failures back
 * off and retry the key without holding up other keys; permanent failures go to the exception store
 * with the movements. After a component changes, the bundles containing it are recomputed.
 *
 * <p>Backpressure: at most {@code capacity} movements wait; a submission that does not fit waits up
 * to the offer timeout, then fails with {@link BackpressureException} and nothing of it is accepted.
 */
public final class StockEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StockEngine.class);
  private final RateLimitedWarnings warnings;
  private static final int READ_CHUNK = 500;
  /** Failsafe falls back to the policy's backoff when a delay function answers negative. */
  private static final Duration USE_BACKOFF = Duration.ofNanos(-1);

  private final Config config;
  private final OrderIntake intake;
  private final DecrementQueue queue;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ReentrantLock acceptLock = new ReentrantLock();
  private final ConcurrentLinkedQueue<Submission> submissions = new ConcurrentLinkedQueue<>();
  private final Set<String> seen = new HashSet<>();
  private final Map<StockKey, Long> lastSequence = new HashMap<>();
  private final Map<StockKey, StockEntry> entries = new ConcurrentHashMap<>();
  private final Map<StockKey, List<Movement>> inFlightBatches = new ConcurrentHashMap<>();
  private final Semaphore inFlight;
  private final Semaphore otherLanesInFlight;
  private final LanePermits permits;
  private final FailsafeExecutor<StockEntry> retrying;
  private final ScheduledExecutorService workers;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
  private volatile boolean started;
  private volatile boolean stopping;
  private volatile boolean halted;
  private Thread dispatcher;

  private StockEngine(Config config) {
    this.config = config;
    this.warnings = RateLimitedWarnings.hourly(LOG, config.clock);
    this.intake = new OrderIntake(config.bundles, config.pools);
    long[] windows = new long[Lane.values().length];
    config.batchWindows.forEach((lane, window) -> windows[lane.ordinal()] = window.toNanos());
    this.queue = new DecrementQueue(config.capacity, windows);
    this.inFlight = new Semaphore(config.maxKeysInFlight);
    this.otherLanesInFlight = new Semaphore(Math.max(1, config.maxKeysInFlight * 3 / 4));
    this.permits = new LanePermits(config.callsPerSecond);
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(config.parallelism, daemonThreads("stockbridge-writer"));
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // backoff retries end with stop()
    this.workers = pool;
    RetryPolicy<StockEntry> retry =
        RetryPolicy.<StockEntry>builder()
            .handle(TransientStorefrontException.class, VersionConflictException.class)
            .withBackoff(config.initialBackoff, config.maxBackoff)
            .withJitter(0.25)
            .withDelayFn(StockEngine::retryDelay)
            .withMaxRetries(config.maxRetries)
            .onRetry(event -> retries.incrementAndGet())
            .build();
    this.retrying = Failsafe.with(retry).with(workers);
  }

  /**
   * A builder with the embedded defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Replays the journal and starts dispatching. Movements the storefront's markers show as applied
   * are skipped; the rest are queued again, and bundles touched by the journal are recomputed.
   *
   * @throws StockbridgeException if already started, or if recovery cannot read the storefront
   */
  public synchronized void start() {
    if (started) {
      throw new StockbridgeException("engine already started");
    }
    recover();
    started = true;
    dispatcher = daemonThreads("stockbridge-dispatcher").newThread(this::dispatchLoop);
    dispatcher.start();
    LOG.info("stock engine started: {} movements waiting after recovery", queue.size());
  }

  /**
   * Submits movements. Returns once they are accepted (journaled); applying them happens later.
   * Movements of bundles are expanded to their components, and movements of a location sharing its
   * pool are copied to its siblings.
   *
   * @param movements the movements, unsequenced
   * @return how many were accepted and how many were duplicates
   * @throws BackpressureException if the queue stayed full; nothing was accepted
   * @throws StockbridgeException if the engine is not running or the journal failed; nothing was
   *     accepted
   */
  public SubmitResult submit(List<Movement> movements) {
    List<Movement> expanded = new ArrayList<>(movements.size());
    for (Movement movement : movements) {
      for (Movement own : config.bundles.expand(movement)) {
        expanded.add(own);
        expanded.addAll(config.pools.siblingCopies(own));
      }
    }
    return accept(expanded);
  }

  private SubmitResult accept(List<Movement> movements) {
    if (!started || stopping || halted) {
      throw new StockbridgeException("engine is not running: start() it before submitting");
    }
    Submission submission = new Submission(movements);
    submissions.add(submission);
    acceptLock.lock();
    try {
      if (submission.result == null && submission.failure == null) {
        acceptWaiting();
      }
    } finally {
      acceptLock.unlock();
    }
    if (submission.failure != null) {
      throw submission.failure;
    }
    return submission.result;
  }

  /**
   * Submits one movement.
   *
   * @param movement the movement
   * @return how many movements were accepted and how many were duplicates
   * @throws BackpressureException if the queue stayed full
   */
  public SubmitResult submit(Movement movement) {
    return submit(List.of(movement));
  }

  /**
   * Submits an order event: its movements, bundles expanded, lines the storefront already
   * decremented left out.
   *
   * @param event the order event
   * @return how many movements were accepted and how many were duplicates
   * @throws BackpressureException if the queue stayed full
   * @throws StockbridgeException if the engine is not running
   */
  public SubmitResult submit(OrderEvent event) {
    if (!started || stopping || halted) {
      throw new StockbridgeException("engine is not running: start() it before submitting");
    }
    List<Movement> movements = intake.movements(event);
    SubmitResult result = movements.isEmpty() ? new SubmitResult(0, 0) : accept(movements);
    // The storefront took these lines' stock itself: derive the bundles they touch again, now and
    // once more after the storefront's consistency lag, when its own decrement is sure to show.
    Set<StockKey> touched = new LinkedHashSet<>();
    for (StockKey key : intake.decrementedByStorefront(event)) {
      if (config.bundles.isBundle(key.sku())) {
        touched.add(key);
      } else {
        config.bundles.bundlesContaining(key.sku()).forEach(bundle -> touched.add(new StockKey(bundle, key.location())));
      }
    }
    recompute(touched, Lane.ORDER);
    if (!touched.isEmpty() && !config.consistencyLag.isZero()) {
      try {
        workers.schedule(() -> recompute(touched, Lane.ORDER), config.consistencyLag.toNanos(), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopped) {
        // stopping: the next start recomputes every bundle the journal touched
      }
    }
    return result;
  }

  /**
   * Sets the supply fields a storefront shows for a key (expected delivery, restockable days,
   * safety stock), written with the key's next update in the ADJUSTMENT lane. Supply fields are
   * planning data, not stock: they are set, not added, and are not journaled; a later call before
   * the write replaces an earlier one.
   *
   * @param key the SKU and location
   * @param supply the new supply fields
   * @throws StockbridgeException if the engine is not running
   */
  public void setSupply(StockKey key, Supply supply) {
    if (!started || stopping || halted) {
      throw new StockbridgeException("engine is not running: start() it before setting supply");
    }
    Objects.requireNonNull(supply, "supply");
    lock.lock();
    try {
      queue.supply(Objects.requireNonNull(key, "key"), supply, Lane.ADJUSTMENT, System.nanoTime());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every accepted movement is applied or failed.
   *
   * @param timeout the longest wait
   * @return {@code true} if drained, {@code false} on timeout
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!queue.isIdle()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops dispatching and releases threads. Movements still waiting stay in the journal and are
   * applied after the next start. Idempotent.
   */
  public synchronized void stop() {
    if (!started || stopping) {
      return;
    }
    stopping = true;
    dispatcher.interrupt();
    // Writers are not interrupted at first: an interrupt during file I/O would close the journal.
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
    LOG.info("stock engine stopped: {} movements left for the next start", queue.size());
  }

  /** Stops the engine. Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * The movements of a key accepted but not yet applied: in flight to the storefront or waiting.
   * Reconciliation uses them to explain a gap between what the storefront shows and what it will
   * show.
   *
   * @param key the SKU and location
   * @return the unapplied movements in sequence order, empty if none
   */
  public List<Movement> unapplied(StockKey key) {
    lock.lock();
    try {
      List<Movement> movements = new ArrayList<>(inFlightBatches.getOrDefault(key, List.of()));
      movements.addAll(queue.waiting(key));
      return movements;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A snapshot of queue depth, wait per lane and counters.
   *
   * @return the health snapshot
   */
  public EngineHealth health() {
    Map<Lane, EngineHealth.LaneHealth> lanes = new EnumMap<>(Lane.class);
    lock.lock();
    try {
      long now = System.nanoTime();
      for (Lane lane : Lane.values()) {
        lanes.put(
            lane,
            new EngineHealth.LaneHealth(
                queue.depth(lane), Duration.ofNanos(queue.oldestWaitNanos(lane, now)), queue.maxWaitDispatches(lane)));
      }
    } finally {
      lock.unlock();
    }
    return new EngineHealth(
        started && !stopping && !halted,
        lanes,
        accepted.get(),
        duplicates.get(),
        applied.get(),
        failed.get(),
        calls.get(),
        conflicts.get(),
        retries.get(),
        Optional.ofNullable(lastSuccess.get()));
  }

  // --- accepting -------------------------------------------------------------------------------

  /**
   * Accepts every waiting submission, in as few journal writes as the queue's capacity allows.
   * Runs under the accept lock.
   */
  private void acceptWaiting() {
    List<Submission> group = new ArrayList<>();
    for (Submission s; (s = submissions.poll()) != null; ) {
      group.add(s);
    }
    for (int next = 0; next < group.size(); ) {
      List<Submission> chunk = new ArrayList<>();
      int size = 0;
      while (next < group.size() && (chunk.isEmpty() || size + group.get(next).movements.size() <= config.capacity)) {
        size += group.get(next).movements.size();
        chunk.add(group.get(next++));
      }
      acceptChunk(chunk);
    }
  }

  private void acceptChunk(List<Submission> chunk) {
    Set<String> keysInChunk = new HashSet<>();
    Map<StockKey, Long> sequences = new HashMap<>();
    List<Movement> batch = new ArrayList<>();
    int[] acceptedPer = new int[chunk.size()];
    for (int i = 0; i < chunk.size(); i++) {
      for (Movement movement : chunk.get(i).movements) {
        if (seen.contains(movement.idempotencyKey()) || !keysInChunk.add(movement.idempotencyKey())) {
          continue;
        }
        long sequence =
            sequences.merge(movement.key(), lastSequence.getOrDefault(movement.key(), 0L) + 1, (a, b) -> a + 1);
        batch.add(movement.withSequence(sequence));
        acceptedPer[i]++;
      }
    }
    try {
      awaitRoom(batch.size());
      if (!batch.isEmpty()) {
        config.journal.append(batch);
      }
    } catch (RuntimeException e) {
      StockbridgeException failure =
          e instanceof StockbridgeException known ? known : new StockbridgeException("journal append failed: " + e, e);
      chunk.forEach(s -> s.failure = failure);
      return;
    }
    seen.addAll(keysInChunk);
    lastSequence.putAll(sequences);
    enqueue(batch);
    for (int i = 0; i < chunk.size(); i++) {
      Submission s = chunk.get(i);
      s.result = new SubmitResult(acceptedPer[i], s.movements.size() - acceptedPer[i]);
      accepted.addAndGet(acceptedPer[i]);
      duplicates.addAndGet(s.movements.size() - acceptedPer[i]);
    }
  }

  private void awaitRoom(int needed) {
    long deadline = System.nanoTime() + config.offerTimeout.toNanos();
    lock.lock();
    try {
      while (queue.remainingCapacity() < needed) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || needed > config.capacity) {
          throw new BackpressureException(needed, config.capacity);
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackpressureException(needed, config.capacity);
    } finally {
      lock.unlock();
    }
  }

  private void enqueue(Collection<Movement> movements) {
    lock.lock();
    try {
      long now = System.nanoTime();
      for (Movement movement : movements) {
        if (!queue.offer(movement, now)) {
          throw new IllegalStateException("room was reserved; queue cannot be full");
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // --- dispatching -----------------------------------------------------------------------------

  private void dispatchLoop() {
    try {
      while (!stopping && !halted) {
        inFlight.acquire();
        awaitDue();
        // The permit is taken for the highest lane due, before choosing: whatever is highest once
        // it is granted goes first.
        if (permits.limited()) {
          permits.acquire(dueLane());
        }
        Batch batch = pollDue();
        if (batch == null) {
          inFlight.release();
          continue;
        }
        workers.execute(() -> write(batch));
      }
    } catch (InterruptedException | java.util.concurrent.RejectedExecutionException stopped) {
      // stop() interrupts the dispatcher and shuts the writers down; the batch stays journaled
    } catch (RuntimeException e) {
      LOG.error("dispatcher stopped by an unexpected failure", e);
    }
  }

  private void awaitDue() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        long wait = queue.nanosUntilDue(System.nanoTime(), paused());
        if (wait == 0) {
          return;
        }
        // Bounded wait: peak windows open and close on the injected clock, not on a signal.
        changed.awaitNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
      }
    } finally {
      lock.unlock();
    }
  }

  private Lane dueLane() {
    lock.lock();
    try {
      return queue.dueLane(System.nanoTime(), paused());
    } finally {
      lock.unlock();
    }
  }

  private Batch pollDue() {
    lock.lock();
    try {
      Batch batch = queue.poll(System.nanoTime(), paused());
      if (batch != null) {
        if (batch.lane() != Lane.ORDER && !otherLanesInFlight.tryAcquire()) {
          throw new IllegalStateException("a lower lane was polled without a free permit");
        }
        if (!batch.movements().isEmpty()) {
          inFlightBatches.put(batch.key(), batch.movements());
        }
        changed.signalAll(); // room in the queue for waiting submitters
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a peak window pauses a lane right now. */
  private boolean pausedNow(Lane lane) {
    return config.pausedInPeak.contains(lane) && inPeak();
  }

  private boolean inPeak() {
    if (config.peakWindows.isEmpty()) {
      return false;
    }
    Instant now = config.clock.instant();
    return config.peakWindows.stream().anyMatch(w -> w.contains(now));
  }

  /** A retry put off until its lane's peak window closes. */
  private static final class Deferred extends StockbridgeException {
    Deferred() {
      super("retry deferred: the lane is paused for a peak window");
    }
  }

  /**
   * Lanes that may not hand out a batch now: those paused by a peak window, and every lane below
   * ORDER once they hold their share of the keys in flight, so that keys backing off in lower lanes
   * can never take every slot from orders.
   */
  private boolean[] paused() {
    boolean[] paused = new boolean[Lane.values().length];
    boolean full = otherLanesInFlight.availablePermits() == 0;
    boolean peak = inPeak();
    for (Lane lane : Lane.values()) {
      paused[lane.ordinal()] = lane != Lane.ORDER && (full || (peak && config.pausedInPeak.contains(lane)));
    }
    return paused;
  }

  private void write(Batch batch) {
    retrying
        .getAsync(context -> attempt(batch, new Call(batch.lane(), context.isFirstAttempt())))
        .whenComplete((entry, failure) -> finish(batch, failure));
  }

  /** One attempt at a batch: read if needed, skip what the marker shows as applied, update. */
  private StockEntry attempt(Batch batch, Call call) throws InterruptedException {
    if (!call.prepaid && pausedNow(batch.lane())) {
      throw new Deferred(); // a retry that would run into a peak window waits for its end instead
    }
    if (batch.recompute()) {
      return recomputeBundle(batch.key(), call, batch.supply());
    }
    StockEntry cached = entries.get(batch.key());
    StockEntry entry = cached != null ? cached : readOne(batch.key(), call);
    long delta = 0;
    for (Movement movement : batch.movements()) {
      if (movement.sequence() > entry.appliedSequence() && movement.sellable()) {
        delta += movement.quantity();
      }
    }
    long sequence = batch.highestSequence() > entry.appliedSequence() && delta != 0 ? batch.highestSequence() : 0;
    Optional<Supply> supply = Optional.ofNullable(batch.supply()).filter(s -> !s.equals(entry.supply()));
    EntryUpdate update = new EntryUpdate(sequence == 0 ? 0 : delta, sequence, supply);
    // Empty: applied before a restart, nothing sellable changed, or the supply is already shown.
    return update.isEmpty() ? entry : update(entry, update, call);
  }

  private StockEntry recomputeBundle(StockKey bundle, Call call, Supply newSupply) throws InterruptedException {
    List<StockKey> keys = new ArrayList<>();
    keys.add(bundle);
    config.bundles.components(bundle.sku()).keySet().forEach(c -> keys.add(new StockKey(c, bundle.location())));
    Map<StockKey, StockEntry> found = read(keys, call);
    StockEntry entry = found.get(bundle);
    if (entry == null) {
      // Not every bundle is listed at every location; reconciliation reports entries missing.
      LOG.debug("bundle {} has no storefront entry to recompute", bundle);
      return null;
    }
    long target =
        config.bundles.availableToSell(
            bundle.sku(),
            c -> Optional.ofNullable(found.get(new StockKey(c, bundle.location()))).map(StockEntry::availableQuantity).orElse(0L));
    Optional<Supply> supply = Optional.ofNullable(newSupply).filter(s -> !s.equals(entry.supply()));
    EntryUpdate update = new EntryUpdate(target - entry.quantityOnStock(), 0, supply);
    return update.isEmpty() ? entry : update(entry, update, call);
  }

  private StockEntry update(StockEntry entry, EntryUpdate update, Call call) throws InterruptedException {
    call.pay();
    try {
      StockEntry after = config.storefront.update(entry, update);
      remember(after);
      lastSuccess.set(config.clock.instant());
      return after;
    } catch (VersionConflictException | EntryNotFoundException e) {
      entries.remove(entry.key());
      if (e instanceof VersionConflictException) {
        conflicts.incrementAndGet();
      }
      throw e;
    }
  }

  /** Caches an entry unless a newer version of it is cached already (reads race with writes). */
  private void remember(StockEntry entry) {
    entries.merge(entry.key(), entry, (cached, fresh) -> fresh.version() >= cached.version() ? fresh : cached);
  }

  private StockEntry readOne(StockKey key, Call call) throws InterruptedException {
    StockEntry entry = read(List.of(key), call).get(key);
    if (entry == null) {
      throw new EntryNotFoundException(key);
    }
    return entry;
  }

  private Map<StockKey, StockEntry> read(List<StockKey> keys, Call call) throws InterruptedException {
    call.pay();
    Map<StockKey, StockEntry> found = config.storefront.read(keys);
    found.values().forEach(this::remember);
    return found;
  }

  /** One attempt's storefront calls: the first is paid by the dispatcher, the rest wait in their lane. */
  private final class Call {
    private final Lane lane;
    private boolean prepaid;

    Call(Lane lane, boolean prepaid) {
      this.lane = lane;
      this.prepaid = prepaid;
    }

    void pay() throws InterruptedException {
      calls.incrementAndGet();
      if (prepaid) {
        prepaid = false;
      } else {
        permits.acquire(lane);
      }
    }
  }


  private void finish(Batch batch, Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    boolean deferred = cause instanceof Deferred;
    try {
      if (deferred) {
        return; // back into the queue below, where the paused lane holds it
      }
      if (cause instanceof Error error) {
        if (!halted) {
          LOG.error("writer hit a fatal error on {}; the engine stops writing", batch.key(), error);
        }
        halted = true;
        return;
      }
      if (cause == null) {
        applied.addAndGet(batch.movements().size());
      } else if (!stopping) {
        raise(batch, cause);
      } else {
        return; // stopped mid-retry: the movements stay unapplied in the journal
      }
      // Applied, or raised with its movements: either way settled, and later batches of the key
      // may move the storefront's marker past it. Even a batch that sums to zero may stand for a
      // TrackOnly bundle sale the storefront took from the bundle's own entry: derive it again.
      if (!batch.movements().isEmpty()) {
        requestRecomputes(List.of(batch.key()), batch.lane());
      }
      if (batch.highestSequence() > 0) {
        config.journal.applied(batch.key(), batch.highestSequence());
      }
    } catch (RuntimeException e) {
      LOG.error("could not finish the batch of {}", batch.key(), e);
    } finally {
      lock.lock();
      try {
        inFlightBatches.remove(batch.key());
        if (deferred) {
          queue.requeue(batch, System.nanoTime());
        }
        queue.done(batch.key());
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      if (batch.lane() != Lane.ORDER) {
        otherLanesInFlight.release();
      }
      inFlight.release();
    }
  }

  private void raise(Batch batch, Throwable failure) {
    failed.addAndGet(batch.movements().size());
    String code =
        failure instanceof EntryNotFoundException
            ? "ENTRY_NOT_FOUND"
            : failure instanceof TransientStorefrontException || failure instanceof VersionConflictException
                ? "RETRIES_EXHAUSTED"
                : "UPDATE_REFUSED";
    // The marker advice only where an entry exists: without one, nothing can have been applied.
    String advice = code.equals("ENTRY_NOT_FOUND")
        ? "; create the inventory entry (SKU and supply channel) in the storefront, then resubmit: nothing was applied"
        : "; before resubmitting, check the entry's stockbridge-seq marker: movements at or below it were applied";
    String message = (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()) + advice;
    String what = batch.movements().isEmpty() ? "supply update not applied" : batch.movements().size() + " movements not applied";
    // A supply update for a missing entry fails again every cycle: once an hour is enough.
    warnings.warn(code + "|" + batch.key(), code + " for " + batch.key() + ": " + what + ": " + message);
    try {
      config.exceptions.raise(new StockException(code, batch.key(), batch.movements(), message, config.clock.instant()));
    } catch (RuntimeException e) {
      LOG.error("exception store refused the record for {}; movements not applied: {}", batch.key(),
          batch.movements().stream().map(Movement::idempotencyKey).toList(), e);
    }
  }

  private void requestRecomputes(Collection<StockKey> changedKeys, Lane lane) {
    Set<StockKey> stale = new LinkedHashSet<>();
    for (StockKey key : changedKeys) {
      for (var bundle : config.bundles.bundlesContaining(key.sku())) {
        stale.add(new StockKey(bundle, key.location()));
      }
    }
    recompute(stale, lane);
  }

  private void recompute(Set<StockKey> stale, Lane lane) {
    if (stale.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      long now = System.nanoTime();
      stale.forEach(key -> queue.recompute(key, lane, now));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private static Duration retryDelay(dev.failsafe.ExecutionContext<StockEntry> context) {
    Throwable last = context.getLastException();
    if (last instanceof VersionConflictException) {
      return Duration.ZERO; // re-read and re-apply at once
    }
    if (last instanceof TransientStorefrontException transientFailure) {
      return transientFailure.retryAfter().orElse(USE_BACKOFF);
    }
    return USE_BACKOFF;
  }

  // --- recovery --------------------------------------------------------------------------------

  private void recover() {
    Map<StockKey, List<Movement>> pending = new HashMap<>();
    Map<StockKey, Long> marks = new HashMap<>();
    config.journal.replay(
        new MovementJournal.Visitor() {
          @Override
          public void accepted(Movement movement) {
            if (!seen.add(movement.idempotencyKey())) {
              return; // a record the journal holds twice is still one movement
            }
            lastSequence.merge(movement.key(), movement.sequence(), Math::max);
            pending.computeIfAbsent(movement.key(), k -> new ArrayList<>()).add(movement);
          }

          @Override
          public void applied(StockKey key, long sequence) {
            marks.merge(key, sequence, Math::max);
          }
        });
    List<StockKey> keys = new ArrayList<>(pending.keySet());
    keys.removeIf(key -> pending.get(key).stream().allMatch(m -> m.sequence() <= marks.getOrDefault(key, 0L)));
    List<Movement> waiting = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += READ_CHUNK) {
      List<StockKey> chunk = keys.subList(from, Math.min(keys.size(), from + READ_CHUNK));
      Map<StockKey, StockEntry> found = config.storefront.read(chunk);
      entries.putAll(found);
      for (StockKey key : chunk) {
        long mark = Math.max(marks.getOrDefault(key, 0L), found.containsKey(key) ? found.get(key).appliedSequence() : 0);
        pending.get(key).stream()
            .filter(m -> m.sequence() > mark)
            .sorted((a, b) -> Long.compare(a.sequence(), b.sequence()))
            .forEach(waiting::add);
      }
    }
    lock.lock();
    try {
      long now = System.nanoTime();
      waiting.forEach(movement -> queue.restore(movement, now));
    } finally {
      lock.unlock();
    }
    requestRecomputes(pending.keySet(), Lane.BULK);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    AtomicLong count = new AtomicLong();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static final class Submission {
    final List<Movement> movements;
    volatile SubmitResult result;
    volatile StockbridgeException failure;

    Submission(List<Movement> movements) {
      this.movements = movements;
    }
  }

  /** The engine's settings, copied from the builder. */
  private record Config(
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
      Duration consistencyLag) {}

  /**
   * Collects the engine's settings. Defaults: the in-memory journal is not a default (pass one);
   * no bundles; parallelism 4; 256 keys in flight; capacity 100,000 movements; offer timeout 5 s;
   * no rate limit; batch windows ADJUSTMENT 2 s and BULK 10 s; no peak windows, and ADJUSTMENT and
   * BULK pause in them; backoff 50 ms to 30 s; retries without limit. Not thread-safe.
   */
  public static final class Builder {
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
    private final Map<Lane, Duration> batchWindows = new EnumMap<>(Map.of(Lane.ADJUSTMENT, Duration.ofSeconds(2), Lane.BULK, Duration.ofSeconds(10)));
    private final List<PeakWindow> peakWindows = new ArrayList<>();
    private Set<Lane> pausedInPeak = Set.of(Lane.ADJUSTMENT, Lane.BULK);
    private Duration initialBackoff = Duration.ofMillis(50);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private int maxRetries = -1;
    private Duration consistencyLag = Duration.ofSeconds(10);

    private Builder() {}

    /** The storefront to write. Required. @param storefront the adapter @return this builder */
    public Builder storefront(StorefrontStock storefront) {
      this.storefront = Objects.requireNonNull(storefront, "storefront");
      return this;
    }

    /** Where accepted movements are journaled. Required. @param journal the journal @return this builder */
    public Builder journal(MovementJournal journal) {
      this.journal = Objects.requireNonNull(journal, "journal");
      return this;
    }

    /** Bundles to expand and recompute. @param bundles the catalogue @return this builder */
    public Builder bundles(BundleCatalogue bundles) {
      this.bundles = Objects.requireNonNull(bundles, "bundles");
      return this;
    }

    /**
     * Storefront locations (supply channels) that share a stock pool: a change to one reaches all.
     *
     * @param pools the shared pools
     * @return this builder
     */
    public Builder sharedPools(SharedPools pools) {
      this.pools = Objects.requireNonNull(pools, "pools");
      return this;
    }

    /** Where permanent failures go; by default they are logged. @param exceptions the store @return this builder */
    public Builder exceptionStore(ExceptionStore exceptions) {
      this.exceptions = Objects.requireNonNull(exceptions, "exceptions");
      return this;
    }

    /** The clock for peak windows and timestamps. @param clock the clock @return this builder */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Writer threads. @param threads at least 1 @return this builder */
    public Builder parallelism(int threads) {
      this.parallelism = positive("parallelism", threads);
      return this;
    }

    /** Keys written (or backing off) at once. @param keys at least 1 @return this builder */
    public Builder maxKeysInFlight(int keys) {
      this.maxKeysInFlight = positive("maxKeysInFlight", keys);
      return this;
    }

    /**
     * Backpressure: the most movements waiting, and how long a submission waits for room.
     *
     * @param movements the capacity, at least 1
     * @param offerTimeout the longest wait for room
     * @return this builder
     */
    public Builder capacity(int movements, Duration offerTimeout) {
      this.capacity = positive("capacity", movements);
      this.offerTimeout = Objects.requireNonNull(offerTimeout, "offerTimeout");
      return this;
    }

    /** One shared limit on storefront calls, all lanes, ORDER first. @param perSecond calls per second, 0 for none @return this builder */
    public Builder rateLimit(long perSecond) {
      if (perSecond < 0) {
        throw new dev.stockbridge.InvalidValueException("rateLimit", perSecond, "must not be negative");
      }
      this.callsPerSecond = perSecond;
      return this;
    }

    /**
     * How long a lane lets a key's movements gather before writing them.
     *
     * @param lane the lane; ORDER cannot be batched
     * @param window the window, zero for none
     * @return this builder
     */
    public Builder batchWindow(Lane lane, Duration window) {
      if (lane == Lane.ORDER && !window.isZero()) {
        throw new dev.stockbridge.InvalidValueException("batchWindow", lane, "must be zero: order decrements are never held back");
      }
      batchWindows.put(lane, window);
      return this;
    }

    /** A peak window during which the paused lanes wait. @param window the window @return this builder */
    public Builder peakWindow(PeakWindow window) {
      peakWindows.add(Objects.requireNonNull(window, "window"));
      return this;
    }

    /** Which lanes pause in peak windows; never ORDER. @param lanes the lanes @return this builder */
    public Builder pausedInPeak(Set<Lane> lanes) {
      if (lanes.contains(Lane.ORDER)) {
        throw new dev.stockbridge.InvalidValueException("pausedInPeak", lanes, "must not contain ORDER");
      }
      this.pausedInPeak = Set.copyOf(lanes);
      return this;
    }

    /**
     * Backoff and retry limit for transient failures.
     *
     * @param initial the first delay
     * @param max the longest delay
     * @param maxRetries retries before the exception store, -1 for no limit
     * @return this builder
     */
    public Builder retry(Duration initial, Duration max, int maxRetries) {
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
    public Builder consistencyLag(Duration lag) {
      if (lag == null || lag.isNegative()) {
        throw new dev.stockbridge.InvalidValueException("consistencyLag", lag, "must be zero or positive");
      }
      this.consistencyLag = lag;
      return this;
    }

    /**
     * Builds the engine (not started).
     *
     * @return the engine
     * @throws dev.stockbridge.InvalidValueException if the storefront or journal is missing
     */
    public StockEngine build() {
      if (storefront == null || journal == null) {
        throw new dev.stockbridge.InvalidValueException("engine", storefront == null ? "storefront" : "journal", "is required");
      }
      return new StockEngine(
          new Config(storefront, journal, bundles, pools, exceptions, clock, parallelism, maxKeysInFlight, capacity, offerTimeout,
              callsPerSecond, Map.copyOf(batchWindows), List.copyOf(peakWindows), pausedInPeak, initialBackoff, maxBackoff, maxRetries,
              consistencyLag));
    }

    private static int positive(String field, int value) {
      if (value <= 0) {
        throw new dev.stockbridge.InvalidValueException(field, value, "must be positive");
      }
      return value;
    }
  }
}
