package dev.stockbridge.internal;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Quantities;

/**
 * Argument checks shared by core's packages. Each returns the value it checked and, on failure,
 * throws an {@link InvalidValueException} naming the field and the value. Not API.
 */
public final class Checks {

  private Checks() {}

  /**
   * A non-blank token without surrounding whitespace.
   *
   * @param field the field name
   * @param value the value
   * @param maxLength the longest value allowed
   * @return the value
   */
  public static String token(String field, String value, int maxLength) {
    notNull(field, value);
    if (value.isBlank()) {
      throw new InvalidValueException(field, value, "must not be blank");
    }
    if (!value.equals(value.strip())) {
      throw new InvalidValueException(field, value, "must not start or end with whitespace");
    }
    if (value.length() > maxLength) {
      throw new InvalidValueException(field, value, "must be at most " + maxLength + " characters");
    }
    return value;
  }

  /**
   * A value that is not null.
   *
   * @param <T> the value's type
   * @param field the field name
   * @param value the value
   * @return the value
   */
  public static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new InvalidValueException(field, null, "must not be null");
    }
    return value;
  }

  /**
   * A quantity within ±{@link Quantities#MAX}.
   *
   * @param field the field name
   * @param value the value
   * @return the value
   */
  public static long quantity(String field, long value) {
    if (value > Quantities.MAX || value < -Quantities.MAX) {
      throw new InvalidValueException(field, value, "must be within ±" + Quantities.MAX);
    }
    return value;
  }

  /**
   * A value that is not negative.
   *
   * @param field the field name
   * @param value the value
   * @return the value
   */
  public static long nonNegative(String field, long value) {
    if (value < 0) {
      throw new InvalidValueException(field, value, "must not be negative");
    }
    return value;
  }
}
