package dev.stockbridge.runtime;

import dev.stockbridge.Checks;
import dev.stockbridge.flow.Checkpoints;
import dev.stockbridge.logging.RateLimitedWarnings;
import dev.stockbridge.reconcile.report.FlowFreshness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * A flow's freshness as the running {@link Stockbridge} recorded it, for readers in another
 * process ({@code stockbridge status}): when the flow last ran and last succeeded. Recorded in the
 * {@link Checkpoints} given to {@link Stockbridge.Builder#recordFlows}, as {@code
 * flows.<flow>.lastRun} and {@code flows.<flow>.lastSuccess}, once per cycle in one write (a small
 * file replaced atomically, or one row per instant in PostgreSQL). Immutable.
 *
 * @param flow the flow's name ({@code "orders"}, {@code "supply"}, {@code "inspections"})
 * @param lastRun when it last ran, empty if never recorded
 * @param lastSuccess when it last succeeded, empty if never recorded
 */
public record FlowRecord(String flow, Optional<Instant> lastRun, Optional<Instant> lastSuccess) {

  /** The flows the runtime runs, in the order of a cycle. */
  public static final List<String> FLOWS = List.of("orders", "supply", "inspections");

  /**
   * Validates the record.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null or the flow blank
   */
  public FlowRecord {
    Checks.notBlank("flow", flow);
    Checks.notNull("lastRun", lastRun);
    Checks.notNull("lastSuccess", lastSuccess);
  }

  /**
   * Reads what was recorded of a flow.
   *
   * @param checkpoints where the running sync records
   * @param flow the flow's name
   * @return the record; both instants empty if the flow never ran with recording on
   */
  public static FlowRecord read(Checkpoints checkpoints, String flow) {
    Checks.notNull("checkpoints", checkpoints);
    return new FlowRecord(flow, checkpoints.get(name(flow, "lastRun")), checkpoints.get(name(flow, "lastSuccess")));
  }

  /**
   * Whether the flow's last recorded run failed.
   *
   * @return {@code true} if it ran after its last success, or never succeeded
   */
  public boolean lastRunFailed() {
    return lastRun.isPresent() && (lastSuccess.isEmpty() || lastRun.get().isAfter(lastSuccess.get()));
  }

  /**
   * The flow's freshness against a target.
   *
   * @param target the oldest acceptable age of its last success
   * @return the freshness
   */
  public FlowFreshness against(Duration target) {
    return new FlowFreshness(flow, lastSuccess, target);
  }

  /**
   * Writes every flow's instants in one change after each cycle, if recording is on. A failed
   * write is logged (at most hourly) and never fails the cycle: the flows ran. Thread-safe as its
   * checkpoints are; cycles never overlap.
   */
  static final class Recorder {
    private final Checkpoints checkpoints;
    private final RateLimitedWarnings warnings;

    Recorder(Checkpoints checkpoints, Clock clock) {
      this.checkpoints = checkpoints;
      this.warnings = RateLimitedWarnings.hourly(LoggerFactory.getLogger(Stockbridge.class), clock);
    }

    void record(Collection<FlowStatus> flows) {
      Map<String, Instant> values = new TreeMap<>();
      for (FlowStatus status : flows) {
        status.lastRun().ifPresent(at -> values.put(name(status.flow(), "lastRun"), at));
        status.lastSuccess().ifPresent(at -> values.put(name(status.flow(), "lastSuccess"), at));
      }
      if (checkpoints == null || values.isEmpty()) {
        return;
      }
      try {
        checkpoints.set(values);
      } catch (RuntimeException e) {
        warnings.warn("record", "could not record the flows' freshness for `status` (the flows ran): " + e);
      }
    }
  }

  private static String name(String flow, String what) {
    return "flows." + flow + "." + what;
  }
}
