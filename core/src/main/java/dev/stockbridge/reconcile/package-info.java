/**
 * Reconciliation: the {@link dev.stockbridge.reconcile.Differ} compares the storefront with the
 * planner and the stock source and explains each {@link dev.stockbridge.reconcile.Discrepancy}; the
 * {@link dev.stockbridge.reconcile.Reconciler} runs it, corrects what policy allows, tracks the rest
 * in an {@link dev.stockbridge.reconcile.ExceptionTracker} and alerts once per run; the {@link
 * dev.stockbridge.reconcile.ReconciliationScheduler} runs it on a cadence outside peak windows.
 * Reports live in {@code .report}, alert sinks in {@code .alert}.
 */
package dev.stockbridge.reconcile;
