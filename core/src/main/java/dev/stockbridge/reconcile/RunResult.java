package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.Movement;
import java.time.Instant;
import java.util.List;

/**
 * What one reconciliation run found and did.
 *
 * @param runId the run's id
 * @param startedAt when it started
 * @param finishedAt when it finished
 * @param stats the stock diff's totals
 * @param discrepancies everything found, catalogue first, then stock
 * @param corrections the CORRECTION movements submitted
 * @param alerted how many discrepancies were new or reopened, and so alerted
 * @param autoResolved the exceptions this run closed because it no longer saw them
 * @param outOfScope the planner warehouses no location maps to, left out of the comparison
 */
public record RunResult(
    String runId,
    Instant startedAt,
    Instant finishedAt,
    DiffStats stats,
    List<Discrepancy> discrepancies,
    List<Movement> corrections,
    long alerted,
    List<TrackedException> autoResolved,
    List<UnmappedWarehouse> outOfScope) {

  /**
   * Validates and copies.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null
   */
  public RunResult {
    Checks.token("runId", runId, 256);
    Checks.notNull("startedAt", startedAt);
    Checks.notNull("finishedAt", finishedAt);
    Checks.notNull("stats", stats);
    discrepancies = List.copyOf(discrepancies);
    corrections = List.copyOf(corrections);
    autoResolved = List.copyOf(autoResolved);
    outOfScope = List.copyOf(outOfScope);
  }

  /**
   * The discrepancies about a (SKU, location) position, from the stock diff and bundle checks.
   *
   * @return how many there are
   */
  public long stockDiscrepancies() {
    return discrepancies.stream().filter(d -> d.key().isPresent()).count();
  }

  /**
   * The discrepancies about the catalogue: SKU sets, mapping, planning data.
   *
   * @return how many there are
   */
  public long catalogueDiscrepancies() {
    return discrepancies.size() - stockDiscrepancies();
  }
}
