package dev.stockbridge.planner;

import dev.stockbridge.StockKey;
import java.time.LocalDate;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * When one SKU at one location is forecast to sell out, for reports and alerts.
 *
 * @param key the storefront SKU and location
 * @param daysUntilSellOut days until stock reaches zero, counting incoming stock
 * @param sellsOutOn the day that falls on, from the day the forecast was read
 * @param dailySalesVelocity forecast units sold per day, if known
 */
public record SellOutForecast(StockKey key, int daysUntilSellOut, LocalDate sellsOutOn, OptionalDouble dailySalesVelocity) {

  /** Validates that nothing is null. */
  public SellOutForecast {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sellsOutOn, "sellsOutOn");
    Objects.requireNonNull(dailySalesVelocity, "dailySalesVelocity");
  }
}
