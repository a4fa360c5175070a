package dev.stockbridge.planner.feed;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import java.math.BigDecimal;

/**
 * This package's names for core's argument checks ({@link Checks}, the one rule for bad
 * arguments); kept so that the feed classes need not change. Call {@link Checks} directly in new
 * code.
 */
final class Fields {

  private Fields() {}

  static <T> T notNull(String field, T value) {
    return Checks.notNull(field, value);
  }

  static String notBlank(String field, String value) {
    return Checks.notBlank(field, value);
  }

  static BigDecimal notNegative(String field, BigDecimal value) {
    return Checks.notNegative(field, value);
  }

  static String currency(String field, String value) {
    if (value == null || !value.matches("[A-Z]{3}")) {
      throw new InvalidValueException(field, value, "must be an ISO 4217 code such as EUR");
    }
    return value;
  }
}
