package dev.stockbridge.reconcile.report;

import dev.stockbridge.Checks;
import dev.stockbridge.reconcile.RunResult;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a report shows: the run's result, the trend over recent runs, freshness per flow and
 * the finance view, with times in the shop's zone.
 *
 * @param result the run
 * @param history earlier runs, oldest first; the run itself is appended for the trend
 * @param freshness freshness per flow, as the host's flows report it; empty if it passes none
 * @param finance stock value at cost against open purchase-order value, per warehouse
 * @param zone the shop's time zone, in which every time is shown, to the second
 */
public record RunReport(
    RunResult result, List<RunSummary> history, List<FlowFreshness> freshness,
    List<WarehouseValue> finance, ZoneId zone) {

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
    Checks.notNull("zone", zone);
  }

  /**
   * A report with times in UTC.
   *
   * @param result the run
   * @param history earlier runs, oldest first
   * @param freshness freshness per flow
   * @param finance stock value at cost against open purchase-order value, per warehouse
   * @throws dev.stockbridge.InvalidValueException if a part is null
   */
  public RunReport(
      RunResult result, List<RunSummary> history, List<FlowFreshness> freshness,
      List<WarehouseValue> finance) {
    this(result, history, freshness, finance, ZoneOffset.UTC);
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
