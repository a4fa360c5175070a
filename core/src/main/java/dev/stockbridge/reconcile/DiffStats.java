package dev.stockbridge.reconcile;

/**
 * Totals of one diff.
 *
 * @param keysCompared keys seen on either side
 * @param discrepancies discrepancies reported
 * @param explainedInFlight keys whose raw gap was fully explained by in-flight movements
 */
public record DiffStats(long keysCompared, long discrepancies, long explainedInFlight) {}
