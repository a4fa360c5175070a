package dev.stockbridge.mapping;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where the storefront keeps a planner variant's stock: the SKU, its stock pool, and every supply
 * channel that draws on that pool.
 *
 * @param sku the storefront SKU
 * @param location the stock pool
 * @param supplyChannels the supply channels mapped to the pool, in mapping order
 */
public record StorefrontKey(Sku sku, Location location, Set<SupplyChannel> supplyChannels) {

  /**
   * Validates the key and copies the channels.
   *
   * @throws InvalidValueException if any part is null
   */
  public StorefrontKey {
    Checks.notNull("sku", sku);
    Checks.notNull("location", location);
    supplyChannels =
        Collections.unmodifiableSet(
            new LinkedHashSet<>(Checks.notNull("supply_channels", supplyChannels)));
  }

  /**
   * The bookkeeping key of this SKU in this pool.
   *
   * @return the stock key
   */
  public StockKey stockKey() {
    return new StockKey(sku, location);
  }
}
