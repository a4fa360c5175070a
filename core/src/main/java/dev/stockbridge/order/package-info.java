/**
 * Orders as the engine sees them: {@link dev.stockbridge.order.OrderEvent} (placed, cancelled,
 * returned) and {@link dev.stockbridge.order.OrderIntake}, which turns events into movements.
 */
package dev.stockbridge.order;
