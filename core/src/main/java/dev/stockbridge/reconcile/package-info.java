/**
 * Reconciliation: the {@link dev.stockbridge.reconcile.Differ} compares the storefront with the
 * planner and the stock source and explains each {@link dev.stockbridge.reconcile.Discrepancy}; the
 * {@link dev.stockbridge.reconcile.Reconciler} runs it, corrects what policy allows, tracks the rest
 * in an {@link dev.stockbridge.reconcile.ExceptionTracker} and alerts once per run; the {@link
 * dev.stockbridge.reconcile.ReconciliationScheduler} runs it on a cadence outside peak windows.
 * Each run's new discrepancies go out as one {@link dev.stockbridge.reconcile.Alert} to an {@link
 * dev.stockbridge.reconcile.AlertSink} (SLF4J by default, or a Slack-compatible webhook). Reports
 * live in {@code .report}.
 */
package dev.stockbridge.reconcile;
