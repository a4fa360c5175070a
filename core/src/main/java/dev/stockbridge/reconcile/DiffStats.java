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
 * @param holdings what the storefront entries held back from sale, and why
 */
public record DiffStats(
    long keysCompared, long discrepancies, long explainedInFlight, long keysWithDiscrepancies, Holdings holdings) {

  /**
   * Validates.
   *
   * @throws dev.stockbridge.InvalidValueException if the holdings are null
   */
  public DiffStats {
    dev.stockbridge.Checks.notNull("holdings", holdings);
  }

  /**
   * Totals of a diff in which nothing was held back.
   *
   * @param keysCompared keys seen on either side
   * @param discrepancies discrepancies reported
   * @param explainedInFlight keys explained by in-flight movements
   * @param keysWithDiscrepancies keys with at least one discrepancy
   */
  public DiffStats(long keysCompared, long discrepancies, long explainedInFlight, long keysWithDiscrepancies) {
    this(keysCompared, discrepancies, explainedInFlight, keysWithDiscrepancies, Holdings.NONE);
  }

  /**
   * Keys where both sides agree within tolerance without counting anything in flight.
   *
   * @return {@code keysCompared - explainedInFlight - keysWithDiscrepancies}
   */
  public long keysInAgreement() {
    return keysCompared - explainedInFlight - keysWithDiscrepancies;
  }
}
