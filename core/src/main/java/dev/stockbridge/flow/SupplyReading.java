package dev.stockbridge.flow;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.Supply;
import java.util.List;
import java.util.Map;

/**
 * One read of the supply side: the supply fields each storefront entry should show, and the stock
 * movements the read found (units received on purchase orders). Immutable.
 *
 * @param supply the supply fields per key
 * @param movements movements to book, each with a deterministic idempotency key
 * @param note a one-line summary for people (e.g. "3 received lines noted as the baseline")
 */
public record SupplyReading(Map<StockKey, Supply> supply, List<Movement> movements, String note) {

  /** Copies. */
  public SupplyReading {
    supply = Map.copyOf(supply);
    movements = List.copyOf(movements);
    note = note == null ? "" : note;
  }
}
