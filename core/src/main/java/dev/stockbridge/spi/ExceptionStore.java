package dev.stockbridge.spi;

/**
 * Where failures that need a person go: movements a storefront refused for good, updates for SKUs
 * nobody mapped. Implementations keep each record with its full context and de-duplicate by
 * {@link StockException#dedupeKey()}. Must be thread-safe and must not throw.
 */
@FunctionalInterface
public interface ExceptionStore {

  /**
   * Records an exception.
   *
   * @param exception the exception with its context
   */
  void raise(StockException exception);
}
