package dev.stockbridge.reconcile;

/**
 * The team that owns a discrepancy or exception and is expected to act on it, following the
 * seed brief's split: operations run stock and replenishment, e-commerce runs the storefront
 * catalogue, finance owns costs and stock valuation.
 */
public enum Owner {
  /** Operations: stock positions, warehouses, replenishment and the planner's item data. */
  OPS,
  /** E-commerce: the storefront catalogue, its inventory entries and the SKU mapping. */
  ECOMMERCE,
  /** Finance: costs, stock valuation and purchase-order value. */
  FINANCE
}
