package dev.stockbridge.planner;

import dev.stockbridge.Movement;
import dev.stockbridge.mapping.VariantId;
import java.util.List;

/**
 * Receipts found on purchase orders and not yet recorded: the movements, and the ledger entries to
 * record once they are handed on. Immutable.
 *
 * @param movements one RECEIPT movement per purchase-order line with newly received units
 * @param lines the cumulative received quantity per line, for the ledger
 */
public record Receipts(List<Movement> movements, List<Receipts.Line> lines) {

  /** Copies. */
  public Receipts {
    movements = List.copyOf(movements);
    lines = List.copyOf(lines);
  }

  /**
   * One purchase-order line's cumulative received quantity.
   *
   * @param orderId the purchase order
   * @param variant the line's variant
   * @param received units received in all
   */
  public record Line(String orderId, VariantId variant, long received) {}
}
