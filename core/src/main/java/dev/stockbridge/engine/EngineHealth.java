package dev.stockbridge.engine;

import dev.stockbridge.queue.Lane;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of the engine's health for dashboards and alerts.
 *
 * @param running whether the engine is dispatching
 * @param lanes per lane: keys waiting and the oldest wait
 * @param accepted movements accepted (journaled) since start
 * @param duplicates movements ignored because their idempotency key was seen before
 * @param applied movements applied to the storefront (including those skipped after recovery as
 *     already applied)
 * @param failed movements sent to the exception store
 * @param storefrontCalls reads and updates sent to the storefront
 * @param conflicts updates refused for a stale version (then re-read and retried)
 * @param retries attempts retried after a transient failure or conflict
 * @param lastSuccess when an update last succeeded
 */
public record EngineHealth(
    boolean running,
    Map<Lane, LaneHealth> lanes,
    long accepted,
    long duplicates,
    long applied,
    long failed,
    long storefrontCalls,
    long conflicts,
    long retries,
    Optional<Instant> lastSuccess) {

  /** Copies the lanes. */
  public EngineHealth {
    lanes = Map.copyOf(lanes);
  }

  /**
   * The state of one lane.
   *
   * @param waitingKeys keys waiting in the lane
   * @param oldestWait how long the oldest of them has waited
   * @param maxWaitDispatches the most batches dispatched while one key of this lane waited
   */
  public record LaneHealth(int waitingKeys, Duration oldestWait, long maxWaitDispatches) {}
}
