package dev.stockbridge.reconcile;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import java.util.List;

/**
 * The movements Stockbridge has accepted for a key but the storefront does not show yet. The host
 * wires the engine's journal-backed view here. Must be thread-safe.
 */
@FunctionalInterface
public interface InFlight {

  /**
   * The movements of a key accepted but not yet applied to the storefront.
   *
   * @param key the (SKU, location) key
   * @return the unapplied movements, in sequence order; empty if none
   */
  List<Movement> unapplied(StockKey key);

  /**
   * A view with nothing in flight.
   *
   * @return the empty view
   */
  static InFlight none() {
    return key -> List.of();
  }
}
