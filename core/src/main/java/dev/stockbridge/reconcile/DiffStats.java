package dev.stockbridge.reconcile;

/**
 * Totals of one stock diff. Every key compared is counted once, under one outcome: it agrees, its
 * gap is explained by movements in flight, or it has discrepancies (one key may have two, e.g.
 * {@link DiscrepancyKind#STALE} and {@link DiscrepancyKind#QUANTITY_MISMATCH}).
 *
 * @param keysCompared keys seen on either side
 * @param discrepancies discrepancies reported
 * @param explainedInFlight keys whose raw gap was fully explained by in-flight movements, and that
 *     have no discrepancy
 * @param keysWithDiscrepancies keys with at least one discrepancy
 */
public record DiffStats(
    long keysCompared, long discrepancies, long explainedInFlight, long keysWithDiscrepancies) {

  /**
   * Keys where both sides agree within tolerance without counting anything in flight.
   *
   * @return {@code keysCompared - explainedInFlight - keysWithDiscrepancies}
   */
  public long keysInAgreement() {
    return keysCompared - explainedInFlight - keysWithDiscrepancies;
  }
}
