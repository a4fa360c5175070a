package dev.stockbridge.spi;

import dev.stockbridge.StockKey;
import java.util.Collection;
import java.util.Map;

/**
 * The storefront's stock, as Stockbridge needs it: batched reads and compare-and-set updates. The
 * commercetools adapter implements it over inventory entries; the in-memory adapter is the embedded
 * default. Every implementation must pass {@code StorefrontStockContract}.
 *
 * <p>Failures are unchecked: {@link VersionConflictException} when the version is stale, {@link
 * EntryNotFoundException} when no entry exists, {@link TransientStorefrontException} for failures
 * worth retrying (rate limits, 5xx, timeouts). Anything else is permanent. Implementations are
 * thread-safe.
 */
public interface StorefrontStock {

  /**
   * Reads the entries of many keys at once. Keys without an entry are absent from the result.
   *
   * @param keys the keys to read
   * @return the entries found, by key
   * @throws TransientStorefrontException if the read may succeed when retried
   */
  Map<StockKey, StockEntry> read(Collection<StockKey> keys);

  /**
   * Applies an update to one entry if its version is still the one read.
   *
   * @param read the entry as read; its version guards the write
   * @param update the change, applied atomically
   * @return the entry after the update
   * @throws VersionConflictException if the entry changed since it was read
   * @throws EntryNotFoundException if the entry no longer exists
   * @throws TransientStorefrontException if the write may succeed when retried
   */
  StockEntry update(StockEntry read, EntryUpdate update);
}
