package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import java.math.BigDecimal;

/** Argument checks for this package's records and builders. */
final class Fields {

  private Fields() {}

  static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new InvalidValueException(field, null, "must not be null");
    }
    return value;
  }

  static String notBlank(String field, String value) {
    if (notNull(field, value).isBlank()) {
      throw new InvalidValueException(field, value, "must not be blank");
    }
    return value;
  }

  static BigDecimal notNegative(String field, BigDecimal value) {
    if (notNull(field, value).signum() < 0) {
      throw new InvalidValueException(field, value, "must not be negative");
    }
    return value;
  }

  static String currency(String field, String value) {
    if (value == null || !value.matches("[A-Z]{3}")) {
      throw new InvalidValueException(field, value, "must be an ISO 4217 code such as EUR");
    }
    return value;
  }
}
