package dev.stockbridge.flow;

/** Port: where the counted stock comes from for reconciliation (the Inventory Planner connector implements it). */
public interface StockCountSource {

  /**
   * Reads the counted stock and the catalogue rows once.
   *
   * @return the count
   * @throws dev.stockbridge.StockbridgeException if the platform cannot be read
   */
  StockCount read();
}
