package dev.stockbridge.spi;

import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;

/**
 * A compare-and-set update lost a race: the entry changed since it was read. Re-read and re-apply
 * the relative change; never overwrite.
 */
public final class VersionConflictException extends StockbridgeException {

  private final StockKey key;
  private final long expectedVersion;

  /**
   * Creates the exception.
   *
   * @param key the entry's key
   * @param expectedVersion the version the update named
   */
  public VersionConflictException(StockKey key, long expectedVersion) {
    super("entry " + key + " changed since version " + expectedVersion + " was read");
    this.key = key;
    this.expectedVersion = expectedVersion;
  }

  /** The entry's key. @return the key */
  public StockKey key() {
    return key;
  }

  /** The stale version the update named. @return the version */
  public long expectedVersion() {
    return expectedVersion;
  }
}
