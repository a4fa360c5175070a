package dev.stockbridge.ats;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Quantities;

/** Argument checks for this package; every failure names the field and the value. */
final class Require {

  private Require() {}

  static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new InvalidValueException(field, null, "must not be null");
    }
    return value;
  }

  static long nonNegative(String field, long value) {
    if (value < 0) {
      throw new InvalidValueException(field, value, "must not be negative");
    }
    return value;
  }

  static long quantity(String field, long value) {
    if (value > Quantities.MAX || value < -Quantities.MAX) {
      throw new InvalidValueException(field, value, "must be within ±" + Quantities.MAX);
    }
    return value;
  }
}
