package dev.stockbridge.mapping;

import dev.stockbridge.InvalidValueException;

/** The checks of {@code dev.stockbridge.Checks}, which is not visible from this package. */
final class Tokens {

  private static final int MAX_LENGTH = 256;

  private Tokens() {}

  static String token(String field, String value) {
    notNull(field, value);
    if (value.isBlank()) {
      throw new InvalidValueException(field, value, "must not be blank");
    }
    if (!value.equals(value.strip())) {
      throw new InvalidValueException(field, value, "must not start or end with whitespace");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidValueException(
          field, value, "must be at most " + MAX_LENGTH + " characters");
    }
    return value;
  }

  static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new InvalidValueException(field, null, "must not be null");
    }
    return value;
  }
}
