package dev.stockbridge;

/**
 * Arithmetic on stock quantities that refuses to overflow. Every quantity Stockbridge accepts lies
 * within ±{@link #MAX}, far beyond any real stock and far from {@code long} overflow, so sums of
 * many movements stay exact.
 */
public final class Quantities {

  /** Largest magnitude of any single quantity: one trillion units. */
  public static final long MAX = 1_000_000_000_000L;

  private Quantities() {}

  /**
   * Adds two quantities.
   *
   * @param field the field the result belongs to, named in the error
   * @param a the first quantity
   * @param b the second quantity
   * @return {@code a + b}
   * @throws InvalidValueException if the sum lies outside ±{@link #MAX}
   */
  public static long add(String field, long a, long b) {
    long sum;
    try {
      sum = Math.addExact(a, b);
    } catch (ArithmeticException overflow) {
      throw new InvalidValueException(field, a + " + " + b, "would overflow");
    }
    if (sum > MAX || sum < -MAX) {
      throw new InvalidValueException(field, a + " + " + b, "would exceed ±" + MAX);
    }
    return sum;
  }

  /**
   * Multiplies a quantity, as when a bundle's quantity is spread over its components.
   *
   * @param field the field the result belongs to, named in the error
   * @param a the quantity
   * @param factor the multiplier
   * @return {@code a * factor}
   * @throws InvalidValueException if the product lies outside ±{@link #MAX}
   */
  public static long multiply(String field, long a, long factor) {
    long product;
    try {
      product = Math.multiplyExact(a, factor);
    } catch (ArithmeticException overflow) {
      throw new InvalidValueException(field, a + " × " + factor, "would overflow");
    }
    if (product > MAX || product < -MAX) {
      throw new InvalidValueException(field, a + " × " + factor, "would exceed ±" + MAX);
    }
    return product;
  }
}
