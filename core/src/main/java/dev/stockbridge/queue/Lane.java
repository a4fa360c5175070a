package dev.stockbridge.queue;

import dev.stockbridge.MovementKind;

/**
 * The priority lanes of the decrement queue, highest first. A key whose waiting movements include
 * an order goes out in the ORDER lane, carrying whatever else waits on that key in the same update.
 */
public enum Lane {
  /** Order decrements and their bundle components: never batched, never paused. */
  ORDER,
  /** Cancellations and accepted returns. */
  RESTOCK,
  /** Receipts, counts, transfers and planner pushes. */
  ADJUSTMENT,
  /** Reconciliation corrections and catalogue-wide refreshes. */
  BULK;

  /**
   * The lane a movement kind travels in.
   *
   * @param kind the movement kind
   * @return its lane
   */
  public static Lane of(MovementKind kind) {
    return switch (kind) {
      case ORDER -> ORDER;
      case CANCELLATION, RETURN_RESTOCK -> RESTOCK;
      case RECEIPT, ADJUSTMENT, TRANSFER, HOLDBACK -> ADJUSTMENT;
      case CORRECTION -> BULK;
    };
  }
}
