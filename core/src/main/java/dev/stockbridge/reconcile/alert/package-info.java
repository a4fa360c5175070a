/**
 * Alerts from reconciliation runs: {@link dev.stockbridge.reconcile.alert.Alert} groups a run's new
 * discrepancies into one message that points at the report; {@link
 * dev.stockbridge.reconcile.alert.AlertSink} is the SPI, with SLF4J and Slack-compatible webhook
 * sinks built in.
 */
package dev.stockbridge.reconcile.alert;
