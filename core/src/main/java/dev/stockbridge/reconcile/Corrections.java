package dev.stockbridge.reconcile;

import dev.stockbridge.Movement;
import java.util.List;

/**
 * Where approved CORRECTION movements go. The host wires it to the engine: {@code
 * engine::submit}. A failure makes the reconciler hand the discrepancies to a person instead.
 */
@FunctionalInterface
public interface Corrections {

  /**
   * Submits correction movements.
   *
   * @param movements the CORRECTION movements, one per key
   * @throws dev.stockbridge.StockbridgeException if they were not accepted
   */
  void submit(List<Movement> movements);
}
