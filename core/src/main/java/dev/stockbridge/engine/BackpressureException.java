package dev.stockbridge.engine;

import dev.stockbridge.StockbridgeException;

/**
 * The engine's queue stayed full for the whole offer timeout. Nothing of the refused submission was
 * accepted or journaled; submit it again later (an order feed simply does not advance its
 * watermark).
 */
public final class BackpressureException extends StockbridgeException {

  private final int refused;

  /**
   * Creates the exception.
   *
   * @param refused how many movements were refused
   * @param capacity the queue's capacity
   */
  public BackpressureException(int refused, int capacity) {
    super("queue full: " + refused + " movements refused (capacity " + capacity + "); retry later");
    this.refused = refused;
  }

  /** How many movements were refused. @return the count */
  public int refused() {
    return refused;
  }
}
