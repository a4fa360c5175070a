package dev.stockbridge.reconcile;

/** What is wrong between the storefront and the planner or stock source. */
public enum DiscrepancyKind {
  /** The planner knows the SKU (or has stock for it at a location), the storefront does not. */
  MISSING_IN_STOREFRONT,
  /** The storefront sells the SKU (or holds an entry for it), the planner does not know it. */
  MISSING_IN_PLANNER,
  /** A storefront SKU without a planner variant, or a planner variant without a storefront SKU. */
  UNMAPPED,
  /** Quantities differ beyond tolerance after in-flight movements are accounted for. */
  QUANTITY_MISMATCH,
  /** The storefront shows stock the source holds in a state that is not sellable. */
  STATE_NOT_SELLABLE,
  /** A bundle's entry differs from the min-rule over its components' entries. */
  BUNDLE_DRIFT,
  /** A source position is older than its freshness target. */
  STALE,
  /** A published SKU whose planner variant has no lead time or no cost. */
  NEW_SKU_WITHOUT_PLANNING_DATA,
  /**
   * Storefront reservations still hold stock well past their deadline: the entry's available
   * quantity is that much below its quantity on stock, and shoppers cannot buy those units.
   */
  RESERVATION_STUCK,
  /**
   * The entry's available quantity differs from its quantity on stock by more than its open
   * reservations explain.
   */
  AVAILABLE_MISMATCH,
  /**
   * The entry has {@code restockableInDays} set where the storefront policy allows no backorders:
   * commercetools then lets {@code ReserveOnOrder} orders through without stock.
   */
  BACKORDERS_WITHOUT_POLICY
}
