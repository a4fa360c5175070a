package dev.stockbridge.reconcile.report;

import dev.stockbridge.Checks;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.DiscrepancyKind;
import dev.stockbridge.reconcile.RunResult;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The counts of one past run, for the trend over recent runs. Small enough to keep many.
 *
 * @param runId the run
 * @param finishedAt when it finished
 * @param keysCompared keys compared
 * @param byKind discrepancies per kind, kinds without any omitted
 */
public record RunSummary(
    String runId, Instant finishedAt, long keysCompared, Map<DiscrepancyKind, Long> byKind) {

  /**
   * Validates and copies.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null
   */
  public RunSummary {
    Checks.token("runId", runId, 256);
    Checks.notNull("finishedAt", finishedAt);
    Map<DiscrepancyKind, Long> copy = new EnumMap<>(DiscrepancyKind.class);
    copy.putAll(Checks.notNull("byKind", byKind));
    byKind = Collections.unmodifiableMap(copy);
  }

  /**
   * Summarises a run.
   *
   * @param result the run
   * @return its summary
   */
  public static RunSummary of(RunResult result) {
    Map<DiscrepancyKind, Long> counts = new EnumMap<>(DiscrepancyKind.class);
    for (Discrepancy d : result.discrepancies()) {
      counts.merge(d.kind(), 1L, Long::sum);
    }
    return new RunSummary(result.runId(), result.finishedAt(), result.stats().keysCompared(), counts);
  }

  /**
   * All discrepancies of the run.
   *
   * @return the total
   */
  public long total() {
    return byKind.values().stream().mapToLong(Long::longValue).sum();
  }
}
