package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;

/**
 * How far two quantities may differ and still agree: the larger of a fixed number of units and a
 * percentage of the expected quantity.
 *
 * @param units the gap always tolerated, in units
 * @param percent the gap tolerated as a percentage of the expected quantity, 0 to 100
 */
public record Tolerance(long units, int percent) {

  /** No gap tolerated. */
  public static final Tolerance EXACT = new Tolerance(0, 0);

  /**
   * Validates the tolerance.
   *
   * @throws InvalidValueException if units is negative or percent is outside 0..100
   */
  public Tolerance {
    Checks.quantity("units", Checks.nonNegative("units", units));
    if (percent < 0 || percent > 100) {
      throw new InvalidValueException("percent", percent, "must be between 0 and 100");
    }
  }

  /**
   * A tolerance of a fixed number of units.
   *
   * @param units the gap tolerated
   * @return the tolerance
   * @throws InvalidValueException if units is negative
   */
  public static Tolerance units(long units) {
    return new Tolerance(units, 0);
  }

  /**
   * Whether a gap is tolerated for an expected quantity.
   *
   * @param gap the signed gap
   * @param expected the expected quantity
   * @return {@code true} if {@code |gap|} is within the tolerance
   */
  public boolean allows(long gap, long expected) {
    long magnitude = Math.abs(gap);
    return magnitude <= units || magnitude * 100 <= Math.abs(expected) * percent;
  }
}
