package dev.stockbridge.spi;

import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;

/**
 * The storefront has no entry for a key, so stock for it cannot be changed. Permanent: the SKU or
 * its location must be set up in the storefront first.
 */
public final class EntryNotFoundException extends StockbridgeException {

  private final StockKey key;

  /**
   * Creates the exception.
   *
   * @param key the missing entry's key
   */
  public EntryNotFoundException(StockKey key) {
    super("the storefront has no inventory entry for " + key);
    this.key = key;
  }

  /** The missing entry's key. @return the key */
  public StockKey key() {
    return key;
  }
}
