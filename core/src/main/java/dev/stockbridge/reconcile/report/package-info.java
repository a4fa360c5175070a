/**
 * Reconciliation reports: {@link dev.stockbridge.reconcile.report.RunReport} gathers a run's
 * findings with the trend, freshness per flow and finance figures; {@link
 * dev.stockbridge.reconcile.report.Reports} writes it as JSON and CSV for machines and as one
 * self-contained HTML page for people.
 */
package dev.stockbridge.reconcile.report;
