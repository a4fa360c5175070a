package dev.stockbridge.reconcile;

import dev.stockbridge.StockKey;

/** A row of a stock view, identified by its (SKU, location) key. */
public interface Keyed {

  /**
   * The row's key; a view holds at most one row per key.
   *
   * @return the (SKU, location) key
   */
  StockKey key();
}
