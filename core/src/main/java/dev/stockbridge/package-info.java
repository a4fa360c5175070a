/**
 * Stockbridge's public model: {@link dev.stockbridge.Movement} (the only way stock flows), {@link
 * dev.stockbridge.Position} (stock by {@link dev.stockbridge.InventoryState}, moved between states
 * as the {@link dev.stockbridge.StateModel} allows), the keys {@link dev.stockbridge.Sku}, {@link
 * dev.stockbridge.Location}, {@link dev.stockbridge.Channel} and {@link dev.stockbridge.StockKey},
 * and the root exception {@link dev.stockbridge.StockbridgeException}.
 */
package dev.stockbridge;
