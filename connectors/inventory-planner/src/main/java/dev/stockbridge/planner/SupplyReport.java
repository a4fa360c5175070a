package dev.stockbridge.planner;

import dev.stockbridge.StockKey;
import dev.stockbridge.spi.Supply;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one read of Inventory Planner means for the storefront: supply fields per key, to push with
 * {@code report.supply().forEach(engine::setSupply)}, and the forecasts for people.
 *
 * @param supply the supply fields per storefront key, in reading order
 * @param replenishment keys Inventory Planner recommends ordering
 * @param sellOut keys with a sell-out forecast
 */
public record SupplyReport(
    Map<StockKey, Supply> supply, List<ReplenishmentForecast> replenishment, List<SellOutForecast> sellOut) {

  /** Copies. */
  public SupplyReport {
    supply = Collections.unmodifiableMap(new LinkedHashMap<>(supply));
    replenishment = List.copyOf(replenishment);
    sellOut = List.copyOf(sellOut);
  }
}
