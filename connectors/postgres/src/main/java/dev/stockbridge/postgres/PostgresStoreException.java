package dev.stockbridge.postgres;

import dev.stockbridge.StockbridgeException;

/** The database refused or failed a store's operation; nothing of that operation was committed. */
public class PostgresStoreException extends StockbridgeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the driver's exception
   */
  public PostgresStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public PostgresStoreException(String message) {
    super(message);
  }
}
