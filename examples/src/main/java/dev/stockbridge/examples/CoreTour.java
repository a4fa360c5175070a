package dev.stockbridge.examples;

import dev.stockbridge.Position;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.state.InventoryState;
import dev.stockbridge.state.StateModel;
import dev.stockbridge.state.StatusMapping;
import dev.stockbridge.state.UnknownStatusException;

/**
 * A short, runnable tour of the core model: a return travels through inspection before it is
 * sellable, and a warehouse status nobody mapped is refused rather than sold.
 */
public final class CoreTour {

  private CoreTour() {}

  /**
   * Runs the tour and prints what happens.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    StateModel states = StateModel.standard();
    StatusMapping wms = StatusMapping.standard();
    StockKey key = StockKey.of("TEE-RED-M", "london-dc");

    Position position = Position.empty(key).plus(InventoryState.AVAILABLE, 10);
    System.out.printf("%s: %d sellable%n", key, position.sellable());

    InventoryState returned = wms.resolve("qc", key.sku());
    position = position.plus(returned, 2);
    System.out.printf("two units returned into %s: still %d sellable%n", returned, position.sellable());

    position = position.move(states, InventoryState.INSPECTION, InventoryState.AVAILABLE, 1);
    position = position.move(states, InventoryState.INSPECTION, InventoryState.DAMAGED, 1);
    System.out.printf(
        "one passed inspection, one was damaged: %d sellable, %d on hand%n",
        position.sellable(), position.onHand());

    try {
      wms.resolve("B-stock", Sku.of("TEE-RED-M"));
    } catch (UnknownStatusException e) {
      System.out.println("refused: " + e.getMessage());
    }
  }
}
