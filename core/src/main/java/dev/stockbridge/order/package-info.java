/**
 * Orders as the engine sees them: {@link dev.stockbridge.order.OrderEvent} (placed, cancelled,
 * returned) and {@link dev.stockbridge.order.OrderIntake}, which turns events into movements; the
 * order ledger's stores, {@link dev.stockbridge.order.InMemoryOrderLedger} and {@link
 * dev.stockbridge.order.FileOrderLedger}.
 */
package dev.stockbridge.order;
