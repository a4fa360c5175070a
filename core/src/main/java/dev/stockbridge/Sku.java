package dev.stockbridge;

/**
 * A stock-keeping unit at variant level, as the storefront knows it. Never blank; surrounding
 * whitespace is rejected rather than trimmed, because a SKU that differs by a space is a
 * different SKU on both platforms.
 *
 * @param value the SKU text
 */
public record Sku(String value) implements Comparable<Sku> {

  /** Longest SKU accepted; commercetools limits SKUs to 256 characters. */
  public static final int MAX_LENGTH = 256;

  /**
   * Validates the SKU.
   *
   * @throws InvalidValueException if the value is null, blank, padded or too long
   */
  public Sku {
    value = Checks.token("sku", value, MAX_LENGTH);
  }

  /**
   * Creates a SKU.
   *
   * @param value the SKU text
   * @return the SKU
   * @throws InvalidValueException if the value is null, blank, padded or too long
   */
  public static Sku of(String value) {
    return new Sku(value);
  }

  @Override
  public int compareTo(Sku other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
