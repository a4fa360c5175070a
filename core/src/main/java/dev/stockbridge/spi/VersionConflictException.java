package dev.stockbridge.spi;

import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import java.util.OptionalLong;

/**
 * A compare-and-set update lost a race: the entry changed since it was read, and the update was not
 * applied. Re-apply the relative change on the current version; never overwrite. When the
 * storefront says which version is current (commercetools' 409 carries {@code currentVersion}),
 * the writer of a key can retry at once with it: the update was refused whole, so the entry's
 * exactly-once marker is still the one that writer last set.
 */
public final class VersionConflictException extends StockbridgeException {

  private final StockKey key;
  private final long expectedVersion;
  private final long currentVersion;

  /**
   * Creates the exception for a storefront that does not say which version is current.
   *
   * @param key the entry's key
   * @param expectedVersion the version the update named
   */
  public VersionConflictException(StockKey key, long expectedVersion) {
    this(key, expectedVersion, -1);
  }

  /**
   * Creates the exception.
   *
   * @param key the entry's key
   * @param expectedVersion the version the update named
   * @param currentVersion the entry's version now, as the storefront reported it, or a negative
   *     number if it did not say
   */
  public VersionConflictException(StockKey key, long expectedVersion, long currentVersion) {
    super("entry " + key + " changed since version " + expectedVersion + " was read"
        + (currentVersion >= 0 ? " (now at version " + currentVersion + ")" : ""));
    this.key = key;
    this.expectedVersion = expectedVersion;
    this.currentVersion = currentVersion;
  }

  /** The entry's key. @return the key */
  public StockKey key() {
    return key;
  }

  /** The stale version the update named. @return the version */
  public long expectedVersion() {
    return expectedVersion;
  }

  /**
   * The entry's version when the update was refused, if the storefront said.
   *
   * @return the current version, or empty
   */
  public OptionalLong currentVersion() {
    return currentVersion >= 0 ? OptionalLong.of(currentVersion) : OptionalLong.empty();
  }
}
