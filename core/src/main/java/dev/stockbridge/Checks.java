package dev.stockbridge;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The one rule for bad arguments: each check returns the value it checked and, on failure, throws
 * an {@link InvalidValueException} naming the argument and the value. Core uses it everywhere;
 * connectors and other adapters use it too, so every module refuses bad input the same way.
 */
public final class Checks {

  private Checks() {}

  /**
   * A non-blank token without surrounding whitespace, and valid UTF-16 (no lone surrogate: it
   * could not be stored and read back as the same id).
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
    int bad = invalidUtf16(value);
    if (bad >= 0) {
      // Stored as UTF-8, a lone surrogate would come back as '?': another id after a restart.
      throw new InvalidValueException(
          field, printable(value), "holds a lone UTF-16 surrogate at index " + bad + " (not valid Unicode)");
    }
    return value;
  }

  /** The value with every surrogate shown as U+FFFD, so that the message itself is valid text. */
  private static String printable(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
    }
    return out.toString();
  }

  /** The index of the first lone surrogate in a string, or -1 if it is valid UTF-16. */
  private static int invalidUtf16(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
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

  /**
   * A count that is at least 1.
   *
   * @param field the field name
   * @param value the value
   * @return the value
   */
  public static int positive(String field, int value) {
    if (value <= 0) {
      throw new InvalidValueException(field, value, "must be positive");
    }
    return value;
  }

  /**
   * A duration that is not null and longer than zero.
   *
   * @param field the field name
   * @param value the value
   * @return the value
   */
  public static Duration positive(String field, Duration value) {
    if (notNull(field, value).isNegative() || value.isZero()) {
      throw new InvalidValueException(field, value, "must be positive");
    }
    return value;
  }

  /**
   * A duration that is not null and not negative.
   *
   * @param field the field name
   * @param value the value
   * @return the value
   */
  public static Duration notNegative(String field, Duration value) {
    if (notNull(field, value).isNegative()) {
      throw new InvalidValueException(field, value, "must not be negative");
    }
    return value;
  }

  /**
   * Text that is not null and not blank.
   *
   * @param field the field name
   * @param value the value
   * @return the value
   */
  public static String notBlank(String field, String value) {
    if (notNull(field, value).isBlank()) {
      throw new InvalidValueException(field, value, "must not be blank");
    }
    return value;
  }

  /**
   * A decimal that is not null and not negative.
   *
   * @param field the field name
   * @param value the value
   * @return the value
   */
  public static BigDecimal notNegative(String field, BigDecimal value) {
    if (notNull(field, value).signum() < 0) {
      throw new InvalidValueException(field, value, "must not be negative");
    }
    return value;
  }
}
