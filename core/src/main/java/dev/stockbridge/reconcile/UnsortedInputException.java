package dev.stockbridge.reconcile;

import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;

/**
 * A side declared sorted was not: a key arrived that is not after the one before it (out of
 * order, or a duplicate). Sort the side, or pass it as {@link StockRows#unsorted}.
 */
public final class UnsortedInputException extends StockbridgeException {

  private final String side;
  private final StockKey previous;
  private final StockKey next;

  /**
   * Creates the exception.
   *
   * @param side which side, {@code "source"} or {@code "storefront"}
   * @param previous the key read before
   * @param next the key that broke the order
   */
  public UnsortedInputException(String side, StockKey previous, StockKey next) {
    super(side + " rows are not sorted by key: " + next + " came after " + previous);
    this.side = side;
    this.previous = previous;
    this.next = next;
  }

  /** The side that broke the order. @return {@code "source"} or {@code "storefront"} */
  public String side() {
    return side;
  }

  /** The key read before. @return the key */
  public StockKey previous() {
    return previous;
  }

  /** The key that broke the order. @return the key */
  public StockKey next() {
    return next;
  }
}
