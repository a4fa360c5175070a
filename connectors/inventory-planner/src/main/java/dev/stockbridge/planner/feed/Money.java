package dev.stockbridge.planner.feed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Amounts as the currency writes them: rounded half-even to its minor unit (2 decimals for EUR, 0
 * for JPY, 3 for KWD), so a spread bundle price is {@code 11.67}, never {@code 11.666667}. A code
 * that is valid-looking but unknown to the JDK, or one without a minor unit (XAU), keeps its
 * amount as given. Remembers the last currency, since a feed is nearly always in one. Not
 * thread-safe: one per file.
 */
final class Money {

  private String lastCode = "";
  private int lastDigits = -1;
  private BigDecimal lastZero = BigDecimal.ZERO;

  BigDecimal amount(BigDecimal value, String currency) {
    int digits = digits(currency);
    if (digits < 0 || value.scale() == digits) {
      return value; // the common case costs nothing
    }
    return value.signum() == 0 ? lastZero : value.setScale(digits, RoundingMode.HALF_EVEN);
  }

  int digits(String currency) {
    if (!currency.equals(lastCode)) {
      lastDigits = fractionDigits(currency);
      lastCode = currency;
      lastZero = BigDecimal.ZERO.setScale(Math.max(lastDigits, 0));
    }
    return lastDigits;
  }

  static int fractionDigits(String currency) {
    try {
      return Currency.getInstance(currency).getDefaultFractionDigits();
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}
