package dev.stockbridge.reconcile;

import dev.stockbridge.StockKey;
import java.time.Instant;
import java.util.List;

/**
 * Orders recently placed on the storefront, with their times, so the differ can count those inside
 * the platform's consistency lag as in flight. Must be thread-safe.
 */
@FunctionalInterface
public interface RecentOrders {

  /**
   * The order decrements of a key placed at or after an instant.
   *
   * @param key the (SKU, location) key
   * @param since the earliest placement time of interest
   * @return the orders, empty if none
   */
  List<PlacedOrder> placedSince(StockKey key, Instant since);

  /**
   * No recent orders.
   *
   * @return the empty source
   */
  static RecentOrders none() {
    return (key, since) -> List.of();
  }
}
