package dev.stockbridge.engine;

import dev.stockbridge.ats.LatencyBuffer;
import dev.stockbridge.queue.Lane;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * @param orderToStorefront how long order movements took from acceptance to the storefront
 * @param latencyBuffers the keys holding an adaptive latency buffer at its last recompute, with
 *     the inputs (empty when it is off)
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
    Optional<Instant> lastSuccess,
    OrderLatency orderToStorefront,
    List<LatencyBuffer.Figure> latencyBuffers) {

  /** Copies the lanes and buffers. */
  public EngineHealth {
    lanes = Map.copyOf(lanes);
    latencyBuffers = List.copyOf(latencyBuffers);
  }

  /**
   * The state of one lane.
   *
   * @param waitingKeys keys waiting in the lane
   * @param oldestWait how long the oldest of them has waited
   * @param maxWaitDispatches the most batches dispatched while one key of this lane waited
   */
  public record LaneHealth(int waitingKeys, Duration oldestWait, long maxWaitDispatches) {}

  /**
   * How long order movements took from acceptance (the submission that journaled them) to the end
   * of the storefront update that carried them. The quantiles cover the last one to two minutes,
   * rounded up to within an eighth; hosts that want the full distribution bind a {@code
   * MetricsListener}. Movements replayed from the journal after a restart are not timed.
   *
   * @param timed order movements timed since start
   * @param recent how many of them the quantiles cover
   * @param p50 the median of the recent ones, zero if none
   * @param p99 the 99th percentile of the recent ones, zero if none
   */
  public record OrderLatency(long timed, long recent, Duration p50, Duration p99) {}
}
