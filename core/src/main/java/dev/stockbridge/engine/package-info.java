/**
 * The engine that applies movements to the storefront exactly once: {@link
 * dev.stockbridge.engine.StockEngine} is the entry point, with its priority {@link
 * dev.stockbridge.engine.Lane}s, {@link dev.stockbridge.engine.PeakWindow}s and {@link
 * dev.stockbridge.engine.EngineHealth}.
 */
package dev.stockbridge.engine;
