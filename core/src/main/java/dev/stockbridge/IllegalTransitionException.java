package dev.stockbridge;

import java.util.Set;
import java.util.TreeSet;

/** Stock was asked to move between two states that the {@link StateModel} does not connect. */
public final class IllegalTransitionException extends StockbridgeException {

  private final InventoryState from;
  private final InventoryState to;

  IllegalTransitionException(InventoryState from, InventoryState to, Set<InventoryState> allowed) {
    super(
        "stock cannot move from "
            + from
            + " to "
            + to
            + "; from "
            + from
            + " it may move to "
            + (allowed.isEmpty() ? "nothing" : new TreeSet<>(allowed.stream().map(InventoryState::name).toList())));
    this.from = from;
    this.to = to;
  }

  /** The current state. @return the state stock was in */
  public InventoryState from() {
    return from;
  }

  /** The refused target. @return the state stock was to move to */
  public InventoryState to() {
    return to;
  }
}
