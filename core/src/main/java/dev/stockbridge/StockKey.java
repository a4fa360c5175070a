package dev.stockbridge;

/**
 * The unit of stock bookkeeping: one SKU at one location. Each key has one writer at a time and
 * its own movement sequence.
 *
 * @param sku the SKU
 * @param location the stock pool
 */
public record StockKey(Sku sku, Location location) implements Comparable<StockKey> {

  /**
   * Validates the key.
   *
   * @throws InvalidValueException if either part is null
   */
  public StockKey {
    Checks.notNull("sku", sku);
    Checks.notNull("location", location);
  }

  /**
   * Creates a key from text.
   *
   * @param sku the SKU text
   * @param location the location key
   * @return the key
   * @throws InvalidValueException if either is blank
   */
  public static StockKey of(String sku, String location) {
    return new StockKey(Sku.of(sku), Location.of(location));
  }

  @Override
  public int compareTo(StockKey other) {
    int bySku = sku.compareTo(other.sku);
    return bySku != 0 ? bySku : location.compareTo(other.location);
  }

  @Override
  public String toString() {
    return sku + "@" + location;
  }
}
