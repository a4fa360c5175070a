package dev.stockbridge.ats;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Quantities;

/**
 * Stock a channel holds back so that it is not oversold while updates are in flight: a fixed
 * number of units, or a percentage of the stock it is applied to. Immutable.
 */
public sealed interface Buffer permits Buffer.Units, Buffer.Percent {

  /**
   * A buffer that holds nothing back.
   *
   * @return a zero-unit buffer
   */
  static Buffer none() {
    return new Units(0);
  }

  /**
   * A buffer of a fixed number of units.
   *
   * @param units how many units to hold back
   * @return the buffer
   * @throws InvalidValueException if units is negative
   */
  static Buffer units(long units) {
    return new Units(units);
  }

  /**
   * A buffer of a percentage of the stock, rounded up to whole units.
   *
   * @param percent the percentage to hold back, 0 to 100
   * @return the buffer
   * @throws InvalidValueException if percent is outside 0 to 100
   */
  static Buffer percent(int percent) {
    return new Percent(percent);
  }

  /**
   * How many units of the given stock this buffer holds back.
   *
   * @param stock the stock before the buffer, 0 to {@link Quantities#MAX}
   * @return the units held back, between 0 and {@code stock}
   * @throws InvalidValueException if stock is negative or above {@link Quantities#MAX}
   */
  long heldBack(long stock);

  /**
   * Holds back a fixed number of units, or all the stock if there is less.
   *
   * @param units how many units to hold back, not negative
   */
  record Units(long units) implements Buffer {

    /**
     * Validates the buffer.
     *
     * @throws InvalidValueException if units is negative
     */
    public Units {
      Checks.nonNegative("buffer units", units);
    }

    @Override
    public long heldBack(long stock) {
      return Math.min(units, checked(stock));
    }

    @Override
    public String toString() {
      return units + " units";
    }
  }

  /**
   * Holds back a percentage of the stock, rounded up, so that what remains is never more than the
   * exact {@code stock × (100 − percent) / 100}: 10% of 5 units holds back 1, leaving 4.
   *
   * @param percent the percentage to hold back, 0 to 100
   */
  record Percent(int percent) implements Buffer {

    /**
     * Validates the buffer.
     *
     * @throws InvalidValueException if percent is outside 0 to 100
     */
    public Percent {
      if (percent < 0 || percent > 100) {
        throw new InvalidValueException("buffer percent", percent, "must be between 0 and 100");
      }
    }

    @Override
    public long heldBack(long stock) {
      // stock ≤ Quantities.MAX, so stock × 100 cannot overflow
      return (checked(stock) * percent + 99) / 100;
    }

    @Override
    public String toString() {
      return percent + "%";
    }
  }

  private static long checked(long stock) {
    return Checks.quantity("stock", Checks.nonNegative("stock", stock));
  }
}
