package dev.stockbridge;

/** Argument checks shared by the value types; every failure names the field and the value. */
final class Checks {

  private Checks() {}

  static String token(String field, String value, int maxLength) {
    if (value == null) {
      throw new InvalidValueException(field, null, "must not be null");
    }
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

  static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new InvalidValueException(field, null, "must not be null");
    }
    return value;
  }

  static long quantity(String field, long value) {
    if (value > Quantities.MAX || value < -Quantities.MAX) {
      throw new InvalidValueException(field, value, "must be within ±" + Quantities.MAX);
    }
    return value;
  }

  static long nonNegative(String field, long value) {
    if (value < 0) {
      throw new InvalidValueException(field, value, "must not be negative");
    }
    return quantity(field, value);
  }
}
