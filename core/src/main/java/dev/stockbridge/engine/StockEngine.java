package dev.stockbridge.engine;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.ats.HeldBack;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.spi.Supply;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Applies movements to the storefront exactly once, order decrements first. Build one with {@link
 * #builder()}, {@link #start()} it (which replays the journal), submit movements and order events,
 * and {@link #stop()} it. Thread-safe.
 *
 * <p>How a movement travels: {@link #submit(List)} expands bundles and shared pools, leaves out
 * idempotency keys already accepted, gives each movement the next sequence of its (SKU, location)
 * and journals it; once journaled it is accepted and the call returns. Concurrent submitters share
 * one journal force (group commit). Everything waiting on a key then coalesces into one relative
 * update, sent in strict lane priority through one rate limiter; the update carries the highest
 * sequence it includes as the entry's exactly-once marker. A version conflict re-applies at once;
 * transient failures back off and retry the key without holding up other keys; permanent failures
 * go to the exception store with the movements. After a component changes, the bundles containing
 * it are derived again.
 *
 * <p>Backpressure: at most {@code capacity} movements wait; a submission that does not fit waits up
 * to the offer timeout, then fails with {@link BackpressureException} and nothing of it is accepted.
 *
 * <p><b>Concurrency.</b> The work is done by package-private collaborators in this
 * package, each stating its own thread-safety. Two locks, always taken in this order:
 * <ol>
 *   <li>the <i>intake lock</i> ({@code Intake}): the accepted idempotency keys, the keys of
 *       submissions being journaled, each key's last sequence and the tickets that publish
 *       journaled submissions in sequence order. Held to sequence and to publish, never across the
 *       journal's append, so concurrent appends share one force.
 *   <li>the <i>queue lock</i> ({@code Lanes}): the decrement queue, the batches in flight and the
 *       room promised to submissions being journaled; its one condition wakes submitters waiting for
 *       room, the dispatcher and {@code drain}. Nothing else is called while it is held.
 * </ol>
 * Without either lock: the journal (its own write and force locks, see {@code FileJournal}), the
 * storefront, the exception store, the rate limit ({@code LanePermits}' monitor) and the bounded
 * entry cache (its monitor, only ever held alone). One writer per key at a time: the queue hands a
 * key out once until its batch is settled. {@link #start()} and {@link #stop()} are synchronized.
 * A change of holdback ({@link #changeMinimumStock}, {@link #changePolicy}) holds the holdbacks'
 * monitor across its intake, so changes are journaled in the order they were made; it is taken
 * before the intake lock, never inside either lock. An order submission holds its orders' stripes
 * of the order ledger's locks from its check against the ledger until the ledger has recorded it
 * (across its intake), taken in ascending order before the intake lock: one order is submitted by
 * one thread at a time, different orders in parallel. A recompute of the latency buffers
 * also starts outside both locks; it takes the velocities' monitor ({@code LatencyBuffers}), never
 * inside the intake or queue lock.
 */
public final class StockEngine implements AutoCloseable {

  private final Engine engine;

  StockEngine(EngineConfig config) {
    this.engine = new Engine(config);
  }

  /** A builder with the embedded defaults. @return a new builder */
  public static StockEngineBuilder builder() {
    return new StockEngineBuilder();
  }

  /**
   * Replays the journal and starts dispatching. Movements the storefront's markers show as applied
   * are skipped; the rest are queued again, and bundles touched by the journal are recomputed.
   *
   * @throws StockbridgeException if already started, or if recovery cannot read the storefront
   */
  public void start() {
    engine.start();
  }

  /**
   * Submits movements. Returns once they are accepted (journaled); applying them happens later.
   * Movements of bundles are expanded to their components, and movements of a location sharing its
   * pool are copied to its siblings.
   *
   * @param movements the movements, unsequenced
   * @return how many were accepted and how many were duplicates
   * @throws BackpressureException if the queue stayed full; nothing was accepted
   * @throws InvalidValueException if the list or a movement is null
   * @throws StockbridgeException if the engine is not running or the journal failed; nothing was
   *     accepted
   */
  public SubmitResult submit(List<Movement> movements) {
    return engine.submit(movements);
  }

  /**
   * Submits one movement.
   *
   * @param movement the movement
   * @return how many movements were accepted and how many were duplicates
   * @throws BackpressureException if the queue stayed full
   */
  public SubmitResult submit(Movement movement) {
    return submit(List.of(Checks.notNull("movement", movement)));
  }

  /**
   * Submits an order event: its movements, bundles expanded, lines the storefront already
   * decremented left out (the bundles such lines touch are derived again, now and once more after
   * the consistency lag). The event is checked against the order ledger first: a placed line it
   * knows is a re-read and decrements nothing again (but the bundles its storefront-decremented
   * lines touch are derived again now: it may be the first delivery since the storefront's own
   * decrement showed); a cancellation or return restocks at most what
   * its line sold and has not had back (more is an {@code OVER_RESTOCK} exception naming order,
   * line and both quantities), once per its own id; one for an order not seen yet is parked until
   * the order arrives (then applied) or the wait is over ({@link #sweepOrders()}).
   *
   * @param event the order event
   * @return how many movements were accepted and how many were duplicates
   * @throws BackpressureException if the queue stayed full
   * @throws StockbridgeException if the engine is not running
   */
  public SubmitResult submit(OrderEvent event) {
    return engine.submit(event);
  }

  /**
   * Submits a page of order events at once: their movements share one journal append and one
   * force, which is what makes intake fast on a durable journal. Same rules as {@link
   * #submit(OrderEvent)} for each event.
   *
   * @param events the events, in the order they happened
   * @return how many movements were accepted and how many were duplicates
   * @throws BackpressureException if the queue stayed full; nothing was accepted
   * @throws StockbridgeException if the engine is not running
   */
  public SubmitResult submitAll(List<OrderEvent> events) {
    return engine.submitAll(events);
  }

  /**
   * Raises every cancellation or return parked longer than the wait for its order as an {@code
   * UNKNOWN_ORDER} exception (nothing is restocked), and forgets orders idle longer than the
   * retention, now. The running engine does this itself every minute, on its housekeeping thread
   * (a failure there is logged and tried again); call this for an answer at a moment of your own.
   *
   * @throws StockbridgeException if the engine is not running or the order ledger fails
   */
  public void sweepOrders() {
    engine.sweepOrders();
  }

  /**
   * Sets the supply fields a storefront shows for a key (expected delivery, restockable days,
   * safety stock), written with the key's next update in the ADJUSTMENT lane. Restockable days
   * are dropped unless the policy allows the key backorders: commercetools lets {@code
   * ReserveOnOrder} orders through without stock wherever they are set. Safety stock there is
   * only the platform's notification threshold; what protects stock is {@link
   * #changeMinimumStock}. Supply fields are
   * planning data, not stock: they are set, not added, and are not journaled; a later call before
   * the write replaces an earlier one.
   *
   * @param key the SKU and location
   * @param supply the new supply fields
   * @throws StockbridgeException if the engine is not running
   */
  public void setSupply(StockKey key, Supply supply) {
    engine.setSupply(key, supply);
  }

  /**
   * Changes the planner's minimum stock of a key. Where the policy holds minimum stock back (by
   * default everywhere) the entry shows that much less: the change becomes a {@link
   * MovementKind#HOLDBACK} movement of the difference, journaled and applied exactly once in the
   * ADJUSTMENT lane with the key's other movements, as a relative change, so sales made meanwhile
   * are never overwritten. An entry whose sellable stock is below what it holds back shows 0, and
   * shows stock again as it arrives. Setting the value it already has changes nothing.
   *
   * @param key the SKU and location
   * @param units the new minimum stock, not negative
   * @param changeId what identifies this change (e.g. the planner sync run), unique per change:
   *     the movement's idempotency key derives from it
   * @return how many movements were accepted and how many were duplicates
   * @throws InvalidValueException if an argument is null, blank or negative
   * @throws BackpressureException if the queue stayed full
   * @throws StockbridgeException if the engine is not running
   */
  public SubmitResult changeMinimumStock(StockKey key, long units, String changeId) {
    return engine.changeMinimumStock(key, units, changeId);
  }

  /**
   * Puts a new storefront policy in force (buffers, caps, floors, exclusions per channel; which
   * warehouses hold minimum stock back; where backorders are allowed). Each named key whose
   * holdback the policy changes, at the stock last written, gets a {@link MovementKind#HOLDBACK}
   * movement of the change, journaled and applied exactly once in the ADJUSTMENT lane; the other
   * named keys are written again. Either way the writer applies what the new policy gives against
   * the entry's stock at the time of the write, relative and compare-and-set.
   *
   * @param policy the new policy
   * @param keys the keys the change may affect
   * @param changeId what identifies this change, unique per change
   * @return how many movements were accepted and how many were duplicates
   * @throws InvalidValueException if an argument is null or blank
   * @throws BackpressureException if the queue stayed full
   * @throws StockbridgeException if the engine is not running
   */
  public SubmitResult changePolicy(StorefrontPolicy policy, Collection<StockKey> keys, String changeId) {
    return engine.changePolicy(policy, keys, changeId);
  }

  /**
   * What a key held back from the storefront when it was last written, and why (safety stock,
   * buffer, cap, floor, exclusion): how reconciliation explains a gap between physical stock and
   * what the storefront shows.
   *
   * @param key the SKU and location
   * @return the figure, empty if the key holds nothing back
   */
  public Optional<HeldBack> heldBack(StockKey key) {
    return engine.heldBack(key);
  }

  /**
   * How many re-derivations of bundles, scheduled after the storefront's consistency lag, have not
   * run yet: what {@link #drain(Duration)} still waits for.
   *
   * @return the count
   */
  public int pendingDerivations() {
    return engine.pendingDerivations();
  }

  /**
   * Waits until every accepted movement is applied or failed. Re-derivations of bundles scheduled
   * after storefront sales run one consistency lag later and may still be pending when this
   * returns: {@link #pendingDerivations()} says so, and {@link #drainAll(Duration)} waits for them
   * too (call it before {@link #stop()}, or a kit may stay one short until the next start).
   *
   * @param timeout the longest wait
   * @return {@code true} if drained, {@code false} on timeout
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    return engine.drain(timeout);
  }

  /**
   * Waits until every accepted movement is applied or failed and the re-derivations scheduled
   * after storefront sales have run and been written. On timeout, {@link #pendingDerivations()}
   * tells whether such re-derivations were still pending.
   *
   * @param timeout the longest wait
   * @return {@code true} if drained, {@code false} on timeout
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean drainAll(Duration timeout) throws InterruptedException {
    return engine.drainAll(timeout);
  }

  /**
   * Stops dispatching and releases threads. Movements still waiting stay in the journal and are
   * applied after the next start. Idempotent.
   */
  public void stop() {
    engine.stop();
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
    return engine.unapplied(key);
  }

  /** A snapshot of queue depth, wait per lane and counters. @return the health snapshot */
  public EngineHealth health() {
    return engine.health();
  }
}
