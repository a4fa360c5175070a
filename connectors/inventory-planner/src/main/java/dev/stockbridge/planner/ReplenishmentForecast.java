package dev.stockbridge.planner;

import dev.stockbridge.StockKey;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What Inventory Planner recommends ordering for one SKU at one location, for reports and alerts.
 *
 * @param key the storefront SKU and location
 * @param replenishment units needed to cover lead time plus review period, minimum stock included
 * @param toOrder the recommendation after MOQ and pack size
 * @param replenishDate the last day to order before a stock-out, if known
 */
public record ReplenishmentForecast(StockKey key, long replenishment, long toOrder, Optional<LocalDate> replenishDate) {

  /** Validates that nothing is null. */
  public ReplenishmentForecast {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(replenishDate, "replenishDate");
  }
}
