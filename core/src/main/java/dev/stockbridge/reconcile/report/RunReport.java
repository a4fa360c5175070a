package dev.stockbridge.reconcile.report;

import dev.stockbridge.Checks;
import dev.stockbridge.reconcile.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a report shows: the run's result, the trend over recent runs, freshness per flow and
 * the finance view.
 *
 * @param result the run
 * @param history earlier runs, oldest first; the run itself is appended for the trend
 * @param freshness freshness per flow
 * @param finance stock value at cost against open purchase-order value, per warehouse
 */
public record RunReport(
    RunResult result, List<RunSummary> history, List<FlowFreshness> freshness,
    List<WarehouseValue> finance) {

  /**
   * Validates and copies.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null
   */
  public RunReport {
    Checks.notNull("result", result);
    history = List.copyOf(Checks.notNull("history", history));
    freshness = List.copyOf(Checks.notNull("freshness", freshness));
    finance = List.copyOf(Checks.notNull("finance", finance));
  }

  /**
   * The trend: earlier runs then this one.
   *
   * @return the summaries, oldest first
   */
  public List<RunSummary> trend() {
    List<RunSummary> trend = new ArrayList<>(history);
    trend.add(RunSummary.of(result));
    return trend;
  }
}
