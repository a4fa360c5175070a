package dev.stockbridge;

/**
 * Root of every exception Stockbridge throws. Unchecked, so it crosses SPI boundaries without
 * wrapping; subtypes carry their context (SKU, location, value, line) as fields, not only in the
 * message. Messages never contain secrets.
 */
public class StockbridgeException extends RuntimeException {

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, naming the offending value
   */
  public StockbridgeException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, naming the offending value
   * @param cause the underlying failure
   */
  public StockbridgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
