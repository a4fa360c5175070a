/**
 * Micrometer binding: {@link dev.stockbridge.micrometer.StockbridgeMetrics} puts the engine's
 * health, the flows' freshness and the open exceptions on a host's meter registry.
 */
package dev.stockbridge.micrometer;
