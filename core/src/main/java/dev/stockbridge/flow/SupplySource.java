package dev.stockbridge.flow;

/**
 * Port: where supply comes from (the Inventory Planner connector implements it): purchase orders,
 * lead times and minimum stock as supply fields, and receipts as movements. Each read is complete
 * for what it covers; a source reads its platform once per call.
 */
public interface SupplySource {

  /**
   * Reads the supply side once.
   *
   * @return the supply fields and the movements found
   * @throws dev.stockbridge.StockbridgeException if the platform cannot be read; nothing was booked
   */
  SupplyReading read();

  /**
   * Called once a reading's supply and movements have been handed to the engine: a source that
   * remembers what it has seen (received quantities) records it now, never before, so a crash in
   * between reads the same movements again (same idempotency keys) instead of losing them.
   *
   * @param reading the reading from {@link #read()}
   */
  default void commit(SupplyReading reading) {}
}
