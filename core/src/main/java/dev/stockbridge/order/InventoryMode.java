package dev.stockbridge.order;

/**
 * How the storefront itself treats a line's stock (commercetools' {@code InventoryMode}). Lines the
 * storefront decrements on its own must not be decremented again.
 */
public enum InventoryMode {
  /** The storefront does not touch stock: Stockbridge decrements. */
  NONE,
  /** The storefront decrements when the order is created, even below zero. */
  TRACK_ONLY,
  /** The storefront checks and decrements when the order is created. */
  RESERVE_ON_ORDER;

  /**
   * Whether the storefront decrements the line's own SKU by itself.
   *
   * @return {@code true} for {@link #TRACK_ONLY} and {@link #RESERVE_ON_ORDER}
   */
  public boolean storefrontDecrements() {
    return this != NONE;
  }
}
